import PipeboardTUI

extension Charset {
    /// Unicode when the locale's character set is UTF-8, as the C library decides it: the first of LC_ALL,
    /// LC_CTYPE and LANG that is set. No locale at all (the "C" locale) is ASCII.
    package static func detect(environment: [String: String]) -> Charset {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let normalized = locale.lowercased().replacingOccurrences(of: "-", with: "")
        return normalized.contains("utf8") ? .unicode : .ascii
    }
}

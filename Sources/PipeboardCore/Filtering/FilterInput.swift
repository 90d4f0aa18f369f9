import Foundation

/// The filter as text fields, the way the filter form, the config's saved views and `pipeboard list` write it:
/// `owner`, `status`, `tag` and `source` take comma-separated values; `value` and `age` take a range written
/// `1000-5000`, `1000-` or `-5000` (age in whole days in the stage); `search` takes words; `next_step` takes
/// `overdue`, `none` or both (either).
public enum FilterInput {
    /// Every key, in form order.
    public static let keys = ["search", "owner", "status", "value", "age", "source", "tag", "next_step"]

    /// The fields of the filter form.
    public static let specs: [FieldSpec] = [
        FieldSpec(id: "owner", label: "Owner", help: "comma-separated: any of them"),
        FieldSpec(
            id: "status", label: "Status", help: "open, won, lost, abandoned or the provider's own (ACTIVE, ...)"),
        FieldSpec(id: "value", label: "Value", help: "a range: 1000-5000, 1000- or -5000 (each currency on its own)"),
        FieldSpec(id: "age", label: "Days in stage", help: "a range of days: 30- is 30 days or more"),
        FieldSpec(id: "source", label: "Source", help: "comma-separated: any of them"),
        FieldSpec(id: "tag", label: "Tag", help: "comma-separated: cards with any of them"),
        FieldSpec(
            id: "next_step", label: "Next step", help: "overdue, none (no next step), or both: open deals either way"),
    ]

    /// Parses the fields; every problem is reported against its key, nothing is half-applied.
    public static func filter(from fields: [String: String]) -> Result<BoardFilter, FieldErrors> {
        var filter = BoardFilter()
        var errors: [String: String] = [:]
        for key in fields.keys where !keys.contains(key) {
            errors[key] = "unknown filter; use \(keys.joined(separator: ", "))"
        }
        filter.search = fields["search"]?.trimmingCharacters(in: .whitespaces) ?? ""
        filter.owners = list(fields["owner"])
        for word in list(fields["status"]) {
            if let status = OpportunityStatus(userText: word) {
                filter.statuses.insert(status)
            } else if let meant = misspelledStatus(word) {
                errors["status"] =
                    "'\(word)' is not a status; did you mean \(meant)? (a provider's own, such as ON_HOLD, is "
                    + "taken as written)"
            } else {
                filter.providerStatuses.append(word)
            }
        }
        filter.sources = list(fields["source"])
        filter.tags = list(fields["tag"])
        if let text = fields["value"]?.nilIfBlank {
            switch range(
                text, parse: { Money(decimal: $0, currency: "XXX").flatMap { $0.isNegative ? nil : $0.micros } })
            {
            case .success(let bounds): (filter.minValueMicros, filter.maxValueMicros) = bounds
            case .failure: errors["value"] = "must be a range of amounts such as 1000-5000, 1000- or -5000"
            }
        }
        if let text = fields["age"]?.nilIfBlank {
            switch range(text, parse: { Int($0).flatMap { $0 >= 0 ? $0 : nil } }) {
            case .success(let bounds): (filter.minAgeDays, filter.maxAgeDays) = bounds
            case .failure: errors["age"] = "must be a range of whole days such as 7-30, 30- or -7"
            }
        }
        for word in list(fields["next_step"]) {
            switch NextStepWord(word) {
            case .overdue?: filter.overdue = true
            case .none?: filter.noNextStep = true
            case nil: errors["next_step"] = "must be overdue, none or both (comma-separated), not '\(word)'"
            }
        }
        return errors.isEmpty ? .success(filter) : .failure(FieldErrors(errors))
    }

    /// The status a word is a slip of the fingers for ("opne", "abandonned"): one edit away from a short one, two
    /// from abandoned. Anything further is a provider's own status, which matches only as written, so a typo would
    /// otherwise show nothing and say nothing.
    static func misspelledStatus(_ word: String) -> String? {
        let typed = word.lowercased()
        return OpportunityStatus.allCases.map(\.rawValue).first { status in
            Spelling.distance(typed, status) <= (status.count > 4 ? 2 : 1)
        }
    }

    /// What `next_step` takes: `overdue`, and `none` (also written `no next step` or `no_next_step`).
    enum NextStepWord {
        case overdue, none

        init?(_ text: String) {
            switch text.lowercased().replacingOccurrences(of: "_", with: " ") {
            case "overdue": self = .overdue
            case "none", "no next step": self = .none
            default: return nil
            }
        }
    }

    /// The filter written back as fields (empty ones left out): what the filter form starts from.
    public static func fields(of filter: BoardFilter) -> [String: String] {
        var fields: [String: String] = [:]
        if !filter.search.isEmpty { fields["search"] = filter.search }
        if !filter.owners.isEmpty { fields["owner"] = filter.owners.joined(separator: ", ") }
        let statuses =
            OpportunityStatus.allCases.filter(filter.statuses.contains).map(\.rawValue) + filter.providerStatuses
        if !statuses.isEmpty { fields["status"] = statuses.joined(separator: ", ") }
        if filter.minValueMicros != nil || filter.maxValueMicros != nil {
            let text = { (micros: Int64?) in micros.map { Money(micros: $0, currency: "XXX").decimalString } ?? "" }
            fields["value"] = text(filter.minValueMicros) + "-" + text(filter.maxValueMicros)
        }
        if filter.minAgeDays != nil || filter.maxAgeDays != nil {
            fields["age"] =
                (filter.minAgeDays.map(String.init) ?? "") + "-" + (filter.maxAgeDays.map(String.init) ?? "")
        }
        if !filter.sources.isEmpty { fields["source"] = filter.sources.joined(separator: ", ") }
        if !filter.tags.isEmpty { fields["tag"] = filter.tags.joined(separator: ", ") }
        let steps = (filter.overdue ? ["overdue"] : []) + (filter.noNextStep ? ["none"] : [])
        if !steps.isEmpty { fields["next_step"] = steps.joined(separator: ", ") }
        return fields
    }

    /// A short description for the status bar: "owner Ana · status won · 30+ days".
    public static func summary(of filter: BoardFilter) -> String {
        var parts: [String] = []
        if !filter.search.isEmpty { parts.append("“\(filter.search)”") }
        let fields = fields(of: filter)
        for key in keys where key != "search" {
            guard let value = fields[key] else { continue }
            let shown = (key == "value" || key == "age") ? readable(range: value) : value
            switch key {
            case "age": parts.append("\(shown) days in stage")
            case "next_step":
                parts.append(
                    [filter.overdue ? "overdue" : nil, filter.noNextStep ? "no next step" : nil].compactMap { $0 }
                        .joined(separator: " or "))
            default: parts.append("\(key) \(shown)")
            }
        }
        return parts.joined(separator: " · ")
    }

    /// "30-" as "30+", "-7" as "≤7", "7-30" as "7–30".
    static func readable(range text: String) -> String {
        if text.hasSuffix("-") { return String(text.dropLast()) + "+" }
        if text.hasPrefix("-") { return "≤" + text.dropFirst() }
        return text.replacingOccurrences(of: "-", with: "–")
    }

    public static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    struct BadRange: Error {}

    /// "a-b", "a-", "-b" or a single "a" (exactly a); each side parsed by `parse`, low never above high.
    static func range<T: Comparable>(_ text: String, parse: (String) -> T?) -> Result<(T?, T?), BadRange> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 1 {
            guard let exact = parse(parts[0]) else { return .failure(BadRange()) }
            return .success((exact, exact))
        }
        let low = parts[0].isEmpty ? nil : parse(parts[0])
        let high = parts[1].isEmpty ? nil : parse(parts[1])
        guard parts[0].isEmpty || low != nil, parts[1].isEmpty || high != nil, low != nil || high != nil else {
            return .failure(BadRange())
        }
        if let low, let high, low > high { return .failure(BadRange()) }
        return .success((low, high))
    }
}

import Foundation

/// One line of progress for long work (a sync, a demo fill): bar, pages, records, rate and time left.
/// Pure, so the command line's meter and the tests share it.
package struct ProgressText: Hashable, Sendable {
    package var done: Int
    /// 0...1 where the total is known.
    package var fraction: Double?
    package var pages: Int?
    /// What `done` counts: "records", "opportunities".
    package var unit: String
    package var elapsed: TimeInterval

    package init(done: Int, fraction: Double?, pages: Int? = nil, unit: String, elapsed: TimeInterval) {
        self.done = done
        self.fraction = fraction
        self.pages = pages
        self.unit = unit
        self.elapsed = elapsed
    }

    /// Items per second so far; nil before there is anything to divide.
    package var rate: Double? {
        guard elapsed > 0.05, done > 0 else { return nil }
        return Double(done) / elapsed
    }

    /// Seconds left at the pace so far; nil without a known fraction or pace.
    package var secondsLeft: TimeInterval? {
        guard let fraction, fraction > 0, elapsed > 0.05 else { return nil }
        return max(0, elapsed * (1 - fraction) / fraction)
    }

    /// "[██████░░░░]  45%  3 pages  1,200 records  340/s  ~4s left" for a terminal.
    package func line(charset: Charset, barWidth: Int = 24) -> String {
        var parts: [String] = []
        if let fraction {
            let open = charset == .unicode ? "▕" : "["
            let close = charset == .unicode ? "▏" : "]"
            parts.append(open + Bars.progress(fraction, width: barWidth, charset: charset) + close)
            parts.append(String(format: "%3d%%", Int((fraction * 100).rounded(.down))))
        }
        parts += counts
        if let left = secondsLeft { parts.append("~" + Self.duration(left) + " left") }
        return parts.joined(separator: "  ")
    }

    /// "45%: 3 pages, 1200 records, 340/s, about 4s left" for a pipe or a log: no bar, no control characters.
    package var plainLine: String {
        var text = counts.joined(separator: ", ")
        if let fraction { text = "\(Int((fraction * 100).rounded(.down)))%: " + text }
        if let left = secondsLeft { text += ", about \(Self.duration(left)) left" }
        return text
    }

    private var counts: [String] {
        var parts: [String] = []
        if let pages { parts.append(pages == 1 ? "1 page" : "\(pages) pages") }
        parts.append("\(done) \(unit)")
        if let rate { parts.append("\(Int(rate.rounded()))/s") }
        return parts
    }

    /// "4s", "2m05s", "1h03m".
    package static func duration(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole)s" }
        if whole < 3_600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3_600, (whole % 3_600) / 60)
    }
}

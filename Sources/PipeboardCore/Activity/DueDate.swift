import Foundation

/// When a task is due: a day, and a time of day where one was given. Both in UTC, as the app writes days
/// (`ISODay`), so that "overdue" and "today" mean the same on every screen and in every export.
public struct DueDate: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// "2026-03-14".
    public var day: String
    /// "15:30" (24-hour), nil for the whole day.
    public var time: String?

    public init(day: String, time: String? = nil) {
        self.day = day
        self.time = time
    }

    /// The instant a provider is sent: the time on the day, else the start of the day (UTC).
    public var instant: Date? {
        guard let days = ISODay.daysSince1970(of: day) else { return nil }
        var minutes = 0
        if let time {
            let parts = time.split(separator: ":")
            guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour),
                (0..<60).contains(minute)
            else { return nil }
            minutes = hour * 60 + minute
        }
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + minutes * 60))
    }

    /// The due date of an instant a provider reports; `hasTime` false keeps the day only.
    public init(instant: Date, hasTime: Bool = true) {
        day = ISODay.string(from: instant)
        guard hasTime else { return }
        let minutes = Int(instant.timeIntervalSince1970.rounded(.down) / 60) % (24 * 60)
        let positive = minutes < 0 ? minutes + 24 * 60 : minutes
        time = Self.twoDigits(positive / 60) + ":" + Self.twoDigits(positive % 60)
    }

    /// ISO 8601 as the JSON output writes it: "2026-03-14" for a day, "2026-03-14T15:30:00Z" with a time.
    public var iso: String { time.map { day + "T" + $0 + ":00Z" } ?? day }

    /// "2026-03-14" or "2026-03-14 15:30".
    public var description: String { time.map { day + " " + $0 } ?? day }

    /// Earlier first; on the same day a task without a time comes after those with one (it is due by day's end).
    public static func < (lhs: DueDate, rhs: DueDate) -> Bool {
        if lhs.day != rhs.day { return lhs.day < rhs.day }
        return (lhs.time ?? "24:00") < (rhs.time ?? "24:00")
    }

    /// Due before `today` (an ISO day).
    public func isOverdue(today: String) -> Bool { day < today }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

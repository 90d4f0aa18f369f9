import PipeboardCore
import Foundation

/// `--as-of DAY` (and `--since`, `--until`): the end of that day in UTC, or a clear error naming the option.
enum AsOfDay {
    static func cutoff(_ text: String, option: String = "--as-of") throws -> Date {
        guard let cutoff = AsOf.endOfDay(text.trimmingCharacters(in: .whitespaces)) else {
            throw CLIError("\(option) takes a day as YYYY-MM-DD, e.g. 2026-11-01; got '\(text)'")
        }
        return cutoff
    }

    /// A past day, or today: the board of a day to come is not known, and would count days in stage up to it.
    static func past(_ text: String, now: Date = Date()) throws -> Date {
        let cutoff = try cutoff(text)
        guard cutoff.addingTimeInterval(-86_400) <= now else {
            throw CLIError("--as-of \(text) is a day to come; give today (\(ISODay.string(from: now))) or a day before")
        }
        return cutoff
    }
}

import PipeboardCore
import Foundation

/// `--as-of DAY`: the end of that day in UTC, or a clear error.
enum AsOfDay {
    static func cutoff(_ text: String) throws -> Date {
        guard let cutoff = AsOf.endOfDay(text.trimmingCharacters(in: .whitespaces)) else {
            throw CLIError("--as-of takes a day as YYYY-MM-DD, e.g. 2026-11-01; got '\(text)'")
        }
        return cutoff
    }
}

import Foundation
import Synchronization

/// What a provider's rate-limit headers said about the budget left: the current window's and the day's, where
/// it gives them (HighLevel: X-RateLimit-Remaining / -Max and X-RateLimit-Daily-Remaining / -Limit-Daily;
/// Coperniq: X-RateLimit-Remaining / -Limit).
package struct RateLimitReading: Hashable, Sendable {
    package var remaining: Int?
    package var limit: Int?
    package var dailyRemaining: Int?
    package var dailyLimit: Int?

    /// Nil when the answer had no rate-limit header at all.
    init?(header: (String) -> String?) {
        func number(_ name: String) -> Int? { header(name).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        remaining = number("X-RateLimit-Remaining")
        limit = number("X-RateLimit-Max") ?? number("X-RateLimit-Limit")
        dailyRemaining = number("X-RateLimit-Daily-Remaining")
        dailyLimit = number("X-RateLimit-Limit-Daily")
        guard remaining != nil || dailyRemaining != nil else { return nil }
    }

    /// "98 of 100 left in this window, 199,990 of 200,000 today".
    package var description: String {
        [(remaining, limit, "in this window"), (dailyRemaining, dailyLimit, "today")].compactMap { left, limit, span in
            left.map { "\(Self.grouped($0))\(limit.map { " of \(Self.grouped($0))" } ?? "") left \(span)" }
        }.joined(separator: ", ")
    }

    static func grouped(_ number: Int) -> String {
        number.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    }

    /// The reading of the last answer any provider gave in this process, taken once (cleared by reading).
    /// `pipeboard doctor` checks one account at a time and reads it after each account's request.
    package static func takeLatest() -> RateLimitReading? {
        latest.withLock { value in
            defer { value = nil }
            return value
        }
    }

    static func record(header: (String) -> String?) {
        guard let reading = RateLimitReading(header: header) else { return }
        latest.withLock { $0 = reading }
    }

    private static let latest = Mutex<RateLimitReading?>(nil)
}

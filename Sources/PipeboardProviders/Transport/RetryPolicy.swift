import Foundation
import PipeboardCore

/// Timeouts and the retry schedule: `Backoff.request` unless a test sets its own, and the provider's own delay
/// when it asks for one.
public struct RetryPolicy: Sendable {
    /// Tries in all, the first included.
    package var maxAttempts: Int
    package var backoff: Backoff
    /// A provider that asks to wait longer than this gets `rateLimited` back, so the outbox waits instead of a
    /// request holding the board.
    package var longestWait: Duration
    /// For the whole request: connecting, sending and reading the full answer.
    package var requestTimeout: Duration

    public init(
        maxAttempts: Int = 4, baseDelay: Duration = Backoff.request.base,
        maxDelay: Duration = Backoff.request.cap, longestWait: Duration = .seconds(30),
        requestTimeout: Duration = .seconds(30)
    ) {
        self.maxAttempts = maxAttempts
        self.backoff = Backoff(base: baseDelay, cap: maxDelay)
        self.longestWait = longestWait
        self.requestTimeout = requestTimeout
    }
}

/// Reads how long a provider asked the client to wait.
enum RetryAfter {
    /// `Retry-After` as seconds or as an HTTP date.
    static func parse(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return .milliseconds(Int64(seconds * 1_000)) }
        guard let date = httpDate.date(from: value) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1_000))
    }

    private static let httpDate: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter
    }()
}

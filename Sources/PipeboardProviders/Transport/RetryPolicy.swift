import Foundation

/// Timeouts and the retry schedule: exponential backoff with full jitter, and the provider's own delay when it
/// asks for one.
public struct RetryPolicy: Sendable {
    /// Tries in all, the first included.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// A provider that asks to wait longer than this gets `rateLimited` back, so the outbox waits instead of a
    /// request holding the board.
    public var longestWait: Duration
    /// For the whole request: connecting, sending and reading the full answer.
    public var requestTimeout: Duration

    public init(maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8),
                longestWait: Duration = .seconds(30), requestTimeout: Duration = .seconds(30)) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.longestWait = longestWait
        self.requestTimeout = requestTimeout
    }

    /// Full jitter: a random delay between zero and the exponential ceiling for this attempt (0-based).
    func backoff(attempt: Int) -> Duration {
        let ceiling = min(maxDelay, baseDelay * (1 << min(attempt, 20)))
        let millis = Int64(ceiling.components.seconds * 1_000 + ceiling.components.attoseconds / 1_000_000_000_000_000)
        return .milliseconds(Int64.random(in: 0...max(millis, 0)))
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

extension Duration {
    var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

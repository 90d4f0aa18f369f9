import Foundation

/// A provider's rate limit as a fixed window: at most `limit` requests per `interval`.
public struct RateLimit: Sendable {
    public var limit: Int
    public var interval: Duration
    public init(limit: Int, interval: Duration) {
        self.limit = limit
        self.interval = interval
    }
}

/// Counts requests in the current window.
final class RateWindow: Sendable {
    struct Snapshot {
        var allowed: Bool
        var remaining: Int
        var resetIn: Duration
    }

    let rule: RateLimit
    private let state: Locked<(start: ContinuousClock.Instant, used: Int)>

    init(_ rule: RateLimit) {
        self.rule = rule
        state = Locked((ContinuousClock.now, 0))
    }

    func take() -> Snapshot {
        state.withLock { window in
            let now = ContinuousClock.now
            if now - window.start >= rule.interval { window = (now, 0) }
            let resetIn = rule.interval - (now - window.start)
            guard window.used < rule.limit else { return Snapshot(allowed: false, remaining: 0, resetIn: resetIn) }
            window.used += 1
            return Snapshot(allowed: true, remaining: rule.limit - window.used, resetIn: resetIn)
        }
    }

    /// A 429 forced by a fault: the window as if used up.
    func exhausted() -> Snapshot {
        Snapshot(allowed: false, remaining: 0, resetIn: rule.interval)
    }
}

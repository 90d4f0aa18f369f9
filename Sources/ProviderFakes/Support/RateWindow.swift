import Foundation

/// A provider's rate limit: at most `limit` requests per `interval`.
public struct RateLimit: Sendable {
    public var limit: Int
    public var interval: Duration
    public init(limit: Int, interval: Duration) {
        self.limit = limit
        self.interval = interval
    }
}

/// Counts requests against a `RateLimit`, the way the provider counts them.
final class RateWindow: Sendable {
    /// How the provider refills its allowance.
    enum Refill: Sendable {
        /// A fixed window: `limit` requests from the first one, then a new window (HighLevel's burst limit).
        case window
        /// Twenty's token bucket (`ThrottlerService.tokenBucketThrottleOrThrow`): full at first, a request takes a
        /// token, and whole tokens come back at `limit` per `interval` counted from the last one taken. The fraction
        /// of a token is dropped each time one is taken; a refused request changes nothing.
        case tokenBucket
    }

    struct Snapshot {
        var allowed: Bool
        var remaining: Int
        /// Until the window starts again, or (a token bucket) until the next token.
        var resetIn: Duration
    }

    let rule: RateLimit
    let refill: Refill
    /// The window's start and its count; or the bucket's last refill and its tokens.
    private let state: Locked<(start: ContinuousClock.Instant, used: Int)>

    init(_ rule: RateLimit, refill: Refill = .window) {
        self.rule = rule
        self.refill = refill
        state = Locked((ContinuousClock.now, refill == .window ? 0 : max(rule.limit, 0)))
    }

    func take() -> Snapshot {
        switch refill {
        case .window: takeFromWindow()
        case .tokenBucket: takeFromBucket()
        }
    }

    private func takeFromWindow() -> Snapshot {
        state.withLock { window in
            let now = ContinuousClock.now
            if now - window.start >= rule.interval { window = (now, 0) }
            let resetIn = rule.interval - (now - window.start)
            guard window.used < rule.limit else { return Snapshot(allowed: false, remaining: 0, resetIn: resetIn) }
            window.used += 1
            return Snapshot(allowed: true, remaining: rule.limit - window.used, resetIn: resetIn)
        }
    }

    /// `used` holds the tokens left, `start` when they were last counted.
    private func takeFromBucket() -> Snapshot {
        state.withLock { bucket in
            let now = ContinuousClock.now
            let perToken = rule.interval / max(rule.limit, 1)
            let whole = perToken > .zero ? ((now - bucket.start) / perToken).rounded(.down) : Double(rule.limit)
            let refilled = Int(min(whole, Double(rule.limit)))
            let available = min(bucket.used + refilled, rule.limit)
            guard available >= 1 else {
                return Snapshot(allowed: false, remaining: 0, resetIn: bucket.start + perToken - now)
            }
            bucket = (now, available - 1)
            return Snapshot(allowed: true, remaining: available - 1, resetIn: available > 1 ? .zero : perToken)
        }
    }

    /// A 429 forced by a fault: the window as if used up.
    func exhausted() -> Snapshot {
        Snapshot(
            allowed: false, remaining: 0,
            resetIn: refill == .window ? rule.interval : rule.interval / max(rule.limit, 1))
    }
}

import Foundation

/// How long to wait before trying again: exponential backoff with full jitter (a random wait between zero and
/// `base` doubled per failed try, at most `cap`), and the provider's own delay when it asks for a longer one.
public struct Backoff: Hashable, Sendable {
    public var base: Duration
    public var cap: Duration

    public init(base: Duration, cap: Duration) {
        self.base = base
        self.cap = cap
    }

    /// Between the tries of one request, while someone may be waiting on it: 0.5 s doubling to 8 s.
    public static let request = Backoff(base: .milliseconds(500), cap: .seconds(8))
    /// Between deliveries of one waiting change, in the background: 1 s doubling to five minutes.
    public static let outbox = Backoff(base: .seconds(1), cap: .seconds(300))

    /// The longest wait after `attempt` failed tries (0-based).
    public func ceiling(attempt: Int) -> Duration {
        min(cap, base * (1 << min(max(attempt, 0), 20)))
    }

    /// A random wait up to the ceiling, to the millisecond; `requested` wins when it is longer.
    public func delay(attempt: Int, requested: Duration? = nil) -> Duration {
        let ceiling = ceiling(attempt: attempt)
        let millis = ceiling.components.seconds * 1_000 + ceiling.components.attoseconds / 1_000_000_000_000_000
        return max(requested ?? .zero, .milliseconds(Int64.random(in: 0...max(millis, 0))))
    }
}

extension Duration {
    public var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

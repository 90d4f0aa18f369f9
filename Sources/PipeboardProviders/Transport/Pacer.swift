import Foundation

/// Client-side pacing, one per account: a token bucket sized so that no window of the provider's length ever
/// sees more requests than its documented limit, so a large pull slows down instead of being refused.
public actor Pacer {
    private let capacity: Double
    private let perSecond: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant
    private var pausedUntil: ContinuousClock.Instant?

    /// At most `limit` requests in any `window`: a tenth of the limit as burst, the rest spread evenly.
    public init(limit: Int, per window: Duration) {
        let seconds = max(window.timeInterval, 0.001)
        capacity = max(1, Double(limit) / 10)
        perSecond = (Double(limit) - capacity) / seconds
        tokens = capacity
        last = .now
    }

    /// HighLevel: 100 requests per 10 seconds per location.
    public static func highLevel() -> Pacer { Pacer(limit: 100, per: .seconds(10)) }
    /// Twenty: 100 requests per minute.
    public static func twenty() -> Pacer { Pacer(limit: 100, per: .seconds(60)) }
    /// Coperniq: 100 requests per second per key (the 5,000 a day are a DailyBudget).
    public static func coperniq() -> Pacer { Pacer(limit: 100, per: .seconds(1)) }
    /// BrightMove and Coastline publish no limit: a gentle 10 requests per second so a big pull is no burst.
    public static func undocumented() -> Pacer { Pacer(limit: 10, per: .seconds(1)) }

    /// Waits for this request's turn. The slot is taken before sleeping, so concurrent callers queue fairly.
    func acquire() async throws {
        let now = ContinuousClock.now
        tokens = min(capacity, tokens + (now - last).timeInterval * perSecond)
        last = now
        tokens -= 1
        var wait: Duration = tokens < 0 ? .milliseconds(Int64(-tokens / perSecond * 1_000)) : .zero
        if let pausedUntil, pausedUntil > now { wait = max(wait, pausedUntil - now) }
        if wait > .zero { try await Task.sleep(for: wait) }
    }

    /// The provider said its window is used up: hold every request of this account for `delay`.
    func pause(for delay: Duration) {
        let until = ContinuousClock.now + delay
        pausedUntil = max(pausedUntil ?? until, until)
    }
}

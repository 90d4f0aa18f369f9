import Foundation

/// Client-side pacing, one per account, so that a large pull or a long outbox slows down to the provider's
/// documented limit instead of being refused (see `SendSchedule`).
public actor Pacer {
    /// One of the two: a provider's window, or its token bucket.
    private var window: SendSchedule?
    private var bucket: TokenSchedule?
    private var pausedUntil: ContinuousClock.Instant?

    /// At most `limit` requests in any `window`.
    public init(limit: Int, per window: Duration) {
        self.window = SendSchedule(limit: limit, window: window)
    }

    /// A provider that counts `limit` requests per `window` as a token bucket: `limit` at once, then one every
    /// `window / limit` (see `TokenSchedule`).
    public init(tokens limit: Int, refilledOver window: Duration) {
        bucket = TokenSchedule(limit: limit, window: window)
    }

    /// HighLevel: 100 requests per 10 seconds per location.
    public static func highLevel() -> Pacer { Pacer(limit: 100, per: .seconds(10)) }
    /// Twenty: 100 requests per minute, counted as a token bucket per workspace.
    public static func twenty() -> Pacer { Pacer(tokens: 100, refilledOver: .seconds(60)) }
    /// Coperniq: 100 requests per second per key (the 5,000 a day are a DailyBudget).
    package static func coperniq() -> Pacer { Pacer(limit: 100, per: .seconds(1)) }
    /// BrightMove and Coastline publish no limit: a gentle 10 requests per second so a big pull is no burst.
    package static func undocumented() -> Pacer { Pacer(limit: 10, per: .seconds(1)) }

    /// Waits for this request's turn. The slot is taken before sleeping, so concurrent callers queue fairly.
    func acquire() async throws {
        let now = ContinuousClock.now
        let at =
            bucket?.slot(now: now, pausedUntil: pausedUntil) ?? window?.slot(now: now, pausedUntil: pausedUntil)
            ?? now
        if at > now { try await Task.sleep(until: at, clock: .continuous) }
    }

    /// The provider refused a request (429) without saying how long to wait. A token bucket is empty now, so the
    /// next request goes a token's time later, and true says that slot is the wait (no backoff on top). A window
    /// says nothing more: false.
    func refused() -> Bool {
        bucket?.refused(now: ContinuousClock.now)
        return bucket != nil
    }

    /// An answer that went through said the provider's window (`window` long) is now used up. When this pacer
    /// itself sent a whole limit of requests within that window, the window ends a window after the first of them;
    /// otherwise the account shares it with someone else and every request is held for a whole `window` from now.
    func windowUsedUp(_ window: Duration) {
        let now = ContinuousClock.now
        let until = self.window?.endOfFullWindow(now: now, window: window) ?? now + window
        pausedUntil = max(pausedUntil ?? until, until)
    }

    /// The provider said its window is used up: hold every request of this account for `delay`.
    func pause(for delay: Duration) {
        let until = ContinuousClock.now + delay
        pausedUntil = max(pausedUntil ?? until, until)
    }
}

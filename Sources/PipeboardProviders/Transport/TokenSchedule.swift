/// When each request of one account may go against a provider that counts its limit as a token bucket (Twenty:
/// `limit` tokens at first, whole tokens coming back at `limit` per `window` from the last one taken). Pure, so the
/// pacing is tested without waiting.
///
/// It keeps the same count the provider keeps, with one token every `window / limit` plus a margin: a full bucket
/// goes at once, then one request a token's time after the one before. 500 requests at 100 a minute take
/// 400 × 0.606 s ≈ 242 s, where pacing by whole windows (`SendSchedule`) takes 4 × 60.6 s ≈ 303 s.
struct TokenSchedule {
    let limit: Int
    /// One token's time, the margin included: a request that arrives a hair early finds no whole token.
    let perToken: Duration
    private var tokens: Int
    /// When the last slot was given: the provider counts its refill from the last token taken.
    private var last: ContinuousClock.Instant?
    private var lastRefusal: ContinuousClock.Instant?

    init(limit: Int, window: Duration) {
        self.limit = max(1, limit)
        perToken = window / self.limit + window / self.limit / 100
        tokens = self.limit
    }

    /// Promises the next request a slot at or after `now` (and after `pausedUntil`), and returns it.
    mutating func slot(now: ContinuousClock.Instant, pausedUntil: ContinuousClock.Instant? = nil)
        -> ContinuousClock.Instant
    {
        var at = max(now, pausedUntil ?? now)
        if let last {
            at = max(at, last)
            // Whole tokens only, as the provider counts them: the fraction is lost when one is taken.
            var available = min(limit, tokens + Int(((at - last) / perToken).rounded(.down)))
            if available < 1 {
                at = last + perToken
                available = 1
            }
            tokens = available - 1
        } else {
            tokens = limit - 1
        }
        last = at
        return at
    }

    /// The provider refused a request at `now` for want of a token. Once in a while that is a request that arrived
    /// a hair early (the network, a busy machine), a token's time after the one before by this clock but not by the
    /// provider's: the next goes a tenth of a token later. Refused again within two tokens' time, the bucket is
    /// empty (someone else uses the account too): the next goes a whole token's time later.
    mutating func refused(now: ContinuousClock.Instant) {
        let again = lastRefusal.map { now - $0 < perToken * 2 } ?? false
        lastRefusal = now
        tokens = 0
        // The refused request took no token: the next one's comes `wait` from now.
        let wait = again ? perToken : perToken / 10
        last = now + wait - perToken
    }
}

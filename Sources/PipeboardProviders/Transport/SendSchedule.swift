/// When each request of one account may go so that no window of the provider's length ever holds more than its
/// documented limit: a request may go once the one sent `limit` requests earlier is a window (plus a margin)
/// old. Pure, so the pacing is tested without waiting.
///
/// This runs at the limit itself (1,000 requests at 100 per 10 s take 90 s, not the 110 s that smoothing to 90%
/// of the rate took), and a window of requests goes out as one burst when it is free.
struct SendSchedule {
    let limit: Int
    let window: Duration
    /// Slack per window for the provider's clock and the network: a request that arrives a hair early in a
    /// provider's own window would be refused.
    let margin: Duration
    /// Send times still inside the last window (and the slots already promised), oldest first.
    private var sent: [ContinuousClock.Instant] = []
    private var first = 0

    init(limit: Int, window: Duration) {
        self.limit = max(1, limit)
        self.window = window
        margin = window / 100
    }

    /// When a provider window of `window` that counted the last `limit` requests sent by `now` can have ended: it
    /// began no later than the first of them, so a window (plus the margin) after that one. Nil when fewer than
    /// `limit` went out within the last `window`: then someone else used up the window too, and when it began is
    /// not known here.
    func endOfFullWindow(now: ContinuousClock.Instant, window: Duration) -> ContinuousClock.Instant? {
        // Slots are promised in order, so the ones already due are a prefix of the active ones.
        let due = sent[first...].prefix { $0 <= now }
        guard due.count >= limit else { return nil }
        let oldest = due[due.endIndex - limit]
        guard now - oldest <= window else { return nil }
        return oldest + window + margin
    }

    /// Promises the next request a slot at or after `now` (and after `pausedUntil`), and returns it.
    mutating func slot(now: ContinuousClock.Instant, pausedUntil: ContinuousClock.Instant? = nil)
        -> ContinuousClock.Instant
    {
        while first < sent.count, sent[first] + window + margin <= now { first += 1 }
        if first > 1_024, first * 2 > sent.count {
            sent.removeFirst(first)
            first = 0
        }
        var at = now
        let active = sent.count - first
        if active >= limit { at = max(at, sent[sent.count - limit] + window + margin) }
        if let last = sent.last { at = max(at, last) }
        if let pausedUntil { at = max(at, pausedUntil) }
        sent.append(at)
        return at
    }
}

@testable import PipeboardProviders
import Testing

@Suite("TokenSchedule: client-side pacing for a provider's token bucket")
struct TokenScheduleTests {
    let start = ContinuousClock.now

    @Test("a full bucket goes at once, then one request a token's time (plus 1%) after the one before")
    func burstThenOneAToken() {
        var schedule = TokenSchedule(limit: 100, window: .seconds(60))
        let slots = (0..<105).map { _ in schedule.slot(now: start) - start }
        #expect(slots[0..<100].allSatisfy { $0 == .zero })
        #expect(Array(slots[100..<105]) == (1...5).map { .milliseconds(606 * $0) })
        // 501 requests asked for back to back: 401 tokens' time, against 5 whole windows paced by `SendSchedule`.
        var pull = TokenSchedule(limit: 100, window: .seconds(60))
        let last = (0..<501).map { _ in pull.slot(now: start) }.last!
        #expect(last - start == .milliseconds(606 * 401))
        var windows = SendSchedule(limit: 100, window: .seconds(60))
        #expect((0..<501).map { _ in windows.slot(now: start) }.last! - start == .milliseconds(303_000))
    }

    @Test("a pause refills the bucket with whole tokens only, up to the limit, as the provider counts them")
    func wholeTokens() {
        var schedule = TokenSchedule(limit: 3, window: .seconds(3))
        for _ in 0..<3 { _ = schedule.slot(now: start) }
        // 1.5 tokens' time later one whole token has come back; the half is lost when it is taken.
        let later = start + .milliseconds(1_515)
        #expect(schedule.slot(now: later) == later)
        #expect(schedule.slot(now: later) == later + .milliseconds(1_010))
        // A long pause fills the bucket to the limit and no further.
        let much = start + .seconds(60)
        #expect((0..<4).map { _ in schedule.slot(now: much) - much } == [.zero, .zero, .zero, .milliseconds(1_010)])
    }

    @Test("a refusal: the next request a tenth of a token later; refused again soon after, a whole token later")
    func refusal() {
        var schedule = TokenSchedule(limit: 5, window: .seconds(3))
        #expect(schedule.slot(now: start) == start)
        // Arrived a hair early: tried again 60.6 ms later, and the one after a token's time after that.
        let early = start + .milliseconds(100)
        schedule.refused(now: early)
        #expect(schedule.slot(now: early) == early + .nanoseconds(60_600_000))
        #expect(schedule.slot(now: early) == early + .nanoseconds(666_600_000))
        // Refused twice within two tokens' time: the bucket is empty, a whole token's wait.
        let empty = start + .seconds(2)
        schedule.refused(now: empty)
        #expect(schedule.slot(now: empty) == empty + .nanoseconds(60_600_000))
        let again = empty + .milliseconds(70)
        schedule.refused(now: again)
        #expect(schedule.slot(now: again) == again + .milliseconds(606))
    }

    @Test("a pause the provider asked for holds the next requests")
    func pause() {
        var schedule = TokenSchedule(limit: 100, window: .seconds(60))
        #expect(schedule.slot(now: start, pausedUntil: start + .seconds(3)) == start + .seconds(3))
        #expect(schedule.slot(now: start + .seconds(1)) == start + .seconds(3))
    }
}

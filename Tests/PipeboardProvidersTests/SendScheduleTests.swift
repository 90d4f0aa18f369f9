@testable import PipeboardProviders
import Testing

@Suite("SendSchedule: client-side pacing at the provider's limit")
struct SendScheduleTests {
    let start = ContinuousClock.now

    @Test("a free window goes at once; the next request waits until the first is a window (plus 1%) old")
    func burstThenWindow() {
        var schedule = SendSchedule(limit: 5, window: .seconds(10))
        let slots = (0..<12).map { _ in schedule.slot(now: start) - start }
        #expect(slots[0..<5].allSatisfy { $0 == .zero })
        #expect(slots[5..<10].allSatisfy { $0 == .milliseconds(10_100) })
        #expect(slots[10..<12].allSatisfy { $0 == .milliseconds(20_200) })
    }

    @Test("no window of the provider's length ever holds more than the limit, at any pace of asking")
    func neverOverTheLimit() {
        var schedule = SendSchedule(limit: 100, window: .seconds(10))
        var now = start
        var slots: [ContinuousClock.Instant] = []
        for index in 0..<1_000 {
            now += .milliseconds(index % 7 == 0 ? 250 : 3)
            let slot = schedule.slot(now: now)
            #expect(slot >= now)
            now = slot // the caller sleeps until its slot, then asks again
            slots.append(slot)
        }
        for (index, slot) in slots.enumerated() where index >= 100 {
            #expect(slot - slots[index - 100] >= .seconds(10))
        }
        // 1,000 requests asked for back to back finish near the floor of 9 windows, not 11 (a 90% rate).
        var backToBack = SendSchedule(limit: 100, window: .seconds(10))
        let last = (0..<1_000).map { _ in backToBack.slot(now: start) }.last!
        #expect(last - start == .milliseconds(90_900))
    }

    @Test("a window used up by this client's own requests ends a window after the first of them")
    func endOfAWindowThisClientFilled() {
        var schedule = SendSchedule(limit: 5, window: .seconds(10))
        // Five requests 200 ms apart: the provider's window began no later than the first one.
        let slots = (0..<5).map { schedule.slot(now: start + .milliseconds(200 * $0)) }
        let now = start + .milliseconds(900)
        #expect(schedule.endOfFullWindow(now: now, window: .seconds(10)) == slots[0] + .milliseconds(10_100))
        // A window length the provider gives is the one used.
        #expect(schedule.endOfFullWindow(now: now, window: .seconds(4)) == slots[0] + .milliseconds(4_100))
    }

    @Test("fewer of this client's requests than the limit in the window: when it began is not known")
    func windowSharedWithSomeoneElse() {
        var schedule = SendSchedule(limit: 5, window: .seconds(10))
        for index in 0..<4 { _ = schedule.slot(now: start + .milliseconds(100 * index)) }
        #expect(schedule.endOfFullWindow(now: start + .seconds(1), window: .seconds(10)) == nil)
        // Five sent, but spread over more than the provider's window.
        var spread = SendSchedule(limit: 5, window: .seconds(10))
        for index in 0..<5 { _ = spread.slot(now: start + .seconds(3 * index)) }
        #expect(spread.endOfFullWindow(now: start + .seconds(12), window: .seconds(10)) == nil)
        // A slot promised for later is not a request sent.
        var ahead = SendSchedule(limit: 5, window: .seconds(10))
        for _ in 0..<4 { _ = ahead.slot(now: start) }
        _ = ahead.slot(now: start, pausedUntil: start + .seconds(5))
        #expect(ahead.endOfFullWindow(now: start + .seconds(1), window: .seconds(10)) == nil)
    }

    @Test("a pause the provider asked for holds the next requests")
    func pause() {
        var schedule = SendSchedule(limit: 100, window: .seconds(10))
        #expect(schedule.slot(now: start, pausedUntil: start + .seconds(3)) == start + .seconds(3))
        #expect(schedule.slot(now: start + .seconds(1)) == start + .seconds(3))
    }
}

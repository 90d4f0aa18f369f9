import Foundation
import PipeboardTUI
import Synchronization
import Testing

@testable import PipeboardRuntime

@Suite("the board's day")
struct DayTickerTests {
    /// A clock that reads 23:59:30 on Dec 6 three times, then 00:00:30 on Dec 7 from then on.
    final class MidnightClock: Sendable {
        let reads = Mutex(0)
        let evening = Date(timeIntervalSince1970: 1_796_601_570) // 2026-12-06T23:59:30Z
        func now() -> Date {
            let read = reads.withLock { count in
                count += 1
                return count
            }
            return read <= 3 ? evening : evening.addingTimeInterval(60)
        }
    }

    @Test func theTimeIsPostedOnceWhenTheDayChangesAndNotBefore() async throws {
        let inbox = try Inbox()
        let clock = MidnightClock()
        let ticker = tellEachNewDay(inbox, every: .milliseconds(5), clock: clock.now)
        defer { ticker.cancel() }
        var ticks: [Date] = []
        for _ in 0..<400 where ticks.isEmpty || clock.reads.withLock({ $0 }) < 10 {
            try await Task.sleep(for: .milliseconds(5))
            for case .app(.tick(let date)) in inbox.drain() { ticks.append(date) }
        }
        #expect(ticks == [clock.evening.addingTimeInterval(60)])
    }
}

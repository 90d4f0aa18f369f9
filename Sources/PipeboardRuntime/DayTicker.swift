import Foundation
import PipeboardCore

/// Posts the time to the loop when the day changes (looked at every `interval`), so that "today", "overdue" and
/// the days in a stage move on while the board stays open all day. Between day changes it wakes nothing.
func tellEachNewDay(
    _ inbox: Inbox, every interval: Duration = .seconds(60), clock: @escaping @Sendable () -> Date = { Date() }
) -> Task<Void, Never> {
    Task.detached {
        var day = ISODay.string(from: clock())
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let now = clock()
            let today = ISODay.string(from: now)
            guard today != day, !Task.isCancelled else { continue }
            day = today
            inbox.post(.app(.tick(now)))
        }
    }
}

import Foundation
import PipeboardCore
import Testing
@testable import PipeboardService

/// A merged column sorted by next step orders its accounts' cards as the store orders one account's column.
@Suite("Merged boards: the next-step order")
struct MergedNextStepOrderTests {
    @Test func soonestFirstTimesBeforeTheWholeDayUndatedThenNone() {
        let make = { (name: String, rank: Int64) in
            Opportunity(
                account: "a", pipelineID: "p", stageID: "s", rank: rank, name: name,
                createdAt: Date(timeIntervalSince1970: 0))
        }
        let late = make("late", 5), noon = make("noon", 4), day = make("day", 3), undated = make("undated", 2)
        let none = make("none", 1), alsoNone = make("also none", 0)
        let step = { (due: DueDate?) in NextStep(taskID: UUID(), title: "x", due: due) }
        let steps: [UUID: NextStep] = [
            late.id: step(DueDate(day: "2026-01-09")), noon.id: step(DueDate(day: "2026-01-02", time: "12:00")),
            day.id: step(DueDate(day: "2026-01-02")), undated.id: step(nil),
        ]
        let sorted = [none, late, undated, alsoNone, day, noon].sorted {
            BoardService.sortsBefore($0, $1, by: .nextStep, steps: steps)
        }
        #expect(sorted.map(\.name) == ["noon", "day", "late", "undated", "also none", "none"])
    }
}

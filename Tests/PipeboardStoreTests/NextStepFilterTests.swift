import Foundation
import GRDB
import PipeboardCore
import Testing
@testable import PipeboardStore

/// "Overdue", "no next step" and the next-step order, in SQL over the board's query and `list`, agreeing with the
/// filter's own meaning (`BoardFilter.matchesNextStep`) card by card.
@Suite("Next-step filters and order in the cache")
struct NextStepFilterTests {
    /// referenceNow is 2026-01-01 (UTC).
    static let today = "2026-01-01"

    /// late: overdue; soon: due today and later; never: no task; undated: a step without a date; closed: won with an
    /// overdue task; finished: only a done task.
    struct Deals {
        let late = card("late", rank: 0), soon = card("soon", rank: 1), never = card("never", rank: 2)
        let undated = card("undated", rank: 3), closed = card("closed", rank: 4, status: .won)
        let finished = card("finished", rank: 5)
        var all: [Opportunity] { [late, soon, never, undated, closed, finished] }
    }

    static func seeded() throws -> (CacheStore, Deals, [UUID: NextStep]) {
        let store = try CacheStore.inMemory()
        let deals = Deals()
        try store.seed(deals.all)
        let task = { (title: String, deal: Opportunity, due: DueDate?, done: Bool) in
            DealTask(
                account: deal.account, opportunityID: deal.id, title: title, due: due, isDone: done,
                createdAt: referenceNow)
        }
        try store.write { writer in
            try writer.save(task("chase", deals.late, DueDate(day: "2025-12-30"), false))
            try writer.save(task("later on", deals.late, DueDate(day: "2026-02-01"), false))
            try writer.save(task("call", deals.soon, DueDate(day: today, time: "15:00"), false))
            try writer.save(task("someday", deals.undated, nil, false))
            try writer.save(task("old", deals.closed, DueDate(day: "2025-11-01"), false))
            try writer.save(task("done long ago", deals.finished, DueDate(day: "2025-10-01"), true))
        }
        return (store, deals, try store.nextSteps(for: deals.all.map(\.id)))
    }

    func names(_ store: CacheStore, _ filter: BoardFilter, sort: ColumnSort = .manual) throws -> [String] {
        let columns = try store.columns(
            account: "acme", pipeline: salesPipeline,
            query: {
                var query = BoardQuery(statuses: [])
                query.filter = filter
                query.sorts = ["lead": sort]
                return query
            }(), now: referenceNow)
        return columns[0].cards.map(\.name)
    }

    @Test func overdueAndNoNextStepMatchTheFiltersOwnMeaning() throws {
        let (store, deals, steps) = try Self.seeded()
        let overdue = BoardFilter(overdue: true), none = BoardFilter(noNextStep: true)
        let either = BoardFilter(overdue: true, noNextStep: true)
        #expect(try names(store, overdue) == ["late"])
        #expect(try names(store, none) == ["never", "finished"])
        #expect(try names(store, either) == ["late", "never", "finished"])
        for filter in [overdue, none, either] {
            let expected = deals.all.filter { filter.matchesNextStep(steps[$0.id], of: $0, today: Self.today) }
            #expect(try names(store, filter) == expected.map(\.name))
            // The column's count is over the matching cards too, and `list` agrees.
            let listed = try store.opportunities(
                account: "acme", pipelineID: nil, stageID: nil, statuses: [], filter: filter, now: referenceNow)
            #expect(listed.map(\.name) == expected.map(\.name))
        }
        let counted = try store.columns(
            account: "acme", pipeline: salesPipeline,
            query: {
                var query = BoardQuery()
                query.filter = either
                return query
            }(), now: referenceNow)
        #expect(counted[0].count == 3)
    }

    @Test func theNextStepOrderIsSoonestFirstUndatedThenNone() throws {
        let (store, _, _) = try Self.seeded()
        #expect(try names(store, .none, sort: .nextStep) == ["closed", "late", "soon", "undated", "never", "finished"])
        let listed = try store.opportunities(
            account: "acme", pipelineID: nil, stageID: nil, statuses: [.open], sort: .nextStep, now: referenceNow)
        #expect(listed.map(\.name) == ["late", "soon", "undated", "never", "finished"])
    }

    @Test func theFilterAndTheOrderProbeTheTaskIndexNeverScanTasks() throws {
        let (store, _, _) = try Self.seeded()
        let filter = FilterSQL(BoardFilter(overdue: true, noNextStep: true), now: referenceNow)
        let plan = try store.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT id FROM opportunity WHERE account = ? \(filter.sql)
                    ORDER BY \(ColumnSort.nextStep.orderSQL)
                    """,
                arguments: ["acme"] + filter.arguments
            ).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("task_next_step") }, "\(plan)")
        #expect(!plan.contains { $0.contains("SCAN task") }, "\(plan)")
    }
}

/// The board's query brings each shown card's latest note or finished task, for staleness.
@Suite("Last activity with the board")
struct LastActivityTests {
    @Test func theLatestNoteOrFinishedTaskComesWithTheCards() throws {
        let store = try CacheStore.inMemory()
        let noted = card("noted", rank: 0), finished = card("finished", rank: 1), quiet = card("quiet", rank: 2)
        try store.seed([noted, finished, quiet])
        let later = referenceNow.addingTimeInterval(3_600)
        try store.write { writer in
            try writer.save(Note(account: "acme", opportunityID: noted.id, text: "met", createdAt: referenceNow))
            try writer.save(Note(account: "acme", opportunityID: noted.id, text: "called", createdAt: later))
            try writer.save(
                DealTask(
                    account: "acme", opportunityID: finished.id, title: "sent", isDone: true, completedAt: later,
                    createdAt: referenceNow))
            try writer.save(
                DealTask(account: "acme", opportunityID: quiet.id, title: "open still", createdAt: later))
        }
        let column = try store.columns(account: "acme", pipeline: salesPipeline, query: BoardQuery())[0]
        #expect(column.lastActivity[noted.id] == later)
        #expect(column.lastActivity[finished.id] == later)
        #expect(column.lastActivity[quiet.id] == nil)
    }
}

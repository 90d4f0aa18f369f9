import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import Synchronization
import Testing

/// How long a card has been in its stage: set by every local move at its commit, put back exactly by undo and
/// redo, and kept by delivery and by pulls that do not move the card.
@Suite struct StageAgeTests {
    static let day: TimeInterval = 86_400

    /// The local workspace with a clock the test moves.
    struct Bench {
        let workbench: Workbench
        let clock: HandClock
        var service: BoardService { workbench.service }
        var store: CacheStore { workbench.store }

        init() async throws {
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("pipeboard-age-\(UUID().uuidString)")
            clock = HandClock(Workbench.now)
            let clock = clock
            workbench = try Workbench(folder: folder, clock: { clock.date })
            try await workbench.service.prepareLocalWorkspace(account: nil)
        }

        func card(_ id: UUID) throws -> Opportunity { try #require(try store.opportunity(id: id)) }

        /// The oldest open card of a stage: days in it, a stale mark.
        func oldest(in stage: String) async throws -> Opportunity {
            let cards = try await service.list(account: nil, pipeline: nil, stage: stage, statuses: [.open])
            return try #require(cards.min { $0.stageChangedAt < $1.stageChangedAt })
        }

        /// Whether the card carries the stale mark under the default 30 days.
        func isStale(_ card: Opportunity) -> Bool {
            let stage = Stage(id: card.stageID, name: "", position: 0)
            return StalePolicy.standard.staleDays(of: card, in: stage, now: clock.date) != nil
        }

        /// Delivers, then pulls everything back from the workspace, as a later run would.
        func roundTrip() async throws {
            try await service.push(account: nil)
            try await service.pull(account: nil)
        }
    }

    @Test func aMoveStartsTheStageAgeAtItsCommitAndDeliveryAndPullsKeepIt() async throws {
        let bench = try await Bench()
        defer { bench.workbench.cleanUp() }
        let old = try await bench.oldest(in: "Lead")
        try #require(old.daysInStage(now: bench.clock.date) >= 30)
        bench.clock.advance(by: 3_600)
        let moved = try await bench.service.move(id: old.id, toStage: "Qualified")
        #expect(moved.stageChangedAt == bench.clock.date)
        #expect(try bench.card(old.id).stageChangedAt == bench.clock.date)
        // Before the fix, delivery put back the provider's record as read before the move: the old age again.
        try await bench.service.push(account: nil)
        #expect(try bench.card(old.id).stageChangedAt == bench.clock.date)
        #expect(try bench.card(old.id).daysInStage(now: bench.clock.date) == 0)
        bench.clock.advance(by: 2 * Self.day)
        try await bench.service.pull(account: nil)
        #expect(try bench.card(old.id).daysInStage(now: bench.clock.date) == 2)
        #expect(!bench.isStale(try bench.card(old.id)))
    }

    @Test func undoAndRedoPutBackTheExactTimesWhetherDeliveredOrNot() async throws {
        let bench = try await Bench()
        defer { bench.workbench.cleanUp() }
        let old = try await bench.oldest(in: "Lead")
        let moveTime = bench.clock.date.addingTimeInterval(60)
        bench.clock.advance(by: 60)
        _ = try await bench.service.move(id: old.id, toStage: "Proposal")

        // Undone before delivery: the queued change is withdrawn, the times come back.
        bench.clock.advance(by: 60)
        try await bench.service.undo()
        #expect(try bench.card(old.id).stageChangedAt == old.stageChangedAt)
        #expect(try bench.card(old.id).updatedAt == old.updatedAt)
        #expect(bench.isStale(try bench.card(old.id)))

        // Redone: the move's own time, not the redo's.
        bench.clock.advance(by: Self.day)
        try await bench.service.redo()
        #expect(try bench.card(old.id).stageChangedAt == moveTime)
        try await bench.roundTrip()
        #expect(try bench.card(old.id).stageChangedAt == moveTime)

        // Undone after delivery: a compensating change, delivered and pulled back, keeps the old times too.
        bench.clock.advance(by: Self.day)
        try await bench.service.undo()
        try await bench.roundTrip()
        let back = try bench.card(old.id)
        #expect(back.stageID == old.stageID)
        #expect(back.stageChangedAt == old.stageChangedAt)
        #expect(back.daysInStage(now: bench.clock.date) == old.daysInStage(now: bench.clock.date))
        #expect(bench.isStale(back))
    }

    @Test func aBulkMoveAndItsUndoDoTheSame() async throws {
        let bench = try await Bench()
        defer { bench.workbench.cleanUp() }
        let leads = try await bench.service.list(account: nil, pipeline: nil, stage: "Lead", statuses: [.open])
        try #require(leads.count >= 3)
        bench.clock.advance(by: 90)
        _ = try await bench.service.apply(.shift(by: 1), to: leads.map(\.id))
        try await bench.roundTrip()
        for card in leads { #expect(try bench.card(card.id).stageChangedAt == bench.clock.date) }
        bench.clock.advance(by: Self.day)
        try await bench.service.undo()
        try await bench.roundTrip()
        for card in leads { #expect(try bench.card(card.id).stageChangedAt == card.stageChangedAt) }
    }

    @Test func undoingAReorderPutsBackTheUpdateTimes() async throws {
        let bench = try await Bench()
        defer { bench.workbench.cleanUp() }
        let leads = try await bench.service.list(account: nil, pipeline: nil, stage: "Lead")
        try #require(leads.count >= 2)
        bench.clock.advance(by: Self.day)
        try await bench.service.reorder(id: leads[0].id, offset: 1)
        #expect(try bench.card(leads[0].id).updatedAt == bench.clock.date)
        bench.clock.advance(by: Self.day)
        try await bench.service.undo()
        for card in leads.prefix(2) { #expect(try bench.card(card.id).updatedAt == card.updatedAt) }
    }

    @Test func theHeaderAverageFollowsAMoveAtOnceAndCutsDaysAsACardDoes() async throws {
        let bench = try await Bench()
        defer { bench.workbench.cleanUp() }
        func lead() async throws -> ColumnSnapshot {
            try #require(try await bench.service.board(BoardQuery()).columns.first { $0.stage.id == "lead" })
        }
        let before = try #require(try await lead().averageDaysInStage(now: bench.clock.date))
        let old = try await bench.oldest(in: "Lead")
        _ = try await bench.service.move(id: old.id, toStage: "Qualified")
        _ = try await bench.service.move(id: old.id, toStage: "Lead")
        let after = try #require(try await lead().averageDaysInStage(now: bench.clock.date))
        #expect(after < before)
        // One card 339.7 days in its stage: the card says 339d, and so does its header.
        let entered = bench.clock.date.addingTimeInterval(-339.7 * Self.day)
        let column = ColumnSnapshot(
            stage: Stage(id: "s", name: "S", position: 0), count: 1, totals: MoneyTotals(),
            offset: 0, cards: [], openCount: 1, averageStageEntry: entered)
        let card = Opportunity(account: "a", pipelineID: "p", stageID: "s", name: "x", createdAt: entered)
        #expect(card.daysInStage(now: bench.clock.date) == 339)
        #expect(column.averageWholeDaysInStage(now: bench.clock.date) == 339)
    }
}

/// A clock the test moves by hand.
final class HandClock: Sendable {
    private let now: Mutex<Date>
    init(_ start: Date) { now = Mutex(start) }
    var date: Date { now.withLock { $0 } }
    func advance(by seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

import Foundation
import PipeboardCore
import PipeboardService
import PipeboardStore
import Testing

/// A first run's workspace comes with the past its cards tell, so that velocity, the timeline and the board as it
/// was show real figures before anything is moved; nothing a pull or `demo --history` does contradicts it.
@Suite struct FirstRunHistoryServiceTests {
    @Test func theFirstRunHasAPastToRead() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let velocity = try await bench.service.velocity(account: nil, pipeline: nil)
        #expect(velocity.fromTransitions > velocity.fromSnapshot)
        for line in velocity.stages.dropLast() { #expect(line.medianDays != nil, "\(line.stage.name)") }
        #expect(velocity.winRate != nil)

        // Thirty days back some cards were in other stages.
        let stageNow = Dictionary(
            uniqueKeysWithValues: try await bench.service.list(account: nil, pipeline: nil, stage: nil, statuses: [])
                .map { ($0.id, $0.stageID) })
        var query = BoardQuery()
        query.asOf = Workbench.now.addingTimeInterval(-30 * 86_400)
        let past = try await bench.service.board(query)
        let elsewhere = past.columns.flatMap { column in column.cards.filter { stageNow[$0.id] != column.stage.id } }
        #expect(!elsewhere.isEmpty)
    }

    @Test func aPullAfterwardsAddsNoChangeAndNoStaleMarkMoves() async throws {
        let bench = try await Workbench().seededDealsOnly()
        defer { bench.cleanUp() }
        let before = try await bench.service.board(BoardQuery())
        let written = try await bench.service.fillFirstRunHistory(account: nil, seed: 1)
        #expect(written > 0)
        try await bench.service.pull(account: nil)
        #expect(try bench.store.dealChangeCount() == written)
        let after = try await bench.service.board(BoardQuery())
        #expect(after.columns.map(\.cards) == before.columns.map(\.cards))
        expectNoStaleMarkMoved(from: before, to: after)
    }

    @Test func demoHistoryLeavesTheFirstRunsPastAlone() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let starters = try await bench.service.list(account: nil, pipeline: nil, stage: nil, statuses: [])
        var pasts: [UUID: [DealChange]] = [:]
        for deal in starters { pasts[deal.id] = try bench.store.dealChanges(opportunityID: deal.id) }
        try await bench.service.fillDemo(account: nil, count: 10, seed: 7)
        #expect(try await bench.service.fillDemoHistory(account: nil, perDeal: 4, seed: 7) > 0)
        for deal in starters { #expect(try bench.store.dealChanges(opportunityID: deal.id) == pasts[deal.id]) }
    }
}

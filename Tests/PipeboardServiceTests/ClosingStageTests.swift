import Foundation
import PipeboardCore
import PipeboardProviders
@testable import PipeboardService
import PipeboardStore
import Testing

/// Won and lost are statuses: the demo has no Won stage, a workspace that has one keeps it, and stages named in
/// `won_stages` / `lost_stages` close a deal moved into them.
@Suite struct ClosingStageTests {
    /// A workspace made before: its pipeline ends in Won and Lost stages, with `won_stages` / `lost_stages` set.
    struct OldWorkspace {
        let folder: URL
        let store: CacheStore
        let service: BoardService
        let local: LocalWorkspaceProvider
        static let pipeline = Pipeline(
            id: "sales", name: "Sales",
            stages: [
                Stage(id: "lead", name: "Lead", position: 0, probability: 0.1),
                Stage(id: "proposal", name: "Proposal", position: 1, probability: 0.5),
                Stage(id: "won", name: "Won", position: 2, probability: 1),
                Stage(id: "lost", name: "Lost", position: 3),
            ])

        init(capabilities: Capabilities? = nil) async throws {
            folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("pipeboard-closing-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
            local = try LocalWorkspaceProvider(path: folder.appendingPathComponent("workspace.sqlite").path)
            try local.savePipeline(Self.pipeline, position: 0)
            let now = Workbench.now
            try local.insertMany(
                ["A", "B", "C"].enumerated().map { index, name in
                    Opportunity(
                        account: "local", pipelineID: "sales", stageID: "lead", rank: Int64(index), name: name,
                        value: Money(decimal: "1000", currency: "USD"), createdAt: now.addingTimeInterval(-86_400))
                })
            let config = AccountConfig(
                name: "local", provider: .local,
                settings: ["won_stages": .list(["won"]), "lost_stages": .list(["LOST"])])
            let workspace = local
            let provider: any OpportunityProvider =
                capabilities.map { LimitedProvider(base: workspace, capabilities: $0) }
                ?? workspace
            service = BoardService(
                store: store, accounts: [Account(config: config, provider: provider)],
                clock: { now })
            try await service.prepareLocalWorkspace(account: nil)
            if capabilities != nil { try await service.pull(account: nil) }
        }

        func cleanUp() { try? FileManager.default.removeItem(at: folder) }

        func card(_ name: String) async throws -> Opportunity {
            try #require(try await service.list(account: nil, pipeline: nil, stage: nil).first { $0.name == name })
        }

        func lead() async throws -> ColumnSnapshot {
            try #require(try await service.board(BoardQuery()).columns.first { $0.stage.id == "lead" })
        }
    }

    @Test func theDemoHasNoWonStageAndAnExistingWorkspaceKeepsItsOwn() async throws {
        let demo = try await Workbench().seeded()
        defer { demo.cleanUp() }
        #expect(
            try await demo.service.board(BoardQuery()).columns.map(\.stage.name)
                == ["Lead", "Qualified", "Proposal", "Negotiation"])
        let old = try await OldWorkspace()
        defer { old.cleanUp() }
        #expect(
            try await old.service.board(BoardQuery()).columns.map(\.stage.name)
                == ["Lead", "Proposal", "Won", "Lost"])
    }

    @Test func aMoveIntoAWonStageWinsTheDealInOneUndoStep() async throws {
        let bench = try await OldWorkspace()
        defer { bench.cleanUp() }
        let card = try await bench.card("A")
        let before = try await bench.lead()
        let moved = try await bench.service.move(id: card.id, toStage: "Won")
        #expect(moved.stageID == "won" && moved.status == .won)
        // Counted as closed: not in the open totals nor the weighted forecast, but in the won total.
        let figures = try await bench.service.figures(account: nil, pipeline: nil)
        #expect(figures.openCount == before.openCount - 1)
        #expect(figures.stages.first { $0.stage.id == "won" }?.weighted.isEmpty == true)
        #expect(figures.forecast.wonTotals == MoneyTotals(["USD": 1_000 * Money.microsPerUnit]))
        try await bench.service.push(account: nil)
        #expect(try await bench.local.fetch(remoteID: try #require(card.remoteID))?.status == .won)

        #expect(try await bench.service.undo() == "move A to Won")
        let back = try #require(try bench.store.opportunity(id: card.id))
        #expect(back.stageID == "lead" && back.status == .open)
        #expect(try await bench.service.figures(account: nil, pipeline: nil).openCount == before.openCount)
    }

    @Test func aMoveIntoALostStageLosesItAndMovingOutReopensIt() async throws {
        let bench = try await OldWorkspace()
        defer { bench.cleanUp() }
        let cards = [try await bench.card("B"), try await bench.card("C")]
        let outcome = try await bench.service.apply(.move(toStageID: "lost"), to: cards.map(\.id))
        #expect(outcome.changed == 2)
        for card in cards { #expect(try bench.store.opportunity(id: card.id)?.status == .lost) }
        let reopened = try await bench.service.move(id: cards[0].id, toStage: "Proposal")
        #expect(reopened.status == .open)
    }

    @Test func whereTheProviderCannotSetAStatusTheClosingStageSaysItLocally() async throws {
        let bench = try await OldWorkspace(capabilities: [.create, .update, .move, .stageDiscovery])
        defer { bench.cleanUp() }
        let card = try await bench.card("A")
        let moved = try await bench.service.move(id: card.id, toStage: "Won")
        #expect(moved.status == .won)
        let queued = try #require(try bench.store.outbox(account: nil, states: []).first)
        guard case .update(let patch) = queued.operation else {
            Issue.record("not an update: \(queued.operation)")
            return
        }
        #expect(patch.status == nil && patch.stageID == "won")
        try await bench.service.push(account: nil)
        // The provider's record is open in the Won stage: pulled back, the stage still says won.
        #expect(try await bench.local.fetch(remoteID: try #require(card.remoteID))?.status == .open)
        try await bench.service.pull(account: nil)
        #expect(try bench.store.opportunity(id: card.id)?.status == .won)
        // A status of its own is still refused there.
        await #expect(throws: ServiceError.self) { try await bench.service.setStatus(id: card.id, .lost) }
    }

    @Test func reopeningClearsTheLostReasonAndUndoBringsItBack() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let open = try await bench.service.list(account: nil, pipeline: nil, stage: nil, statuses: [.open])
        let card = try #require(open.first)
        _ = try await bench.service.setStatus(id: card.id, .lost, lostReason: "Budget cut")
        #expect(try bench.store.opportunity(id: card.id)?.customFields["lost_reason"] == "Budget cut")
        let reopened = try await bench.service.setStatus(id: card.id, .open)
        #expect(reopened.status == .open && reopened.customFields["lost_reason"] == nil)
        try await bench.service.push(account: nil)
        #expect(try await bench.local.fetch(remoteID: try #require(card.remoteID))?.customFields["lost_reason"] == nil)
        try await bench.service.undo()
        let lost = try #require(try bench.store.opportunity(id: card.id))
        #expect(lost.status == .lost && lost.customFields["lost_reason"] == "Budget cut")
        // The edit form's way: the field emptied clears it.
        _ = try await bench.service.edit(id: card.id, input: ["custom.lost_reason": ""])
        #expect(try bench.store.opportunity(id: card.id)?.customFields["lost_reason"] == nil)
    }
}

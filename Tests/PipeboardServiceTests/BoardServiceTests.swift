import Foundation
import PipeboardCore
import PipeboardService
import PipeboardStore
import Testing

@Suite struct BoardServiceTests {
    @Test func aFirstRunSeedsTheDemoPipelineOnce() async throws {
        let bench = try Workbench()
        defer { bench.cleanUp() }
        #expect(try await bench.service.prepareLocalWorkspace(account: nil))
        #expect(try await !bench.service.prepareLocalWorkspace(account: nil))
        let board = try await bench.service.board(BoardQuery())
        #expect(board.pipeline.name == "Sales")
        #expect(board.columns.map(\.stage.name) == ["Lead", "Qualified", "Proposal", "Negotiation"])
        #expect(board.columns.map(\.count).reduce(0, +) == DemoData.starterCount)
        #expect(board.pendingChanges == 0)
    }

    @Test func aCreateIsSavedQueuedThenDelivered() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let created = try await bench.service.create(
            account: nil, pipeline: nil, input: ["name": "Initech renewal", "value": "4200", "stage": "Proposal"])
        #expect(created.stageID == "proposal")
        #expect(try await bench.service.outboxCounts(account: nil) == (pending: 1, failed: 0))
        let report = try await bench.service.push(account: nil)
        #expect(report.delivered == 1)
        #expect(try await bench.service.outboxCounts(account: nil) == (pending: 0, failed: 0))
        let stored = try #require(try bench.store.opportunity(id: created.id))
        #expect(stored.remoteID == created.id.uuidString.lowercased())
        // The workspace itself has it: a later run that pulls sees the same card.
        let pulled = try await bench.service.pull(account: nil)
        #expect(pulled.received == DemoData.starterCount + 1)
        #expect(try bench.store.opportunity(id: created.id)?.value == Money(micros: 4_200_000_000, currency: "USD"))
    }

    @Test func aMoveGoesToTheTopOfTheStageAndUndoes() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let lead = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: "Lead").first)
        let moved = try await bench.service.move(id: lead.id, toStage: "Negotiation")
        #expect(moved.stageID == "negotiation")
        let target = try await bench.service.board(BoardQuery()).columns.first { $0.stage.id == "negotiation" }
        #expect(target?.cards.first?.id == lead.id)
        #expect(try await bench.service.undo() == "move \(lead.name) to Negotiation")
        #expect(try bench.store.opportunity(id: lead.id)?.stageID == "lead")
        #expect(try bench.store.opportunity(id: lead.id)?.rank == lead.rank)
        _ = try await bench.service.redo()
        #expect(try bench.store.opportunity(id: lead.id)?.stageID == "negotiation")
    }

    @Test func undoReachesBackFiftyLevelsAndSurvivesARestart() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: nil).first)
        for step in 1...60 {
            _ = try await bench.service.edit(id: card.id, input: ["value": "\(step)"])
        }
        let later = try bench.reopened()
        for _ in 1...55 { _ = try await later.service.undo() }
        #expect(try later.store.opportunity(id: card.id)?.value?.decimalString == "5")
        _ = try await later.service.redo()
        #expect(try later.store.opportunity(id: card.id)?.value?.decimalString == "6")
    }

    @Test func aNewChangeClearsTheRedoBranch() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: nil).first)
        _ = try await bench.service.edit(id: card.id, input: ["name": "One"])
        _ = try await bench.service.undo()
        _ = try await bench.service.edit(id: card.id, input: ["name": "Two"])
        await #expect(throws: ServiceError.nothingToRedo) { try await bench.service.redo() }
    }

    @Test func deleteThenUndoBringsTheSameCardBack() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: nil).first)
        try await bench.service.delete(id: card.id)
        #expect(try bench.store.opportunity(id: card.id) == nil)
        try await bench.service.push(account: nil)
        _ = try await bench.service.undo()
        try await bench.service.push(account: nil)
        let back = try #require(try bench.store.opportunity(id: card.id))
        #expect(back.name == card.name)
        #expect(back.value == card.value)
        // A pull from the workspace agrees: the record exists there again.
        try await bench.service.pull(account: nil)
        #expect(try bench.store.opportunity(id: card.id)?.name == card.name)
    }

    @Test func deletingAnUndeliveredCreateSendsNothing() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let created = try await bench.service.create(account: nil, pipeline: nil, input: ["name": "Short-lived"])
        try await bench.service.delete(id: created.id)
        #expect(try await bench.service.outboxCounts(account: nil) == (pending: 0, failed: 0))
    }

    @Test func reorderSwapsNeighbours() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let lead = try await bench.service.list(account: nil, pipeline: nil, stage: "Lead")
        try #require(lead.count >= 2)
        try await bench.service.reorder(id: lead[1].id, offset: -1)
        let after = try await bench.service.list(account: nil, pipeline: nil, stage: "Lead")
        #expect(after.prefix(2).map(\.id) == [lead[1].id, lead[0].id])
        try await bench.service.reorder(id: after[0].id, offset: -1) // already first: nothing happens
        #expect(try await bench.service.list(account: nil, pipeline: nil, stage: "Lead").map(\.id) == after.map(\.id))
    }

    @Test func badInputChangesNothing() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        await #expect(throws: ServiceError.self) {
            try await bench.service.create(account: nil, pipeline: nil, input: ["name": "X", "value": "-3"])
        }
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: nil).first)
        await #expect(throws: ServiceError.self) { try await bench.service.move(id: card.id, toStage: "Nowhere") }
        #expect(try await bench.service.list(account: nil, pipeline: nil, stage: nil).count == DemoData.starterCount)
        #expect(try await bench.service.outboxCounts(account: nil) == (pending: 0, failed: 0))
        #expect(try bench.store.canUndo() == false)
    }

    @Test func anOperationTheProviderLacksIsRefusedWithItsReason() async throws {
        let full = try await Workbench().seeded()
        defer { full.cleanUp() }
        let bench = try Workbench(capabilities: [.create, .stageDiscovery], folder: full.folder)
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: "Lead").first)
        do {
            _ = try await bench.service.move(id: card.id, toStage: "Negotiation")
            Issue.record("the move should have been refused")
        } catch {
            #expect(String(describing: error) == "Limited's API does not offer moving opportunities between stages")
        }
        #expect(try bench.store.opportunity(id: card.id)?.stageID == card.stageID)
    }

    @Test func idsResolveByUniquePrefix() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: nil).first)
        let text = card.id.uuidString.lowercased()
        #expect(try await bench.service.opportunity(matching: String(text.prefix(12))).id == card.id)
        #expect(try await bench.service.opportunity(matching: text.uppercased()).id == card.id)
        await #expect(throws: ServiceError.self) { try await bench.service.opportunity(matching: "zzzz") }
    }

    @Test func statusChangesAreSavedAndDelivered() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let card = try #require(
            try await bench.service.list(account: nil, pipeline: nil, stage: nil, statuses: [.open]).first)
        _ = try await bench.service.setStatus(id: card.id, .lost)
        try await bench.service.push(account: nil)
        try await bench.service.pull(account: nil)
        #expect(try bench.store.opportunity(id: card.id)?.status == .lost)
    }

    @Test func demoFillsTheWorkspace() async throws {
        let bench = try Workbench()
        defer { bench.cleanUp() }
        try await bench.service.fillDemo(account: nil, count: 2_500, seed: 3)
        #expect(try bench.store.count(account: "local") == 2_500)
        #expect(try await !bench.service.prepareLocalWorkspace(account: nil))
    }
}

import Foundation
import PipeboardCore
import PipeboardService
import PipeboardStore
import Testing

/// Undo that reaches the provider, on the local workspace (a provider like any other).
@Suite struct UndoThroughOutboxTests {
    @Test func anUndeliveredChangeIsWithdrawnEvenAfterARestart() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: "Lead").first)
        _ = try await bench.service.edit(id: card.id, input: ["name": "Renamed offline"])
        #expect(try await bench.service.outboxCounts(account: nil).pending == 1)

        let later = try bench.reopened()
        try await later.service.undo()
        #expect(try await later.service.outboxCounts(account: nil).pending == 0)
        #expect(try later.store.opportunity(id: card.id)?.name == card.name)
        // Nothing reached the workspace, and nothing needs to.
        #expect(try await bench.local.fetch(remoteID: try #require(card.remoteID))?.name == card.name)
    }

    @Test func aChangeThatMayHaveBeenSentIsCompensatedNotWithdrawn() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: "Lead").first)
        _ = try await bench.service.move(id: card.id, toStage: "Negotiation")
        // The process died in the middle of sending: the workspace has the move, the entry is still there.
        let entry = try #require(try bench.store.outbox(account: nil, states: []).first)
        try bench.store.write { try $0.markSending(entry.id) }
        _ = try await bench.local.update(
            remoteID: try #require(card.remoteID), patch: OpportunityPatch(stageID: "negotiation"), current: card)

        try await bench.service.undo()
        // Both go out in order: the move again (harmless, absolute), then the move back.
        #expect(try bench.store.outbox(account: nil, states: []).count == 2)
        #expect(try await bench.service.push(account: nil).delivered == 2)
        #expect(try await bench.local.fetch(remoteID: try #require(card.remoteID))?.stageID == card.stageID)
    }

    @Test func undoingAnUndeliveredDeleteRestoresTheCardWithoutRecreatingIt() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: "Lead").first)
        try await bench.service.delete(id: card.id)
        #expect(try bench.store.opportunity(id: card.id) == nil)
        try await bench.service.undo()
        let restored = try #require(try bench.store.opportunity(id: card.id))
        #expect(restored.remoteID == card.remoteID)
        #expect(try bench.store.outbox(account: nil, states: []).isEmpty)
    }

    @Test func aDeliveredDeleteIsUndoneByCreatingTheRecordAgain() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: "Lead").first)
        try await bench.service.delete(id: card.id)
        #expect(try await bench.service.push(account: nil).delivered == 1)
        try await bench.service.undo()
        #expect(try await bench.service.push(account: nil).delivered == 1)
        let back = try #require(try bench.store.opportunity(id: card.id))
        #expect(try await bench.local.fetch(remoteID: try #require(back.remoteID))?.name == card.name)
    }
}

@Suite struct RedoThroughOutboxTests {
    @Test func undoAfterRedoWithdrawsTheRedoneChangeWhileItWaits() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: "Lead").first)
        _ = try await bench.service.move(id: card.id, toStage: "Negotiation")
        try await bench.service.undo()
        try await bench.service.redo()
        #expect(try bench.store.outbox(account: nil, states: []).count == 1)
        try await bench.service.undo()
        // Withdrawn, not compensated: nothing is left to send.
        #expect(try bench.store.outbox(account: nil, states: []).isEmpty)
        #expect(try bench.store.opportunity(id: card.id)?.stageID == card.stageID)
    }
}

@Suite struct UnconfirmedCreateTests {
    @Test func aCreateThatMayHaveBeenSentIsUndoneOnlyOnceConfirmed() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let created = try await bench.service.create(
            account: nil, pipeline: nil, input: ["name": "Sent before the crash"])
        // The process died while sending it: the workspace may or may not have it.
        let entry = try #require(try bench.store.outbox(account: nil, states: []).first)
        try bench.store.write { try $0.markSending(entry.id) }
        await #expect(throws: ServiceError.createUnconfirmed("Sent before the crash")) {
            try await bench.service.undo()
        }
        #expect(try bench.store.opportunity(id: created.id) != nil) // nothing changed, the undo step included
        #expect(try await bench.service.push(account: nil).delivered == 1)
        try await bench.service.undo()
        #expect(try await bench.service.push(account: nil).delivered == 1)
        #expect(try await bench.local.fetch(remoteID: created.id.uuidString.lowercased()) == nil)
        #expect(try bench.store.opportunity(id: created.id) == nil)
    }
}

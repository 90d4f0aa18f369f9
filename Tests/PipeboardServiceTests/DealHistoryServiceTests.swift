import Foundation
import PipeboardCore
import PipeboardService
import PipeboardStore
import Synchronization
import Testing

/// A clock that moves a minute on every reading, so that each change has its own time.
final class TickingClock: Sendable {
    private let ticks = Mutex(0)
    func callAsFunction() -> Date {
        Workbench.now.addingTimeInterval(
            60
                * Double(
                    ticks.withLock {
                        $0 += 1; return $0
                    }))
    }
}

@Suite("Deal history through the service")
struct DealHistoryServiceTests {
    /// The starter deals without the first run's past, so that a card's history is what the test does to it.
    func bench() async throws -> (Workbench, Opportunity) {
        let clock = TickingClock()
        let bench = try await Workbench(clock: { clock() }).seededDealsOnly()
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: "Lead").first)
        return (bench, card)
    }

    @Test func everyKindOfLocalChangeIsRecordedAtItsCommitWithTheOutboxEntry() async throws {
        let (bench, card) = try await bench()
        defer { bench.cleanUp() }
        _ = try await bench.service.move(id: card.id, toStage: "Proposal")
        _ = try await bench.service.move(id: card.id, toStage: "Negotiation")
        _ = try await bench.service.edit(
            id: card.id, input: ["value": "4321", "owner": "Ana", "close_date": "2027-01-31", "name": "Renamed"])
        _ = try await bench.service.setStatus(id: card.id, .won)
        let changes = try await bench.service.history(id: card.id)
        #expect(changes.map(\.field) == [.stage, .stage, .value, .owner, .closeDate, .name, .status])
        #expect(changes.allSatisfy { $0.origin == .local && $0.clock == .commit })
        #expect(changes[0].from == "lead" && changes[0].to == "proposal")
        #expect(changes[1].from == "proposal" && changes[1].to == "negotiation")
        // Days in Proposal: from the first move to the second.
        #expect(changes[1].since == changes[0].at && changes[1].at > changes[0].at)
        #expect(changes[5].to == "Renamed" && changes[6].to == "won")
        #expect(try bench.store.outbox(account: nil, states: []).count == 4)
    }

    @Test func aRefusedChangeLeavesNoHistory() async throws {
        let full = try await Workbench().seededDealsOnly()
        defer { full.cleanUp() }
        // The same files, through a provider that cannot move.
        let bench = try Workbench(capabilities: [.create, .update, .stageDiscovery], folder: full.folder)
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: "Lead").first)
        await #expect(throws: ServiceError.self) { try await bench.service.move(id: card.id, toStage: "Proposal") }
        #expect(try await bench.service.history(id: card.id).isEmpty)
    }

    @Test func undoAndRedoAreNewChangesNeverRewrites() async throws {
        let (bench, card) = try await bench()
        defer { bench.cleanUp() }
        _ = try await bench.service.move(id: card.id, toStage: "Proposal")
        try await bench.service.undo()
        try await bench.service.redo()
        // Once delivered, the undo is a compensating change; it is recorded all the same.
        #expect(try await bench.service.push(account: nil).delivered == 1)
        try await bench.service.undo()
        let changes = try await bench.service.history(id: card.id)
        #expect(changes.map(\.origin) == [.local, .undo, .redo, .undo])
        #expect(changes.map(\.to) == ["proposal", "lead", "proposal", "lead"])
        #expect(changes.map(\.from) == ["lead", "proposal", "lead", "proposal"])
    }

    @Test func aPullRecordsTheProvidersChangesAndNothingWhenNothingChanged() async throws {
        let (bench, card) = try await bench()
        defer { bench.cleanUp() }
        try await bench.service.pull(account: nil)
        #expect(try await bench.service.history(id: card.id).isEmpty)
        // Another device moves the deal and raises its value in the workspace.
        _ = try await bench.local.update(
            remoteID: try #require(card.remoteID),
            patch: OpportunityPatch(stageID: "qualified", value: Money(micros: 7_000_000_000, currency: "USD")),
            current: card)
        try await bench.service.pull(account: nil)
        let changes = try await bench.service.history(id: card.id)
        #expect(changes.map(\.field) == [.stage, .value])
        #expect(changes.allSatisfy { $0.origin == .provider })
        #expect(changes[0].from == "lead" && changes[0].to == "qualified")
        try await bench.service.pull(account: nil)
        #expect(try await bench.service.history(id: card.id).count == 2)
    }
}

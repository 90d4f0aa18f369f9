import Foundation
import PipeboardCore
import Testing
@testable import PipeboardStore

@Suite("Merging pulled records")
struct MergeTests {
    let store: CacheStore
    init() throws { store = try CacheStore.inMemory() }

    func remote(
        _ id: String, name: String? = nil, stage: String = "lead", value: Money? = nil, rank: Int64? = nil,
        localID: UUID? = nil
    ) -> RemoteOpportunity {
        RemoteOpportunity(
            remoteID: id, pipelineID: "sales", stageID: stage, name: name ?? "Remote \(id)", value: value,
            createdAt: referenceNow, updatedAt: referenceNow.addingTimeInterval(5), localID: localID, rank: rank)
    }

    func merge(_ records: [RemoteOpportunity]) throws -> Int {
        try store.write { try $0.mergePulled(account: "acme", records) }
    }

    @Test func newRecordsGoToTheBottomOfTheirStage() throws {
        try store.seed([card("Local", stage: "lead", rank: 7, remoteID: "r-0")])
        #expect(try merge([remote("r-1"), remote("r-2"), remote("r-3", stage: "won"), remote("r-4", rank: 100)]) == 4)
        #expect(try store.opportunity(account: "acme", remoteID: "r-1")?.rank == 8)
        #expect(try store.opportunity(account: "acme", remoteID: "r-2")?.rank == 9)
        #expect(try store.opportunity(account: "acme", remoteID: "r-3")?.rank == 0)
        #expect(try store.opportunity(account: "acme", remoteID: "r-4")?.rank == 100)
        #expect(try store.count(account: "acme") == 5)
    }

    @Test func anExistingCardKeepsItsLocalIDAndRank() throws {
        let local = card("Old name", stage: "lead", rank: 3, remoteID: "r-1")
        try store.seed([local])
        #expect(try merge([remote("r-1", name: "New name", value: usd(9))]) == 1)
        let merged = try #require(try store.opportunity(account: "acme", remoteID: "r-1"))
        #expect(merged.id == local.id)
        #expect(merged.rank == 3)
        #expect(merged.name == "New name" && merged.value == usd(9))
        #expect(try store.count(account: "acme") == 1)
    }

    @Test func aRecordCarryingItsLocalIDMatchesThatCard() throws {
        let local = card("Sent", rank: 2)
        try store.seed([local])
        #expect(try merge([remote("r-1", localID: local.id)]) == 1)
        let merged = try #require(try store.opportunity(id: local.id))
        #expect(merged.remoteID == "r-1" && merged.rank == 2)
        #expect(try store.count(account: "acme") == 1)
    }

    @Test func cardsWithUndeliveredChangesAreLeftAlone() throws {
        let edited = card("Edited locally", remoteID: "r-1")
        let failed = card("Failed locally", remoteID: "r-2")
        let deleted = card("Deleted locally", remoteID: "r-3")
        try store.seed([edited, failed, deleted])
        try store.write { writer in
            try writer.enqueue(
                account: "acme", opportunityID: edited.id, operation: .update(OpportunityPatch(name: "Edited locally")),
                at: referenceNow)
            let entry = try writer.enqueue(
                account: "acme", opportunityID: failed.id, operation: .update(OpportunityPatch(name: "x")),
                at: referenceNow)
            try writer.markFailed(entry, reason: "refused")
            try writer.delete(id: deleted.id)
            try writer.enqueue(
                account: "acme", opportunityID: deleted.id, operation: .delete(remoteID: "r-3"), at: referenceNow)
        }
        #expect(try merge([remote("r-1"), remote("r-2"), remote("r-3"), remote("r-4")]) == 1)
        #expect(try store.opportunity(id: edited.id)?.name == "Edited locally")
        #expect(try store.opportunity(id: failed.id)?.name == "Failed locally")
        #expect(try store.opportunity(account: "acme", remoteID: "r-3") == nil)
        #expect(try store.opportunity(account: "acme", remoteID: "r-4") != nil)
    }

    @Test func removeMissingDropsOnlySettledCardsTheProviderNoLongerHas() throws {
        let kept = card("Kept", remoteID: "r-1")
        let gone = card("Gone", remoteID: "r-2")
        let pending = card("Gone but edited", remoteID: "r-3")
        let unsent = card("Never sent")
        let otherPipeline = card("Other pipeline", remoteID: "r-5", pipeline: "renewals")
        let otherAccount = card("Other account", account: "globex", remoteID: "r-6")
        try store.seed([kept, gone, pending, unsent, otherPipeline, otherAccount])
        let change = OutboxOperation.update(OpportunityPatch(name: "x"))
        try store.write { writer in
            _ = try writer.enqueue(account: "acme", opportunityID: pending.id, operation: change, at: referenceNow)
        }

        let removed = try store.write { try $0.removeMissing(account: "acme", pipelineID: "sales", keeping: ["r-1"]) }
        #expect(removed == 1)
        #expect(try store.opportunity(id: gone.id) == nil)
        for survivor in [kept, pending, unsent, otherPipeline, otherAccount] {
            #expect(try store.opportunity(id: survivor.id) != nil)
        }
    }
}

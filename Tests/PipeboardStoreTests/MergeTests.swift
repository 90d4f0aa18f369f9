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

    // MARK: Pages asked for before a change of ours was acknowledged

    /// Delivers a move of `card` (queued, then acknowledged), with the provider's update time `version`.
    func deliverMove(_ card: Opportunity, to stage: String, version: Date?) throws {
        try store.write { writer in
            var moved = card
            moved.stageID = stage
            try writer.update(moved)
            let entry = try writer.enqueue(
                account: "acme", opportunityID: card.id, operation: .update(OpportunityPatch(stageID: stage)),
                at: referenceNow)
            try writer.markDelivered(entry, remoteID: nil, base: moved, version: version)
        }
    }

    @Test func aRecordAskedForBeforeItsChangeWasAcknowledgedIsLeftForTheNextPull() throws {
        let moved = card("Moved here", stage: "lead", remoteID: "r-1")
        let other = card("Changed there", stage: "lead", remoteID: "r-2")
        try store.seed([moved, other])
        let before = try store.deliveryMark()
        try deliverMove(moved, to: "won", version: nil)
        let stale = [remote("r-1", name: "Moved here", stage: "lead"), remote("r-2", name: "Renamed there")]
        #expect(try store.write { try $0.mergePulled(account: "acme", stale, askedAt: before) } == 1)
        #expect(try store.opportunity(id: moved.id)?.stageID == "won")
        #expect(try store.base(opportunityID: moved.id)?.stageID == "won")
        #expect(try store.opportunity(id: other.id)?.name == "Renamed there")
        // A page asked for after the delivery is taken whole.
        let after = try store.deliveryMark()
        #expect(after > before)
        let fresh = [remote("r-1", name: "Renamed there too", stage: "won")]
        #expect(try store.write { try $0.mergePulled(account: "acme", fresh, askedAt: after) } == 1)
        #expect(try store.opportunity(id: moved.id)?.name == "Renamed there too")
    }

    @Test func aRecordTheProviderChangedAfterOurChangeIsTakenFromAnEarlierPage() throws {
        let moved = card("Moved here", stage: "lead", remoteID: "r-1")
        try store.seed([moved])
        let before = try store.deliveryMark()
        let version = referenceNow.addingTimeInterval(60)
        try deliverMove(moved, to: "proposal", version: version)
        func record(updated: Date, stage: String) -> RemoteOpportunity {
            var record = remote("r-1", name: "Moved here", stage: stage)
            record.updatedAt = updated
            return record
        }
        // As old as our change, or older: it may not hold it.
        for updated in [version, version.addingTimeInterval(-1)] {
            #expect(
                try store.write {
                    try $0.mergePulled(account: "acme", [record(updated: updated, stage: "lead")], askedAt: before)
                } == 0)
        }
        #expect(try store.opportunity(id: moved.id)?.stageID == "proposal")
        // Changed since by someone else: it holds ours and theirs.
        let later = record(updated: version.addingTimeInterval(1), stage: "won")
        #expect(try store.write { try $0.mergePulled(account: "acme", [later], askedAt: before) } == 1)
        #expect(try store.opportunity(id: moved.id)?.stageID == "won")
    }

    @Test func aDeliveredDeleteIsNotBroughtBackByAnEarlierPage() throws {
        let deleted = card("Deleted here", remoteID: "r-1")
        try store.seed([deleted])
        let before = try store.deliveryMark()
        try store.write { writer in
            try writer.delete(id: deleted.id)
            let entry = try writer.enqueue(
                account: "acme", opportunityID: deleted.id, operation: .delete(remoteID: "r-1"), at: referenceNow)
            try writer.markDelivered(entry, remoteID: nil)
        }
        #expect(try store.write { try $0.mergePulled(account: "acme", [remote("r-1")], askedAt: before) } == 0)
        #expect(try store.opportunity(account: "acme", remoteID: "r-1") == nil)
    }

    @Test func removeMissingKeepsACardCreatedAfterThePullAskedForItsPages() throws {
        let created = card("Created here")
        try store.seed([created])
        let before = try store.deliveryMark()
        try store.write { writer in
            let entry = try writer.enqueue(
                account: "acme", opportunityID: created.id, operation: .create, at: referenceNow)
            try writer.markDelivered(entry, remoteID: "r-new")
        }
        let removed = try store.write {
            try $0.removeMissing(account: "acme", pipelineID: "sales", keeping: [], askedAt: before)
        }
        #expect(removed == 0)
        #expect(try store.opportunity(id: created.id)?.remoteID == "r-new")
        // A pull asked for after the create that does not list it finds it gone.
        let after = try store.deliveryMark()
        #expect(
            try store.write { try $0.removeMissing(account: "acme", pipelineID: "sales", keeping: [], askedAt: after) }
                == 1)
    }

    @Test func onlyTheNewestDeliveriesAreKept() throws {
        let kept = StoreWriter.deliveriesKept
        try store.write { writer in
            for number in 0...kept { try writer.recordDelivery(account: "acme", remoteID: "r-\(number)", version: nil) }
            // The same record again: one row, renumbered.
            try writer.recordDelivery(account: "acme", remoteID: "r-\(kept)", version: nil)
        }
        let (rows, newest) = try store.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM delivery") ?? 0,
                try String.fetchOne(db, sql: "SELECT remote_id FROM delivery ORDER BY sequence DESC LIMIT 1")
            )
        }
        #expect(rows <= Int(kept) && rows > Int(kept) - 5)
        #expect(newest == "r-\(kept)")
        #expect(try store.deliveryMark().sequence == kept + 2)
    }
}

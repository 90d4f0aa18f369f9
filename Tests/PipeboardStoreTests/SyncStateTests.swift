import Foundation
import PipeboardCore
import Testing
@testable import PipeboardStore

/// What the sync engine keeps besides the outbox itself: the base of each card, conflicts, and the "a send may
/// have reached the provider" mark.
@Suite("Sync state")
struct SyncStateTests {
    let store: CacheStore
    let first = card("First", remoteID: "r-1")

    init() throws {
        store = try CacheStore.inMemory()
        try store.seed([first])
    }

    func remote(_ id: String, name: String, stage: String = "lead") -> RemoteOpportunity {
        RemoteOpportunity(remoteID: id, pipelineID: "sales", stageID: stage, name: name, createdAt: referenceNow, updatedAt: referenceNow)
    }

    @Test func aPullSetsTheBaseExceptOfCardsWithUndeliveredChanges() throws {
        try store.write { _ = try $0.mergePulled(account: "acme", [remote("r-1", name: "Pulled once")]) }
        #expect(try store.base(opportunityID: first.id)?.name == "Pulled once")
        try store.write { try $0.enqueue(account: "acme", opportunityID: first.id, operation: .update(OpportunityPatch(name: "Mine")), at: referenceNow) }
        try store.write { _ = try $0.mergePulled(account: "acme", [remote("r-1", name: "Theirs since")]) }
        // The base stays what my change was made against, so the check before sending sees their change.
        #expect(try store.base(opportunityID: first.id)?.name == "Pulled once")
    }

    @Test func aConflictRoundTripsAndBlocksTheLaterEntries() throws {
        let theirs = Opportunity(id: first.id, account: "acme", remoteID: "r-1", pipelineID: "sales", stageID: "won", name: "Theirs",
                                 createdAt: referenceNow)
        let (conflicting, later) = try store.write { writer in
            (try writer.enqueue(account: "acme", opportunityID: first.id, operation: .update(OpportunityPatch(stageID: "proposal")), at: referenceNow),
             try writer.enqueue(account: "acme", opportunityID: first.id, operation: .update(OpportunityPatch(name: "Later")), at: referenceNow))
        }
        try store.write { try $0.markConflict(conflicting, conflict: OutboxConflict(fields: [.stage], theirs: theirs), reason: "conflict: stage") }
        let entry = try #require(try store.outboxEntry(id: conflicting))
        #expect(entry.state == .conflict && entry.conflict == OutboxConflict(fields: [.stage], theirs: theirs) && entry.attempts == 1)
        #expect(try store.deliverable(account: "acme", now: referenceNow, limit: 10).isEmpty)
        #expect(try store.syncStates(for: [first.id]) == [first.id: .conflict(reason: "conflict: stage")])
        #expect(try store.outboxCounts(account: "acme") == (pending: 1, failed: 1))

        // A deleted record is a conflict with nothing on their side.
        try store.write { try $0.markConflict(later, conflict: OutboxConflict(fields: [], theirs: nil), reason: "deleted") }
        #expect(try store.outboxEntry(id: later)?.conflict?.deletedAtProvider == true)

        // Settled: the entry sends something else and is due again, its conflict gone.
        try store.write { try $0.replaceOperation(conflicting, with: .create) }
        let settled = try #require(try store.outboxEntry(id: conflicting))
        #expect(settled.state == .pending && settled.conflict == nil && settled.operation == .create)
    }

    @Test func aStartedSendIsRememberedAcrossRestarts() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("cache.sqlite").path
            let id = try CacheStore(path: path).write { writer in
                try writer.enqueue(account: "acme", opportunityID: first.id, operation: .create, at: referenceNow)
            }
            #expect(try CacheStore(path: path).outboxEntry(id: id)?.maybeSent == false)
            try CacheStore(path: path).write { try $0.markSending(id) }
            #expect(try CacheStore(path: path).outboxEntry(id: id)?.maybeSent == true)
        }
    }

    @Test func deliveryRecordsTheNewBaseAndADeliveredDeleteDropsIt() throws {
        var base = first
        base.name = "As the provider has it now"
        let (update, delete) = try store.write { writer in
            (try writer.enqueue(account: "acme", opportunityID: first.id, operation: .update(OpportunityPatch(name: "x")), at: referenceNow),
             try writer.enqueue(account: "acme", opportunityID: first.id, operation: .delete(remoteID: "r-1"), at: referenceNow))
        }
        try store.write { try $0.markDelivered(update, remoteID: nil, base: base) }
        #expect(try store.base(opportunityID: first.id)?.name == "As the provider has it now")
        try store.write { try $0.markDelivered(delete, remoteID: nil) }
        #expect(try store.base(opportunityID: first.id) == nil)
    }
}

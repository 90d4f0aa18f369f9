import Foundation
import GRDB
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
        RemoteOpportunity(
            remoteID: id, pipelineID: "sales", stageID: stage, name: name, createdAt: referenceNow,
            updatedAt: referenceNow)
    }

    @Test func aPullSetsTheBaseExceptOfCardsWithUndeliveredChanges() throws {
        try store.write { _ = try $0.mergePulled(account: "acme", [remote("r-1", name: "Pulled once")]) }
        #expect(try store.base(opportunityID: first.id)?.name == "Pulled once")
        let mine = OutboxOperation.update(OpportunityPatch(name: "Mine"))
        try store.write { writer in
            _ = try writer.enqueue(account: "acme", opportunityID: first.id, operation: mine, at: referenceNow)
        }
        try store.write { _ = try $0.mergePulled(account: "acme", [remote("r-1", name: "Theirs since")]) }
        // The base stays what my change was made against, so the check before sending sees their change.
        #expect(try store.base(opportunityID: first.id)?.name == "Pulled once")
    }

    @Test func aPulledCardIsItsOwnBaseUntilItChangesHere() throws {
        try store.write {
            _ = try $0.mergePulled(account: "acme", [remote("r-1", name: "Pulled"), remote("r-2", name: "Second")])
        }
        // No copy is written: the row stands as the base.
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM base") } == 0)
        let pulled = try #require(try store.opportunity(account: "acme", remoteID: "r-1"))
        #expect(try store.base(opportunityID: pulled.id) == pulled)

        // A local edit keeps what the provider had as the base, and the row is no longer the base.
        var mine = pulled
        mine.name = "Mine"
        try store.write { try $0.update(mine) }
        #expect(try store.base(opportunityID: pulled.id) == pulled)
        #expect(try store.opportunity(id: pulled.id)?.name == "Mine")
        // A second edit does not move the base to the first edit.
        mine.name = "Mine again"
        try store.write { try $0.update(mine) }
        #expect(try store.base(opportunityID: pulled.id) == pulled)

        // A local delete keeps the base too (the delete still has to be checked and sent).
        let second = try #require(try store.opportunity(account: "acme", remoteID: "r-2"))
        try store.write { try $0.delete(id: second.id) }
        #expect(try store.base(opportunityID: second.id) == second)

        // The next pull of the edited card makes the new record the base again and drops the kept copy.
        try store.write { _ = try $0.mergePulled(account: "acme", [remote("r-1", name: "Pulled again")]) }
        #expect(try store.base(opportunityID: pulled.id)?.name == "Pulled again")
        #expect(
            try store.read {
                try Int.fetchOne(
                    $0, sql: "SELECT COUNT(*) FROM base WHERE opportunity_id = ?",
                    arguments: [OpportunityRow.key(pulled.id)])
            } == 0)

        // Removing the base leaves none, even for a row that was its own base.
        try store.write { try $0.removeBase(opportunityID: pulled.id) }
        #expect(try store.base(opportunityID: pulled.id) == nil)
    }

    @Test func aBaseRecordedOnDeliveryWinsOverThePulledRow() throws {
        try store.write { _ = try $0.mergePulled(account: "acme", [remote("r-1", name: "Pulled")]) }
        let pulled = try #require(try store.opportunity(account: "acme", remoteID: "r-1"))
        var delivered = pulled
        delivered.name = "As delivered"
        try store.write { try $0.saveBase(delivered) }
        #expect(try store.base(opportunityID: pulled.id)?.name == "As delivered")
        var mine = pulled
        mine.name = "Mine"
        try store.write { try $0.update(mine) }
        #expect(try store.base(opportunityID: pulled.id)?.name == "As delivered")
    }

    @Test func aConflictRoundTripsAndBlocksTheLaterEntries() throws {
        let theirs = Opportunity(
            id: first.id, account: "acme", remoteID: "r-1", pipelineID: "sales", stageID: "won", name: "Theirs",
            createdAt: referenceNow)
        let (conflicting, later) = try store.write { writer in
            (
                try writer.enqueue(
                    account: "acme", opportunityID: first.id, operation: .update(OpportunityPatch(stageID: "proposal")),
                    at: referenceNow),
                try writer.enqueue(
                    account: "acme", opportunityID: first.id, operation: .update(OpportunityPatch(name: "Later")),
                    at: referenceNow)
            )
        }
        try store.write {
            try $0.markConflict(
                conflicting, conflict: OutboxConflict(fields: [.stage], theirs: theirs), reason: "conflict: stage")
        }
        let entry = try #require(try store.outboxEntry(id: conflicting))
        #expect(
            entry.state == .conflict && entry.conflict == OutboxConflict(fields: [.stage], theirs: theirs)
                && entry.attempts == 1)
        #expect(try store.deliverable(account: "acme", now: referenceNow, limit: 10).isEmpty)
        #expect(try store.syncStates(for: [first.id]) == [first.id: .conflict(reason: "conflict: stage")])
        #expect(try store.outboxCounts(account: "acme") == (pending: 1, failed: 1))

        // A deleted record is a conflict with nothing on their side.
        try store.write {
            try $0.markConflict(later, conflict: OutboxConflict(fields: [], theirs: nil), reason: "deleted")
        }
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
            (
                try writer.enqueue(
                    account: "acme", opportunityID: first.id, operation: .update(OpportunityPatch(name: "x")),
                    at: referenceNow),
                try writer.enqueue(
                    account: "acme", opportunityID: first.id, operation: .delete(remoteID: "r-1"), at: referenceNow)
            )
        }
        try store.write { try $0.markDelivered(update, remoteID: nil, base: base) }
        #expect(try store.base(opportunityID: first.id)?.name == "As the provider has it now")
        try store.write { try $0.markDelivered(delete, remoteID: nil) }
        #expect(try store.base(opportunityID: first.id) == nil)
    }
}

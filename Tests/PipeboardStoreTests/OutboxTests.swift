import Foundation
import PipeboardCore
import Testing
@testable import PipeboardStore

@Suite("Outbox")
struct OutboxTests {
    let store: CacheStore
    let first = card("First")
    let second = card("Second")

    init() throws {
        store = try CacheStore.inMemory()
        try store.seed([first, second])
    }

    @discardableResult
    func enqueue(
        _ id: UUID, _ operation: OutboxOperation = .create, account: String = "acme", at seconds: TimeInterval = 0
    ) throws -> Int64 {
        try store.write {
            try $0.enqueue(
                account: account, opportunityID: id, operation: operation, at: referenceNow.addingTimeInterval(seconds))
        }
    }

    @Test func entriesRoundTripEveryOperation() throws {
        let patch = OpportunityPatch(
            name: "Renamed", stageID: "won", value: eur(3), status: .won, tags: ["a"], customFields: ["k": "v"])
        let ids = [
            try enqueue(first.id, .create),
            try enqueue(first.id, .update(patch), at: 1),
            try enqueue(second.id, .delete(remoteID: "r-2"), at: 2),
            try enqueue(second.id, .delete(remoteID: nil), account: "globex", at: 3),
        ]
        let entries = try store.outbox(account: nil, states: [])
        #expect(entries.map(\.id) == ids)
        #expect(
            entries.map(\.operation) == [.create, .update(patch), .delete(remoteID: "r-2"), .delete(remoteID: nil)])
        #expect(
            entries[1]
                == OutboxEntry(
                    id: ids[1], account: "acme", opportunityID: first.id, operation: .update(patch),
                    createdAt: referenceNow.addingTimeInterval(1)))
        #expect(try store.outbox(account: "globex", states: [.pending]).map(\.id) == [ids[3]])
        #expect(try store.outbox(account: "acme", states: [.failed]).isEmpty)
    }

    @Test func deliverableTakesOnlyTheOldestEntryOfEachOpportunity() throws {
        let firstCreate = try enqueue(first.id, at: 0)
        try enqueue(first.id, .update(OpportunityPatch(name: "x")), at: 1)
        let secondCreate = try enqueue(second.id, at: 2)
        try enqueue(card("Elsewhere").id, account: "globex", at: 3)
        #expect(
            try store.deliverable(account: "acme", now: referenceNow, limit: 10).map(\.id) == [
                firstCreate, secondCreate,
            ])
        #expect(try store.deliverable(account: "acme", now: referenceNow, limit: 1).map(\.id) == [firstCreate])
    }

    @Test func aFailedEntryBlocksTheLaterOnesOfItsOpportunity() throws {
        let create = try enqueue(first.id)
        try enqueue(first.id, .update(OpportunityPatch(name: "x")), at: 1)
        let other = try enqueue(second.id, at: 2)
        try store.write { try $0.markFailed(create, reason: "422: name too long") }
        #expect(try store.deliverable(account: "acme", now: referenceNow, limit: 10).map(\.id) == [other])
        #expect(try store.outboxCounts(account: "acme") == (pending: 2, failed: 1))
        let failed = try #require(try store.outbox(account: "acme", states: [.failed]).first)
        #expect(failed.attempts == 1 && failed.lastError == "422: name too long")

        try store.write { try $0.retry(create) }
        #expect(try store.deliverable(account: "acme", now: referenceNow, limit: 10).map(\.id) == [create, other])
        #expect(try store.outboxCounts(account: nil) == (pending: 3, failed: 0))
    }

    @Test func retriesWaitForNotBefore() throws {
        let create = try enqueue(first.id)
        let later = referenceNow.addingTimeInterval(30)
        try store.write { try $0.markRetry(create, reason: "503", notBefore: later) }
        let entry = try #require(try store.outbox(account: "acme", states: [.pending]).first)
        #expect(entry.attempts == 1 && entry.notBefore == later && entry.lastError == "503" && entry.state == .pending)
        #expect(try store.deliverable(account: "acme", now: referenceNow, limit: 10).isEmpty)
        #expect(try store.deliverable(account: "acme", now: later, limit: 10).map(\.id) == [create])
        try store.write { try $0.markRetry(create, reason: "503 again", notBefore: later) }
        #expect(try store.outbox(account: "acme", states: []).first?.attempts == 2)
    }

    @Test func markDeliveredRemovesTheEntryAndStoresTheRemoteID() throws {
        let create = try enqueue(first.id)
        let update = try enqueue(first.id, .update(OpportunityPatch(name: "x")), at: 1)
        try store.write { try $0.markDelivered(create, remoteID: "r-1") }
        #expect(try store.opportunity(id: first.id)?.remoteID == "r-1")
        #expect(try store.outbox(account: "acme", states: []).map(\.id) == [update])
        try store.write { try $0.markDelivered(update, remoteID: nil) }
        #expect(try store.opportunity(id: first.id)?.remoteID == "r-1")
        #expect(try store.outbox(account: "acme", states: []).isEmpty)
        try store.write { try $0.markDelivered(update, remoteID: "ignored") } // already gone: no effect, no error
        #expect(try store.opportunity(account: "acme", remoteID: "ignored") == nil)
    }

    @Test func aDeliveredCreateReplacesThePulledCopyOfItself() throws {
        let create = try enqueue(first.id)
        let copy = card("Pulled copy", remoteID: "r-1")
        try store.write { writer in
            try writer.insert(copy)
            try writer.enqueue(
                account: "acme", opportunityID: copy.id, operation: .update(OpportunityPatch(name: "Edited")),
                at: referenceNow)
            try writer.markDelivered(create, remoteID: "r-1")
        }
        #expect(try store.opportunity(id: copy.id) == nil)
        #expect(try store.opportunity(account: "acme", remoteID: "r-1")?.id == first.id)
        #expect(try store.outbox(account: "acme", states: []).map(\.opportunityID) == [first.id])
    }

    @Test func syncStatesPreferFailures() throws {
        let create = try enqueue(first.id)
        try enqueue(first.id, .update(OpportunityPatch(name: "x")), at: 1)
        try enqueue(second.id)
        try store.write { try $0.markFailed(create, reason: "rejected: duplicate") }
        let quiet = card("Quiet")
        let states = try store.syncStates(for: [first.id, second.id, quiet.id])
        #expect(states == [first.id: .failed(reason: "rejected: duplicate"), second.id: .pending])
        #expect(try store.syncStates(for: []).isEmpty)
    }

    @Test func removingEntries() throws {
        let create = try enqueue(first.id)
        try enqueue(first.id, .update(OpportunityPatch(name: "x")), at: 1)
        let other = try enqueue(second.id)
        try store.write { try $0.removeOutbox(id: other) }
        #expect(try store.write { try $0.outbox(opportunityID: first.id) }.count == 2)
        try store.write { try $0.removeOutbox(opportunityID: first.id) }
        #expect(try store.outbox(account: nil, states: []).isEmpty)
        #expect(create < other)
    }
}

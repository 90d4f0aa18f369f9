import Foundation
import GRDB
import PipeboardCore
import Testing
@testable import PipeboardStore

@Suite("Opportunity rows")
struct OpportunityStoreTests {
    /// Every field set, including awkward values: sub-microsecond dates, unicode, JSON-looking text.
    static let complete = Opportunity(
        id: UUID(), account: "acme", remoteID: "r-1", pipelineID: "sales", stageID: "proposal", rank: -42,
        name: "Müller — “Pilot” 🚀", value: Money(micros: 1_234_567_890_123, currency: "eur"), status: .won,
        providerStatus: "Approved", contactName: "Chloé Dubois", companyName: "Acme Corp", email: "c@example.com",
        phone: "+33 1 23 45 67 89", owner: "sam", closeDate: "2026-12-31", source: "Referral", probability: 0.3,
        tags: ["priority", "q\"uote", "雪"], customFields: ["budget": "{\"not\": \"json\"}", "region": "EMEA"],
        createdAt: Date(timeIntervalSinceReferenceDate: 789_012_345.678_901_2),
        updatedAt: Date(timeIntervalSince1970: 1_767_225_600.987_654_321),
        stageChangedAt: Date(), raw: "{\"id\":\"r-1\",\"extra\":[1,2,3]}")

    /// The stored id is Foundation's spelling, lowercased: existing caches and prefix matches depend on it.
    @Test func theStoredIdIsTheLowercasedUUIDText() {
        let edges = [
            UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
            UUID(
                uuid: (0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 0xF0, 0x0F, 0x10, 0x9A, 0xA9, 0x55, 0xC3, 0x3C)),
        ]
        for id in edges + (0..<2_000).map({ _ in UUID() }) {
            #expect(OpportunityRow.key(id) == id.uuidString.lowercased())
        }
    }

    @Test func insertThenFetchRoundTripsEveryField() throws {
        let store = try CacheStore.inMemory()
        try store.write { try $0.insert(Self.complete) }
        #expect(try store.opportunity(id: Self.complete.id) == Self.complete)
        #expect(try store.opportunity(account: "acme", remoteID: "r-1") == Self.complete)
        #expect(try store.opportunity(account: "other", remoteID: "r-1") == nil)
    }

    @Test func emptyOptionalFieldsRoundTripAsNil() throws {
        let store = try CacheStore.inMemory()
        let bare = card("Bare")
        try store.write { try $0.insert(bare) }
        let fetched = try #require(try store.opportunity(id: bare.id))
        #expect(fetched == bare)
        #expect(fetched.value == nil && fetched.tags.isEmpty && fetched.customFields.isEmpty && fetched.raw == nil)
    }

    /// The bulk insert binds rows after the first through SQLite's C API: check that path field by field too.
    @Test func insertManyRoundTripsEveryFieldOfEveryRow() throws {
        let store = try CacheStore.inMemory()
        var second = Self.complete
        second.id = UUID()
        second.remoteID = "r-2"
        second.value = nil
        second.probability = nil
        second.raw = nil
        let cards = [card("First"), Self.complete, second, card("Last", stage: "won", rank: 9, value: usd(1))]
        try store.seed(cards)
        for expected in cards {
            #expect(try store.opportunity(id: expected.id) == expected)
        }
    }

    @Test func aFailingBulkInsertLeavesNothingBehind() throws {
        let store = try CacheStore.inMemory()
        let first = card("First")
        let error = try #require(throws: StoreError.self) { try store.seed([first, card("Second"), first]) }
        #expect(error.kind == .constraint)
        #expect(try store.count(account: "acme") == 0)
    }

    @Test func updateReplacesEveryFieldAndDeleteRemovesTheRow() throws {
        let store = try CacheStore.inMemory()
        let original = card("Before", value: usd(5))
        try store.write { try $0.insert(original) }
        var changed = Self.complete
        changed.id = original.id
        try store.write { try $0.update(changed) }
        #expect(try store.opportunity(id: original.id) == changed)
        try store.write { try $0.delete(id: original.id) }
        #expect(try store.opportunity(id: original.id) == nil)
        #expect(try store.count(account: "acme") == 0)
    }

    @Test func aDuplicateRemoteIDIsAConstraintError() throws {
        let store = try CacheStore.inMemory()
        try store.write { try $0.insert(card("One", remoteID: "r-9")) }
        let error = try #require(throws: StoreError.self) {
            try store.write { try $0.insert(card("Two", remoteID: "r-9")) }
        }
        #expect(error.kind == .constraint)
        #expect(try store.count(account: "acme") == 1)
    }

    /// A hand-edited or damaged file must give an error, never stop the app.
    @Test(arguments: ["rank = 'abc'", "status = 'maybe'", "tags = 'not json'", "currency = NULL", "id = 'nope'"])
    func aDamagedRowIsAnErrorNotACrash(damage: String) throws {
        let store = try CacheStore.inMemory()
        let deal = card("Damaged", value: usd(1))
        try store.seed([deal])
        try store.database.write { try $0.execute(sql: "UPDATE opportunity SET \(damage)") }
        let error = try #require(throws: StoreError.self) {
            try store.opportunities(account: "acme", pipelineID: nil, stageID: nil, statuses: [])
        }
        #expect(error.kind == .corruptRow)
    }

    @Test func writeIsAtomic() throws {
        let store = try CacheStore.inMemory()
        let deal = card("Never saved")
        #expect(throws: ExpectedFailure.self) {
            try store.write { writer in
                try writer.insert(deal)
                try writer.enqueue(account: "acme", opportunityID: deal.id, operation: .create, at: referenceNow)
                try writer.pushHistory(HistoryRecord(label: "Create", payload: Data()), limit: 10)
                #expect(try writer.opportunity(id: deal.id) == deal) // visible inside the transaction
                throw ExpectedFailure()
            }
        }
        #expect(try store.opportunity(id: deal.id) == nil)
        #expect(try store.outbox(account: nil, states: []).isEmpty)
        #expect(try store.canUndo() == false)
    }

    @Test func prefixLookupIsCaseInsensitiveAndReturnsEveryMatch() throws {
        let store = try CacheStore.inMemory()
        let first = Opportunity(
            id: try #require(UUID(uuidString: "3F2A0000-0000-4000-8000-000000000001")),
            account: "acme", pipelineID: "sales", stageID: "lead", name: "First", createdAt: referenceNow)
        let second = Opportunity(
            id: try #require(UUID(uuidString: "3F2A0000-0000-4000-8000-000000000002")),
            account: "acme", pipelineID: "sales", stageID: "lead", name: "Second", createdAt: referenceNow)
        let other = Opportunity(
            id: try #require(UUID(uuidString: "3F2B0000-0000-4000-8000-000000000003")),
            account: "acme", pipelineID: "sales", stageID: "lead", name: "Other", createdAt: referenceNow)
        try store.seed([first, second, other])
        #expect(try store.opportunities(idPrefix: "3f2a").map(\.name) == ["First", "Second"])
        #expect(try store.opportunities(idPrefix: "3F2A0000-0000-4000-8000-000000000002").map(\.name) == ["Second"])
        #expect(try store.opportunities(idPrefix: "3f2").count == 3)
        #expect(try store.opportunities(idPrefix: "ffff").isEmpty)
        #expect(try store.opportunities(idPrefix: "").isEmpty)
    }

    @Test func listIsInBoardOrderAndFiltered() throws {
        let store = try CacheStore.inMemory()
        let later = referenceNow.addingTimeInterval(60)
        try store.write { writer in
            try writer.savePipelines(account: "acme", [salesPipeline])
            try writer.insertMany([
                card("won-0", stage: "won", rank: 0, status: .won),
                card("lead-1", stage: "lead", rank: 1),
                card("proposal-0", stage: "proposal", rank: 0, status: .lost),
                card("lead-0-later", stage: "lead", rank: 0, created: later),
                card("lead-0", stage: "lead", rank: 0),
                card("elsewhere", account: "globex", stage: "lead"),
                card("other-pipeline", stage: "lead", pipeline: "renewals"),
            ])
        }
        let all = try store.opportunities(account: "acme", pipelineID: "sales", stageID: nil, statuses: [])
        #expect(all.map(\.name) == ["lead-0", "lead-0-later", "lead-1", "proposal-0", "won-0"])
        let closed = try store.opportunities(
            account: "acme", pipelineID: "sales", stageID: nil, statuses: [.won, .lost])
        #expect(closed.map(\.name) == ["proposal-0", "won-0"])
        let lead = try store.opportunities(account: "acme", pipelineID: "sales", stageID: "lead", statuses: [.open])
        #expect(lead.map(\.name) == ["lead-0", "lead-0-later", "lead-1"])
        let everyPipeline = try store.opportunities(account: "acme", pipelineID: nil, stageID: nil, statuses: [])
        #expect(everyPipeline.map(\.name).last == "other-pipeline") // unknown pipeline last
        #expect(try store.count(account: "acme") == 6)
        #expect(try store.count(account: "globex") == 1)
    }

    @Test func pipelinesAreReplacedPerAccount() throws {
        let store = try CacheStore.inMemory()
        let renewals = Pipeline(id: "renewals", name: "Renewals", stages: [Stage(id: "due", name: "Due", position: 0)])
        try store.write { writer in
            try writer.savePipelines(account: "acme", [salesPipeline, renewals])
            try writer.savePipelines(account: "globex", [renewals])
        }
        #expect(try store.pipelines(account: "acme") == [salesPipeline, renewals])
        try store.write { try $0.savePipelines(account: "acme", [renewals]) }
        #expect(try store.pipelines(account: "acme") == [renewals])
        #expect(try store.pipelines(account: "globex") == [renewals])
        #expect(try store.pipelines(account: "nobody").isEmpty)
    }
}

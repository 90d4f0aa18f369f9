import AsyncHTTPClient
import Foundation
import Logging
import PipeboardCore
import PipeboardProviders
import ProviderFakes
import TestSupport
import Testing

/// What Twenty's published REST surface changed in the client: soft delete and restore, pages of 200 (60 on an old
/// server, remembered), and the card's fields asked for by name. Every request is also held against the spec.
@Suite struct TwentyRESTTests {
    @Test func aDeleteIsSoftAndARestoreBringsTheSameRecordBack() async throws {
        try await withHarness(.twenty) { harness in
            let fake = try #require(harness.twenty)
            let client = harness.provider
            let record = try #require(try await harness.pullAll().records.first)
            try await client.delete(remoteID: record.remoteID)
            let delete = try #require(fake.requests.last)
            #expect(delete.method == "DELETE" && delete.query["soft_delete"] == "true")
            #expect(fake.opportunity(id: record.remoteID)?.deletedAt != nil, "kept by the server, not deleted for good")
            #expect(try await harness.pullAll().records.contains { $0.remoteID == record.remoteID } == false)

            let restored = try #require(try await client.restore(remoteID: record.remoteID))
            #expect(restored.remoteID == record.remoteID && restored.name == record.name)
            #expect(fake.requests.last?.path == "/rest/restore/opportunities/\(record.remoteID)")
            #expect(fake.opportunity(id: record.remoteID)?.deletedAt == nil)
            let back = try #require(try await harness.pullAll().records.first { $0.remoteID == record.remoteID })
            #expect(back.value == record.value && back.stageID == record.stageID)
        }
    }

    @Test func aServerTooOldToRestoreIsNamedNotPretended() async throws {
        try await withHarness(.twenty) { harness in
            let fake = try #require(harness.twenty)
            fake.oldServer = .cutsLargePages
            let record = try #require(try await harness.pullAll().records.first)
            try await harness.provider.delete(remoteID: record.remoteID)
            await #expect(throws: ProviderError.rejected(status: 400, message: TwentyClient.noRestoreMessage)) {
                _ = try await harness.provider.restore(remoteID: record.remoteID)
            }
            #expect(fake.opportunity(id: record.remoteID)?.deletedAt != nil)
            // Both routes were tried, and neither changed the record.
            let tried = fake.requests.filter { $0.method == "PATCH" }.map(\.path)
            let id = record.remoteID
            #expect(tried == ["/rest/restore/opportunities/\(id)", "/rest/opportunities/\(id)/restore"])
        }
    }

    /// A server that routes restore as `PATCH /rest/opportunities/{id}/restore` refuses the documented path
    /// (its parser's 400) and restores at its own.
    @Test func aRestoreFindsTheRouteALaterServerTakes() async throws {
        try await withHarness(.twenty) { harness in
            let fake = try #require(harness.twenty)
            fake.restoreRoute = .suffixed
            let record = try #require(try await harness.pullAll().records.first)
            try await harness.provider.delete(remoteID: record.remoteID)
            let restored = try #require(try await harness.provider.restore(remoteID: record.remoteID))
            #expect(restored.remoteID == record.remoteID)
            #expect(fake.opportunity(id: record.remoteID)?.deletedAt == nil)
            let patches = fake.requests.filter { $0.method == "PATCH" }
            #expect(patches.map(\.status) == [400, 200])
            #expect(patches.last?.path == "/rest/opportunities/\(record.remoteID)/restore")
        }
    }

    @Test func aPullAsksForPagesOf200() async throws {
        try await withHarness(.twenty, count: 450) { harness in
            let fake = try #require(harness.twenty)
            let (records, pages) = try await harness.pullAll()
            #expect(records.count == 450 && pages == 3)
            let limits = fake.requests.filter { $0.path == "/rest/opportunities" }.map { $0.query["limit"] }
            #expect(limits == ["200", "200", "200"])
        }
    }

    /// An old server refuses a page of 200 (or cuts it to 60): the client asks again at 60 and keeps asking 60,
    /// in this run and the next (the memory the service keeps in the cache).
    @Test(arguments: [TwentyFake.OldServer.refusesLargePages, .cutsLargePages])
    func anOldServerGetsPagesOf60Remembered(_ old: TwentyFake.OldServer) async throws {
        try await withHarness(.twenty, count: 130) { harness in
            let fake = try #require(harness.twenty)
            fake.oldServer = old
            let (records, pages) = try await harness.pullAll()
            #expect(records.count == 130 && Set(records.map(\.remoteID)).count == 130)
            #expect(pages == 3)
            let limits = fake.requests.filter { $0.path == "/rest/opportunities" }.map { $0.query["limit"] ?? "" }
            switch old {
            case .refusesLargePages: #expect(limits == ["200", "60", "60", "60"])
            case .cutsLargePages: #expect(limits == ["200", "60", "60"])
            }
            #expect(harness.provider.memory?[TwentyClient.pageSizeKey] == "60")

            // A client that starts from that memory asks for 60 at once.
            let again = TwentyClient(
                baseURL: fake.baseURL, token: Harness.token, defaultCurrency: "USD", http: .shared,
                retry: Harness.fastRetry)
            again.memory?.attach(stored: [TwentyClient.pageSizeKey: "60"]) { _, _ in }
            let before = fake.requests.count
            _ = try await again.pull(pipelineID: TwentyClient.pipelineID, after: nil)
            #expect(fake.requests[before...].map { $0.query["limit"] } == ["60"])
        }
    }

    /// A workspace whose opportunity object has many custom fields: a read without `fields` gets the server's
    /// default subset, which here leaves out the stage. The client names the fields the card needs.
    @Test func manyCustomFieldsStillGiveAmountStageAndCloseDate() async throws {
        try await withHarness(.twenty) { harness in
            let fake = try #require(harness.twenty)
            fake.customFieldCount = 40
            fake.defaultFieldCap = 10
            let id = try #require(fake.opportunities.first?.id)
            fake.edit(id: id) { $0.closeDate = "2027-03-31T00:00:00.000Z" }

            // What a read without `fields` gets: no stage (the reason the client names its fields).
            let transport = HTTPTransport(
                http: .shared, baseURL: fake.baseURL, headers: [("Authorization", "Bearer \(Harness.token)")],
                secrets: [Harness.token], pacer: Pacer(limit: 1_000, per: .seconds(1)),
                retry: Harness.fastRetry, logger: Logger(label: "test"))
            let bare = try await transport.send(
                .GET, "/rest/opportunities", query: [URLQueryItem(name: "limit", value: "5")])
            let first = try #require(
                ((try JSONSerialization.jsonObject(with: bare) as? [String: Any])?["data"]
                    as? [String: Any])?["opportunities"] as? [[String: Any]])
            #expect(first.allSatisfy { $0["stage"] == nil && $0["amount"] != nil && $0["custom01"] == nil })

            let records = try await harness.pullAll().records
            #expect(records.count == 12)
            #expect(records.allSatisfy { !$0.stageID.isEmpty && $0.value != nil })
            #expect(records.first { $0.remoteID == id }?.closeDate == "2027-03-31")
            let fetched = try #require(try await harness.provider.fetch(remoteID: id))
            #expect(fetched.closeDate == "2027-03-31" && !fetched.stageID.isEmpty)
            let reads = fake.requests.filter {
                $0.method == "GET" && $0.path.hasPrefix("/rest/opportunities") && $0.query["limit"] != "5"
            }
            #expect(
                !reads.isEmpty
                    && reads.allSatisfy { $0.query["fields"] == "id,name,amount,stage,closeDate,createdAt,updatedAt" })
            #expect(reads.allSatisfy { $0.query["depth"] == "0" })
        }
    }
}

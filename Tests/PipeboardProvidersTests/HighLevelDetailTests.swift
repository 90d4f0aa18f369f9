import AsyncHTTPClient
import Foundation
import PipeboardCore
import PipeboardProviders
import ProviderFakes
import TestSupport
import Testing

/// What the HighLevel client does beyond the common contract, held to HighLevel's own OpenAPI files.
@Suite struct HighLevelDetailTests {
    static func draft(_ name: String, pipeline: Pipeline, contact: String? = nil, email: String? = nil) -> Opportunity {
        Opportunity(
            account: "agency", pipelineID: pipeline.id, stageID: pipeline.stages[0].id, name: name,
            contactName: contact, email: email, createdAt: Date())
    }

    /// The contact a create needs is found through the lookups HighLevel offers now (the duplicate lookup by
    /// email, `POST /contacts/search` by name), never through the deprecated `GET /contacts/`.
    @Test func contactsAreFoundThroughTheCurrentLookupsNeverTheDeprecatedOne() async throws {
        try await withHarness(.highLevel, count: 3) { harness in
            let fake = try #require(harness.highLevel)
            let pipeline = try await harness.provider.fetchPipelines()[0]
            let known = try #require(fake.contacts.first { $0.name == "Contact 2" })

            // By email: the duplicate lookup finds the existing contact; no upsert changes it.
            let byEmail = try await harness.provider.create(
                Self.draft("By email", pipeline: pipeline, contact: "Someone else", email: known.email))
            #expect(fake.opportunity(id: byEmail.remoteID)?.contactId == known.id)
            #expect(fake.contacts.first { $0.id == known.id }?.name == "Contact 2")
            let duplicate = try #require(harness.requests.first { $0.path == "/contacts/search/duplicate" })
            #expect(duplicate.method == "GET" && duplicate.query["email"] == known.email)
            #expect(duplicate.query["locationId"] == fake.locationID)

            // By name only: POST /contacts/search with the documented body, an exact (any case) match taken.
            let byName = try await harness.provider.create(
                Self.draft("By name", pipeline: pipeline, contact: "contact 3"))
            let attached = try #require(fake.opportunity(id: byName.remoteID)?.contactId)
            #expect(fake.contacts.first(where: { $0.id == attached })?.name == "Contact 3")
            let search = try #require(harness.requests.last { $0.path == "/contacts/search" })
            #expect(search.method == "POST")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(search.body.utf8)) as? [String: Any])
            #expect(Set(body.keys) == ["locationId", "pageLimit", "query"])
            #expect(body["locationId"] as? String == fake.locationID && body["query"] as? String == "contact 3")
            #expect((body["pageLimit"] as? Int).map { (1...500).contains($0) } == true)

            // A name no contact has: searched, then made once by upsert.
            let before = fake.contacts.count
            _ = try await harness.provider.create(Self.draft("New person", pipeline: pipeline, contact: "Nobody Yet"))
            #expect(fake.contacts.count == before + 1)
            #expect(harness.requests.filter { $0.path == "/contacts/upsert" }.count == 1)

            #expect(!harness.requests.contains { $0.path == "/contacts/" || $0.path == "/contacts" })
        }
    }

    /// HighLevel has no idempotency key, so a create looks for an earlier try of itself first; a deal of the same
    /// name, contact and pipeline made before the card is another deal, left alone, and a second record is made.
    @Test func aSameNamedDealOfTheSameContactMadeBeforeTheCardIsNotTakenForAnEarlierTry() async throws {
        try await withHarness(.highLevel, count: 2) { harness in
            let fake = try #require(harness.highLevel)
            let pipeline = try await harness.provider.fetchPipelines()[0]
            let named = { (name: String) in fake.opportunities.filter { $0.name == name } }
            let older = try #require(named("Deal 1").first)
            let contact = try #require(fake.contacts.first { $0.id == older.contactId })

            let created = try await harness.provider.create(
                Self.draft("Deal 1", pipeline: pipeline, email: contact.email))
            #expect(created.remoteID != older.id)
            #expect(Set(named("Deal 1").map(\.id)) == [older.id, created.remoteID])
            #expect(fake.opportunity(id: older.id)?.updatedAt == older.updatedAt)

            // The answer to the create is lost: the record it made is found, and only that one.
            let other = try #require(named("Deal 2").first)
            let otherContact = try #require(fake.contacts.first { $0.id == other.contactId })
            fake.faults.loseResponseOfNextWrites(1)
            let recovered = try await harness.provider.create(
                Self.draft("Deal 2", pipeline: pipeline, email: otherContact.email))
            #expect(recovered.remoteID != other.id)
            #expect(Set(named("Deal 2").map(\.id)) == [other.id, recovered.remoteID])
        }
    }

    /// Two new cards of one name and contact: the record made for the first is held by it, so the second's
    /// create makes its own, also when its answer is lost.
    @Test func aRecordHeldByAnotherCardIsNeverAnEarlierTry() async throws {
        try await withHarness(.highLevel, count: 0) { harness in
            let fake = try #require(harness.highLevel)
            let pipeline = try await harness.provider.fetchPipelines()[0]
            let drafts = (0..<3).map { _ in Self.draft("Renewal", pipeline: pipeline, email: "client@example.com") }
            let first = try await harness.provider.create(drafts[0])
            let second = try await harness.provider.create(drafts[1], heldByOtherCards: { $0 == first.remoteID })
            #expect(second.remoteID != first.remoteID)

            let held: Set = [first.remoteID, second.remoteID]
            fake.faults.loseResponseOfNextWrites(1)
            let third = try await harness.provider.create(drafts[2], heldByOtherCards: { held.contains($0) })
            #expect(!held.contains(third.remoteID))
            #expect(Set(fake.opportunities.filter { $0.name == "Renewal" }.map(\.id)) == held.union([third.remoteID]))
        }
    }

    /// `GET /opportunities/lost-reason` lists the location's reasons; a status change to lost sends the chosen
    /// one's id as `lostReasonId`, which the pull brings back as the card's `lost_reason_id`.
    @Test func lostReasonsAreListedAndAStatusChangeSendsTheChosenID() async throws {
        try await withHarness(.highLevel, count: 2) { harness in
            let fake = try #require(harness.highLevel)
            let reasons = try await harness.provider.lostReasons()
            #expect(reasons.map(\.name) == fake.lostReasons.map(\.name) && reasons.count == 4)
            let listing = try #require(harness.requests.last { $0.path == "/opportunities/lost-reason" })
            #expect(listing.query["locationId"] == fake.locationID && listing.query["limit"] == "100")

            let record = try #require(try await harness.pullAll().records.first)
            let card = record.opportunity(account: "agency", existing: nil, defaultRank: 0)
            let chosen = reasons[2]
            _ = try await harness.provider.update(
                remoteID: record.remoteID,
                patch: OpportunityPatch(
                    status: .lost, customFields: ["lost_reason_id": chosen.id]), current: card)
            #expect(fake.opportunity(id: record.remoteID)?.status == "lost")
            #expect(fake.opportunity(id: record.remoteID)?.lostReasonId == chosen.id)
            let sent = try #require(harness.requests.last { $0.path.hasSuffix("/status") })
            let body = try #require(try JSONSerialization.jsonObject(with: Data(sent.body.utf8)) as? [String: Any])
            #expect(body["lostReasonId"] as? String == chosen.id && body["status"] as? String == "lost")
            let fetched = try await harness.provider.fetch(remoteID: record.remoteID)
            #expect(fetched?.customFields == ["lost_reason_id": chosen.id])

            // Won sends no reason; an id the location does not have is refused.
            _ = try await harness.provider.update(
                remoteID: record.remoteID, patch: OpportunityPatch(status: .won),
                current: card)
            let won = try #require(harness.requests.last { $0.path.hasSuffix("/status") })
            #expect(!won.body.contains("lostReasonId"))
            await #expect(throws: ProviderError.self) {
                _ = try await harness.provider.update(
                    remoteID: record.remoteID,
                    patch: OpportunityPatch(
                        status: .lost, customFields: ["lost_reason_id": "no-such-reason"]), current: card)
            }
        }
    }

    /// The fake holds the search to its documented rules, so a client that drifts from them fails here. The fake
    /// is asked directly (not through a harness, whose requests are held to the spec): these requests are bad on
    /// purpose.
    @Test func theFakesContactSearchRefusesWhatTheDocsDoNotAllow() async throws {
        try await HighLevelFake.with(token: Harness.token, count: 1) { fake in
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            defer { Task { try? await http.shutdown() } }
            func post(
                _ body: String, path: String = "/contacts/search",
                method: String = "POST"
            ) async throws -> (Int, String) {
                var request = HTTPClientRequest(url: fake.baseURL + path)
                request.method = .init(rawValue: method)
                request.headers.add(name: "Authorization", value: "Bearer \(Harness.token)")
                request.headers.add(name: "Version", value: "2021-07-28")
                request.headers.add(name: "Content-Type", value: "application/json")
                if method == "POST" { request.body = .bytes(Data(body.utf8)) }
                let response = try await http.execute(request, timeout: .seconds(5))
                let bytes = try await response.body.collect(upTo: 1 << 20)
                return (Int(response.status.code), String(decoding: bytes.readableBytesView, as: UTF8.self))
            }
            let location = fake.locationID
            #expect(try await post(#"{"locationId": "\#(location)", "pageLimit": 10}"#).0 == 200)
            let missingLimit = try await post(#"{"locationId": "\#(location)", "query": "x"}"#)
            #expect(missingLimit.0 == 422 && missingLimit.1.contains("pageLimit"))
            let tooLong = String(repeating: "a", count: 76)
            #expect(
                try await post(#"{"locationId": "\#(location)", "pageLimit": 10, "query": "\#(tooLong)"}"#).0
                    == 422)
            #expect(try await post(#"{"locationId": "\#(location)", "pageLimit": 501}"#).0 == 422)
            #expect(try await post(#"{"locationId": "\#(location)", "pageLimit": 10, "limit": 10}"#).0 == 422)
            func filtered(_ filter: String) -> String {
                #"{"locationId": "\#(location)", "pageLimit": 10, "filters": [\#(filter)]}"#
            }
            #expect(try await post(filtered(#"{"field": "email", "operator": "like", "value": "a"}"#)).0 == 422)
            let email = #"{"field": "email", "operator": "eq", "value": "contact1@example.com"}"#
            let byFilter = try await post(filtered(email))
            #expect(byFilter.0 == 200 && byFilter.1.contains(#""total":1"#))
            // The deprecated listing is not served.
            #expect(try await post("", path: "/contacts/?locationId=\(location)&query=x", method: "GET").0 == 404)
        }
    }
}

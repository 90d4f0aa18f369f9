import Foundation
import PipeboardCore
import Testing
@testable import PipeboardStore

/// The base is written by hand (BaseJSON) and read by Opportunity's Codable conformance: every field must come back.
@Suite("BaseJSON: a base written without JSONEncoder reads back as the same card")
struct BaseJSONTests {
    @Test("every field set, with text that needs escaping, reads back equal; so does JSONEncoder's text")
    func everyFieldSet() throws {
        let full = Opportunity(
            account: "acme", remoteID: "r-\"1\"", pipelineID: "sales", stageID: "lead\\won", rank: -42,
            name: "Dëal \"quoted\" \\ back\nslash\t\u{1}", value: Money(micros: 1_234_567_891, currency: "eur"),
            status: .lost, providerStatus: "On hold", contactName: "Zoë 😀", companyName: "Acme/Co", email: "a@b.c",
            phone: "+1 555", owner: "user-9", closeDate: "2026-12-31", source: "web", probability: 0.1 + 0.2,
            tags: ["a", "b \"c\""], customFields: ["z": "last", "a": "first", "q\"k": "v\\"],
            createdAt: Date(timeIntervalSinceReferenceDate: 811_123_456.123_456_7),
            updatedAt: Date(timeIntervalSinceReferenceDate: 811_123_999.000_001),
            stageChangedAt: Date(timeIntervalSince1970: 0), raw: #"{"id":"r-1","name":"x\"y"}"#)
        let text = BaseJSON.encode(full)
        var withoutRaw = full
        withoutRaw.raw = nil
        #expect(try JSONDecoder().decode(Opportunity.self, from: Data(text.utf8)) == withoutRaw)
        #expect(try BaseRow.encode(full) == text)
        #expect(!text.contains("raw"))
    }

    @Test("absent optionals and empty lists read back as absent and empty")
    func fewFieldsSet() throws {
        let bare = Opportunity(
            account: "acme", pipelineID: "sales", stageID: "lead", name: "",
            createdAt: Date(timeIntervalSinceReferenceDate: 1.5))
        let decoded = try JSONDecoder().decode(Opportunity.self, from: Data(BaseJSON.encode(bare).utf8))
        #expect(decoded == bare)
        #expect(decoded.remoteID == nil && decoded.value == nil && decoded.raw == nil && decoded.tags.isEmpty)
    }

    @Test("a number JSON cannot hold is left to JSONEncoder, which refuses it")
    func nonFiniteNumbers() {
        var odd = card("Odd")
        odd.probability = .nan
        #expect(!BaseJSON.canWrite(odd))
        #expect(throws: (any Error).self) { try BaseRow.encode(odd) }
    }
}

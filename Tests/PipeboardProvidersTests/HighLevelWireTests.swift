import Foundation
import PipeboardCore
@testable import PipeboardProviders
import Testing

/// HighLevel's search answer is read without `JSONDecoder` (`HLSearchResponse.read`): it must keep exactly what the
/// `Decodable` conformance keeps and refuse exactly what it refuses, with the same one-line error.
@Suite("HighLevel search answer: the hand-written reader agrees with Decodable")
struct HighLevelWireTests {
    static let record = #"""
        {"id": "o-1", "name": "Deal \"1\"", "monetaryValue": 1500.5, "pipelineId": "p", "pipelineStageId": "s",
         "assignedTo": null, "status": "open", "source": "web", "createdAt": "2026-01-01T00:00:00.000Z",
         "updatedAt": "2026-01-02T00:00:00Z", "lastStageChangeAt": "2026-01-01T10:00:00Z", "contactId": "c-1",
         "contact": {"id": "c-1", "name": "Zoë", "companyName": "Acme", "email": "z@a.co", "phone": "+1",
          "tags": ["a", "b"]},
         "customFields": [{"id": "f", "fieldValue": 3}], "extra": {"deep": [1, 2]}}
        """#

    /// Answers that decode, and answers each broken in one way.
    static let answers: [String] = [
        #"{"opportunities": [\#(record), "#
            + #"{"id": "o-2", "pipelineId": "p", "pipelineStageId": "s", "monetaryValue": 7}], "#
            + #""meta": {"total": 2, "nextPage": 2, "startAfter": 1767225600000, "startAfterId": "o-2"}}"#,
        #"{"opportunities": [], "meta": {"startAfter": "1767225600000", "nextPage": null}}"#,
        #"{"opportunities": [], "meta": {"startAfter": 1.7672256e12}}"#,
        #"{"opportunities": []}"#,
        #"{"opportunities": [], "meta": null, "#
            + #""opportunities": [{"id": "late", "pipelineId": "p", "pipelineStageId": "s"}]}"#,
        #"{"meta": {"total": 1}}"#,
        #"{"opportunities": null}"#,
        #"{"opportunities": {}}"#,
        #"[]"#,
        #"{"opportunities": [{"id": 1, "pipelineId": "p", "pipelineStageId": "s"}]}"#,
        #"{"opportunities": [\#(record), {"id": "o-2", "pipelineStageId": "s"}]}"#,
        #"{"opportunities": [{"id": "o", "pipelineId": "p", "pipelineStageId": null}]}"#,
        #"{"opportunities": [{"id": "o", "pipelineId": "p", "pipelineStageId": "s", "monetaryValue": "12"}]}"#,
        #"{"opportunities": [{"id": "o", "pipelineId": "p", "pipelineStageId": "s", "name": true}]}"#,
        #"{"opportunities": [{"id": "o", "pipelineId": "p", "pipelineStageId": "s", "contact": "c-1"}]}"#,
        #"{"opportunities": [{"id": "o", "pipelineId": "p", "pipelineStageId": "s", "contact": {"tags": ["a", 2]}}]}"#,
        #"{"opportunities": [{"id": "o", "pipelineId": "p", "pipelineStageId": "s", "contact": {"tags": "a"}}]}"#,
        #"{"opportunities": [7]}"#,
        #"{"opportunities": [], "meta": {"startAfter": "soon"}}"#,
        #"{"opportunities": [], "meta": {"startAfter": true}}"#,
        #"{"opportunities": [], "meta": {"total": "3"}}"#,
        #"{"opportunities": [], "meta": {"total": 1.5}}"#,
        #"{"opportunities": [], "meta": {"total": 100000000000000000000}}"#,
        #"{"opportunities": [], "meta": []}"#,
        #"{"opportunities": [}"#,
        #"not json"#,
        "",
    ]

    @Test("the same records or the same error as JSONDecoder, answer by answer", arguments: answers)
    func agreesWithDecodable(_ answer: String) {
        let data = Data(answer.utf8)
        let byHand = Result { try HLSearchResponse.read(data, what: "HighLevel opportunities") }
        let byDecoder = Result {
            try ProviderJSON.decode(HLSearchResponse.self, from: data, what: "HighLevel opportunities")
        }
        switch (byHand, byDecoder) {
        case let (.success(hand), .success(decoded)):
            #expect(hand.opportunities.map(Self.fields) == decoded.opportunities.map(Self.fields))
            #expect(hand.meta.map(Self.fields) == decoded.meta.map(Self.fields))
            #expect(hand.opportunities.allSatisfy { $0.raw != nil })
        case let (.failure(hand), .failure(decoded)):
            let handError = hand as? ProviderError, decodedError = decoded as? ProviderError
            #expect(handError != nil)
            // A whole-number field holding 1.5 or 1e20: JSONDecoder's error names no field, the reader's does.
            if decodedError == .invalidResponse("HighLevel opportunities: not JSON"),
                case .invalidResponse(let text)? = handError,
                text.hasPrefix("HighLevel opportunities: bad value at meta.")
            {
                return
            }
            #expect(handError == decodedError, "\(answer)")
        default:
            Issue.record("one side read \(answer) and the other refused it: \(byHand) / \(byDecoder)")
        }
    }

    @Test("a record keeps its own text, keys sorted")
    func rawText() throws {
        let data = Data(#"{"opportunities": [{"pipelineStageId": "s", "id": "o", "pipelineId": "p"}]}"#.utf8)
        let response = try HLSearchResponse.read(data, what: "HighLevel opportunities")
        #expect(response.opportunities.first?.raw == #"{"id":"o","pipelineId":"p","pipelineStageId":"s"}"#)
    }

    static func fields(_ record: HLOpportunity) -> String {
        let contact = record.contact.map {
            "\([$0.id, $0.name, $0.companyName, $0.email, $0.phone]) \(String(describing: $0.tags))"
        }
        let ids = [
            record.id, record.name, record.pipelineId, record.pipelineStageId, record.assignedTo, record.status,
            record.source,
        ]
        return
            "\(ids)"
            + " \([record.createdAt, record.updatedAt, record.lastStageChangeAt, record.contactId])"
            + " \(String(describing: record.monetaryValue))"
            + " \(String(describing: contact))"
    }

    static func fields(_ meta: HLMeta) -> String {
        "\(String(describing: meta.startAfterId)) \(String(describing: meta.startAfter?.value)) "
            + "\(String(describing: meta.nextPage)) \(String(describing: meta.total))"
    }
}

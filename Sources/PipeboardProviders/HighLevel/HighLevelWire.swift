import Foundation
import PipeboardCore

// The JSON of LeadConnector API v2 (Version 2021-07-28), as the client reads and writes it.

struct HLPipelinesResponse: Decodable {
    let pipelines: [HLPipeline]
}

struct HLPipeline: Decodable {
    let id: String
    let name: String
    let stages: [HLStage]
}

struct HLStage: Decodable {
    let id: String
    let name: String
    let position: Int?
}

struct HLSearchResponse: Decodable {
    var opportunities: [HLOpportunity]
    let meta: HLMeta?

    /// Reads an answer and gives each record its own text (`raw`), from one parse of its bytes: a pull reads one
    /// such answer per 100 records, and `JSONDecoder` cost as much as everything else the client did. The rules and
    /// errors are those of the `Decodable` conformance (HighLevelWireTests holds them side by side).
    static func read(_ data: Data, what: String) throws -> HLSearchResponse {
        guard let document = RawJSON.document(of: data) else {
            throw ProviderError.invalidResponse("\(what): not JSON")
        }
        do {
            let answer = try JSONFields(document, path: "")
            let opportunities = try answer.array("opportunities").enumerated().map { index, item in
                var record = try HLOpportunity(
                    try JSONFields(item, path: JSONFields.element(index, of: "opportunities")))
                record.raw = item.sortedText
                return record
            }
            return HLSearchResponse(
                opportunities: opportunities, meta: try answer.optionalObject("meta").map(HLMeta.init))
        } catch let failure as JSONFields.Failure {
            throw ProviderError.invalidResponse("\(what): \(failure.reason)")
        }
    }
}

/// Paging state. `nextPageUrl` is deliberately not read: it points at an internal host.
struct HLMeta: Decodable {
    let startAfterId: String?
    let startAfter: FlexibleInt64?
    let nextPage: Int?
    let total: Int?
}

extension HLMeta {
    init(_ fields: JSONFields) throws {
        startAfterId = try fields.optionalString("startAfterId")
        startAfter = try fields.optionalFlexibleInt64("startAfter").map(FlexibleInt64.init(value:))
        nextPage = try fields.optionalInt("nextPage")
        total = try fields.optionalInt("total")
    }
}

struct HLOpportunityResponse: Decodable {
    var opportunity: HLOpportunity

    /// Decodes an answer and gives the record its own text (`raw`), read from the same bytes.
    static func read(_ data: Data, what: String) throws -> HLOpportunityResponse {
        var response = try ProviderJSON.decode(Self.self, from: data, what: what)
        response.opportunity.raw = RawJSON.text(of: data, objectAt: "opportunity")
        return response
    }
}

struct HLContact: Decodable {
    let id: String?
    let name: String?
    let companyName: String?
    let email: String?
    let phone: String?
    let tags: [String]?
}

struct HLOpportunity: Decodable {
    let id: String
    let name: String?
    let monetaryValue: Double?
    let pipelineId: String
    let pipelineStageId: String
    let assignedTo: String?
    let status: String?
    let source: String?
    let createdAt: String?
    let updatedAt: String?
    let lastStageChangeAt: String?
    let lastStatusChangeAt: String?
    let lostReasonId: String?
    let contactId: String?
    let contact: HLContact?
    /// The record as received, for `RemoteOpportunity.raw`: set by the answer's `read`, from its bytes.
    var raw: String?

    enum CodingKeys: String, CodingKey {
        case id, name, monetaryValue, pipelineId, pipelineStageId, assignedTo, status, source, createdAt, updatedAt
        case lastStageChangeAt, lastStatusChangeAt, lostReasonId, contactId, contact
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        monetaryValue = try container.decodeIfPresent(Double.self, forKey: .monetaryValue)
        pipelineId = try container.decode(String.self, forKey: .pipelineId)
        pipelineStageId = try container.decode(String.self, forKey: .pipelineStageId)
        assignedTo = try container.decodeIfPresent(String.self, forKey: .assignedTo)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        updatedAt = try container.decodeIfPresent(String.self, forKey: .updatedAt)
        lastStageChangeAt = try container.decodeIfPresent(String.self, forKey: .lastStageChangeAt)
        lastStatusChangeAt = try container.decodeIfPresent(String.self, forKey: .lastStatusChangeAt)
        lostReasonId = try container.decodeIfPresent(String.self, forKey: .lostReasonId)
        contactId = try container.decodeIfPresent(String.self, forKey: .contactId)
        contact = try container.decodeIfPresent(HLContact.self, forKey: .contact)
    }
}

extension HLOpportunity {
    /// The `Decodable` rules, over an answer already parsed (`HLSearchResponse.read`).
    init(_ fields: JSONFields) throws {
        id = try fields.string("id")
        name = try fields.optionalString("name")
        monetaryValue = try fields.optionalDouble("monetaryValue")
        pipelineId = try fields.string("pipelineId")
        pipelineStageId = try fields.string("pipelineStageId")
        assignedTo = try fields.optionalString("assignedTo")
        status = try fields.optionalString("status")
        source = try fields.optionalString("source")
        createdAt = try fields.optionalString("createdAt")
        updatedAt = try fields.optionalString("updatedAt")
        lastStageChangeAt = try fields.optionalString("lastStageChangeAt")
        lastStatusChangeAt = try fields.optionalString("lastStatusChangeAt")
        lostReasonId = try fields.optionalString("lostReasonId")
        contactId = try fields.optionalString("contactId")
        contact = try fields.optionalObject("contact").map(HLContact.init)
        raw = nil
    }
}

extension HLContact {
    init(_ fields: JSONFields) throws {
        id = try fields.optionalString("id")
        name = try fields.optionalString("name")
        companyName = try fields.optionalString("companyName")
        email = try fields.optionalString("email")
        phone = try fields.optionalString("phone")
        tags = try fields.optionalStrings("tags")
    }
}

/// Body of POST /contacts/search, as HighLevel's search documentation describes it (the OpenAPI file's
/// `SearchBodyV2DTO` lists no properties): `locationId` and `pageLimit` required, `query` full text of at most
/// 75 characters.
struct HLContactSearchBody: Encodable {
    static let longestQuery = 75
    let locationId: String
    let pageLimit: Int
    let query: String
}

/// The answer of POST /contacts/search: `{contacts: [...], total}`.
struct HLContactSearchResponse: Decodable {
    let contacts: [HLFoundContact]
}

/// The answer of GET /contacts/search/duplicate: the matching contact, if any.
struct HLDuplicateContactResponse: Decodable {
    let contact: HLFoundContact?
}

/// A contact as the search endpoints return it: the name as `name` / `contactName`, or in parts.
struct HLFoundContact: Decodable {
    let id: String?
    let name: String?
    let contactName: String?
    let firstName: String?
    let lastName: String?
    let firstNameLowerCase: String?
    let lastNameLowerCase: String?

    var fullName: String? {
        if let whole = (name ?? contactName)?.nilIfBlank { return whole }
        let parts = [firstName ?? firstNameLowerCase, lastName ?? lastNameLowerCase].compactMap { $0?.nilIfBlank }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}

struct HLUpsertContactResponse: Decodable {
    let contact: HLContact
}

/// Body of POST /opportunities/ and PUT /opportunities/{id}: every field optional so an update sends only changes.
struct HLOpportunityBody: Encodable {
    var pipelineId: String?
    var locationId: String?
    var name: String?
    var pipelineStageId: String?
    var status: String?
    var contactId: String?
    var monetaryValue: Double?
    var assignedTo: String?
}

/// Body of PUT /opportunities/{id}/status (`UpdateStatusDto`).
struct HLStatusBody: Encodable {
    let status: String
    var lostReasonId: String?
}

/// The answer of GET /opportunities/lost-reason (`LostReasonsResponseSchema`).
struct HLLostReasonsResponse: Decodable {
    let lostReasons: [HLLostReason]
}

struct HLLostReason: Decodable {
    let id: String
    let name: String?
}

struct HLUpsertContactBody: Encodable {
    let locationId: String
    var name: String?
    var email: String?
    var phone: String?
    var companyName: String?
}

import Foundation

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

    /// Decodes an answer and gives each record its own text (`raw`), read from the same bytes.
    static func read(_ data: Data, what: String) throws -> HLSearchResponse {
        var response = try ProviderJSON.decode(Self.self, from: data, what: what)
        if let texts = RawJSON.texts(of: data, arrayAt: "opportunities"), texts.count == response.opportunities.count {
            for index in response.opportunities.indices { response.opportunities[index].raw = texts[index] }
        }
        return response
    }
}

/// Paging state. `nextPageUrl` is deliberately not read: it points at an internal host.
struct HLMeta: Decodable {
    let startAfterId: String?
    let startAfter: FlexibleInt64?
    let nextPage: Int?
    let total: Int?
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
    let contactId: String?
    let contact: HLContact?
    /// The record as received, for `RemoteOpportunity.raw`: set by the answer's `read`, from its bytes.
    var raw: String?

    enum CodingKeys: String, CodingKey {
        case id, name, monetaryValue, pipelineId, pipelineStageId, assignedTo, status, source, createdAt, updatedAt
        case lastStageChangeAt, contactId, contact
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
        contactId = try container.decodeIfPresent(String.self, forKey: .contactId)
        contact = try container.decodeIfPresent(HLContact.self, forKey: .contact)
    }
}

struct HLContactsResponse: Decodable {
    let contacts: [HLContact]
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

struct HLStatusBody: Encodable {
    let status: String
}

struct HLUpsertContactBody: Encodable {
    let locationId: String
    var name: String?
    var email: String?
    var phone: String?
    var companyName: String?
}

import Foundation
import PipeboardCore

// The JSON of Coastline CRM's API (v1), as the client reads and writes it. Only create and list are published,
// and not the list's envelope: a bare array or an object with the records under `data` is read.

struct CLList: Decodable {
    let items: [CLOpportunity]

    enum CodingKeys: String, CodingKey { case data, opportunities }

    init(from decoder: any Decoder) throws {
        if let array = try? decoder.singleValueContainer().decode([CLOpportunity].self) {
            items = array
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items =
            try container.decodeIfPresent([CLOpportunity].self, forKey: .data)
            ?? container.decode([CLOpportunity].self, forKey: .opportunities)
    }
}

struct CLOpportunity: Decodable {
    let id: String
    let name: String?
    let contactName: String?
    let value: Double?
    let leadSource: String?
    let approvalStatus: String?
    let pipelineId: String?
    let stageId: String?
    let tags: [String]?
    let addressStreet: String?
    let addressCity: String?
    let addressState: String?
    let addressZip: String?
    let addressCountry: String?
    let createdAt: String?
    let updatedAt: String?
    let raw: String?

    enum CodingKeys: String, CodingKey {
        case id, name, value, tags
        case contactName = "contact_name", leadSource = "lead_source", approvalStatus = "approval_status"
        case pipelineId = "pipeline_id", stageId = "stage_id", addressStreet = "address_street", addressCity =
            "address_city"
        case addressState = "address_state", addressZip = "address_zip", addressCountry = "address_country"
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        contactName = try container.decodeIfPresent(String.self, forKey: .contactName)
        value = try container.decodeIfPresent(Double.self, forKey: .value)
        leadSource = try container.decodeIfPresent(String.self, forKey: .leadSource)
        approvalStatus = try container.decodeIfPresent(String.self, forKey: .approvalStatus)
        pipelineId = try container.decodeIfPresent(String.self, forKey: .pipelineId)
        stageId = try container.decodeIfPresent(String.self, forKey: .stageId)
        tags = try container.decodeIfPresent([String].self, forKey: .tags)
        addressStreet = try container.decodeIfPresent(String.self, forKey: .addressStreet)
        addressCity = try container.decodeIfPresent(String.self, forKey: .addressCity)
        addressState = try container.decodeIfPresent(String.self, forKey: .addressState)
        addressZip = try container.decodeIfPresent(String.self, forKey: .addressZip)
        addressCountry = try container.decodeIfPresent(String.self, forKey: .addressCountry)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        updatedAt = try container.decodeIfPresent(String.self, forKey: .updatedAt)
        raw = JSONValue.rawText(from: decoder)
    }

    /// Where the card goes when the record names no pipeline or stage.
    var pipeline: String { pipelineId?.nilIfBlank ?? CoastlineClient.defaultPlace }
    var stage: String { stageId?.nilIfBlank ?? CoastlineClient.defaultPlace }
}

/// Body of POST /v1/opportunities: every field optional, only those set are sent.
struct CLCreateBody: Encodable {
    var contactName: String?
    var value: Double?
    var leadSource: String?
    var pipelineId: String?
    var stageId: String?
    var tags: [String]?
    var addressStreet: String?
    var addressCity: String?
    var addressState: String?
    var addressZip: String?
    var addressCountry: String?

    enum CodingKeys: String, CodingKey {
        case value, tags
        case contactName = "contact_name", leadSource = "lead_source", pipelineId = "pipeline_id", stageId = "stage_id"
        case addressStreet = "address_street", addressCity = "address_city", addressState = "address_state"
        case addressZip = "address_zip", addressCountry = "address_country"
    }
}

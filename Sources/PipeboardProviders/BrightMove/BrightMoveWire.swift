import Foundation
import PipeboardCore

// The JSON of BrightMove's public API (Beta, /ATS/api/v1), as the client reads and writes it. The list and get
// shapes are not published: a list is read as a bare array or as a page object holding the records under
// `content` (the paging style of the clients endpoint), `data` or `items`.

struct BMPage<Item: Decodable>: Decodable {
    let items: [Item]
    /// Set when the page says it is the last one.
    let last: Bool?

    enum CodingKeys: String, CodingKey { case content, data, items, last }

    init(from decoder: any Decoder) throws {
        if let array = try? decoder.singleValueContainer().decode([Item].self) {
            items = array
            last = nil
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let content = try container.decodeIfPresent([Item].self, forKey: .content) {
            items = content
        } else if let data = try container.decodeIfPresent([Item].self, forKey: .data) {
            items = data
        } else {
            items = try container.decode([Item].self, forKey: .items)
        }
        last = try container.decodeIfPresent(Bool.self, forKey: .last)
    }
}

struct BMClient: Decodable {
    let guid: String
    let name: String?
}

struct BMOpportunity: Decodable {
    let guid: String
    let name: String?
    let clientGuid: String?
    let clientName: String?
    let stageName: String?
    let typeName: String?
    let leadSourceName: String?
    let description: String?
    let opportunityValue: Double?
    let closeProbability: Double?
    /// Epoch milliseconds.
    let createdDate: Int64?
    let lastModifiedDate: Int64?
    let raw: String?

    enum CodingKeys: String, CodingKey {
        case guid, name, clientGuid, clientName, stageName, typeName, leadSourceName, description, opportunityValue
        case closeProbability, createdDate, lastModifiedDate
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guid = try container.decode(String.self, forKey: .guid)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        clientGuid = try container.decodeIfPresent(String.self, forKey: .clientGuid)
        clientName = try container.decodeIfPresent(String.self, forKey: .clientName)
        stageName = try container.decodeIfPresent(String.self, forKey: .stageName)
        typeName = try container.decodeIfPresent(String.self, forKey: .typeName)
        leadSourceName = try container.decodeIfPresent(String.self, forKey: .leadSourceName)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        opportunityValue = try container.decodeIfPresent(Double.self, forKey: .opportunityValue)
        closeProbability = try container.decodeIfPresent(Double.self, forKey: .closeProbability)
        createdDate = try container.decodeIfPresent(FlexibleInt64.self, forKey: .createdDate)?.value
        lastModifiedDate = try container.decodeIfPresent(FlexibleInt64.self, forKey: .lastModifiedDate)?.value
        raw = JSONValue.rawText(from: decoder)
    }
}

/// The create answer: documented as 201 with `{}` in the example, so the record may be missing.
struct BMMaybeOpportunity: Decodable {
    let record: BMOpportunity?
    init(from decoder: any Decoder) throws {
        record = try? BMOpportunity(from: decoder)
    }
}

/// Body of POST /opportunities and of PUT /opportunities/{guid} (a partial update): only the fields set are sent.
struct BMOpportunityBody: Encodable {
    var name: String?
    var clientGuid: String?
    var stageName: String?
    var typeName: String?
    var description: String?
    var opportunityValue: Double?
    var closeProbability: Double?
    var leadSourceName: String?

    var isEmpty: Bool {
        name == nil && clientGuid == nil && stageName == nil && typeName == nil && description == nil
            && opportunityValue == nil && closeProbability == nil && leadSourceName == nil
    }
}

/// BrightMove's timestamps: Unix epoch milliseconds.
enum EpochMillis {
    static func date(_ millis: Int64?) -> Date? {
        millis.map { Date(timeIntervalSince1970: Double($0) / 1_000) }
    }
}

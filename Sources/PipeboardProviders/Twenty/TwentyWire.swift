import Foundation

// The JSON of Twenty's REST and metadata APIs, as the client reads and writes it.

struct TwentyObjectsResponse: Decodable {
    struct Payload: Decodable { let objects: [TwentyObject] }
    let data: Payload
}

struct TwentyObject: Decodable {
    let nameSingular: String
    let fields: [TwentyField]?

    enum CodingKeys: String, CodingKey { case nameSingular, fields }

    /// The fields come as a list, or (as the metadata spec types them, an object) as a connection
    /// `{edges: [{node: field}]}`.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nameSingular = try container.decode(String.self, forKey: .nameSingular)
        if let list = try? container.decodeIfPresent([TwentyField].self, forKey: .fields) {
            fields = list
        } else {
            fields = try container.decodeIfPresent(TwentyFieldConnection.self, forKey: .fields)?.edges.map(\.node)
        }
    }
}

struct TwentyFieldConnection: Decodable {
    struct Edge: Decodable { let node: TwentyField }
    let edges: [Edge]
}

struct TwentyField: Decodable {
    let name: String
    let type: String?
    let options: [TwentyOption]?
    /// A relation's settings: `joinColumnName` is the field a record's body carries (`targetOpportunityId`).
    let settings: Settings?

    struct Settings: Decodable { let joinColumnName: String? }

    enum CodingKeys: String, CodingKey { case name, type, options, settings }

    /// `type` and `settings` are read where they are readable: the stage options must not fail on them.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        options = try container.decodeIfPresent([TwentyOption].self, forKey: .options)
        type = try? container.decodeIfPresent(String.self, forKey: .type)
        settings = try? container.decodeIfPresent(Settings.self, forKey: .settings)
    }
}

struct TwentyOption: Decodable {
    let value: String
    let label: String
    let position: Int?
}

struct TwentyListResponse: Decodable {
    struct Payload: Decodable { let opportunities: [TwentyOpportunity] }
    struct PageInfo: Decodable {
        let hasNextPage: Bool?
        let endCursor: String?
    }
    let data: Payload
    let pageInfo: PageInfo?
    let totalCount: Int?
}

struct TwentyCreateResponse: Decodable {
    struct Payload: Decodable { let createOpportunity: TwentyOpportunity }
    let data: Payload
}

struct TwentyGetResponse: Decodable {
    struct Payload: Decodable { let opportunity: TwentyOpportunity }
    let data: Payload
}

/// The restored record, under `restoreOpportunity` (responses.utils.ts, getRestoreOneResponse200).
struct TwentyRestoreResponse: Decodable {
    struct Payload: Decodable { let restoreOpportunity: TwentyOpportunity? }
    let data: Payload?
}

struct TwentyUpdateResponse: Decodable {
    struct Payload: Decodable { let updateOpportunity: TwentyOpportunity }
    let data: Payload
}

/// Micros may come as a number or as numeric text, and the whole amount may be null.
struct TwentyAmount: Codable {
    let amountMicros: FlexibleInt64?
    let currencyCode: String?

    init(amountMicros: Int64?, currencyCode: String?) {
        self.amountMicros = amountMicros.map(FlexibleInt64.init(value:))
        self.currencyCode = currencyCode
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(amountMicros?.value, forKey: .amountMicros)
        try container.encode(currencyCode, forKey: .currencyCode)
    }
}

struct TwentyOpportunity: Decodable {
    let id: String
    let name: String?
    let amount: TwentyAmount?
    let stage: String
    let closeDate: String?
    let createdAt: String?
    let updatedAt: String?
    let raw: String?

    enum CodingKeys: String, CodingKey { case id, name, amount, stage, closeDate, createdAt, updatedAt }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        amount = try container.decodeIfPresent(TwentyAmount.self, forKey: .amount)
        stage = try container.decode(String.self, forKey: .stage)
        closeDate = try container.decodeIfPresent(String.self, forKey: .closeDate)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        updatedAt = try container.decodeIfPresent(String.self, forKey: .updatedAt)
        raw = JSONValue.rawText(from: decoder)
    }
}

/// Body of a create or a PATCH: only the fields set are sent. A nil `amount` with `clearAmount` sends null.
struct TwentyOpportunityBody: Encodable {
    var id: String?
    var name: String?
    var stage: String?
    var amount: TwentyAmount?
    var clearAmount = false
    var closeDate: String?
    var clearCloseDate = false

    enum CodingKeys: String, CodingKey { case id, name, stage, amount, closeDate }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(stage, forKey: .stage)
        if let amount {
            try container.encode(amount, forKey: .amount)
        } else if clearAmount {
            try container.encode(TwentyAmount(amountMicros: nil, currencyCode: nil), forKey: .amount)
        }
        if let closeDate {
            try container.encode(closeDate, forKey: .closeDate)
        } else if clearCloseDate {
            try container.encodeNil(forKey: .closeDate)
        }
    }

    var isEmpty: Bool {
        name == nil && stage == nil && amount == nil && !clearAmount && closeDate == nil && !clearCloseDate
    }
}

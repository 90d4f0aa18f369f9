import Foundation
import PipeboardCore

// The JSON of Coperniq's public API (v1), as the client reads and writes it.

struct CQWorkflow: Decodable {
    let id: Int64
    let name: String?
    let phases: [CQPhase]?
}

struct CQPhase: Decodable {
    let id: Int64
    let name: String?
}

struct CQPerson: Decodable {
    let firstName: String?
    let lastName: String?
    let email: String?

    var displayName: String? {
        let joined = [firstName, lastName].compactMap { $0?.nilIfBlank }.joined(separator: " ")
        return joined.isEmpty ? email : joined
    }
}

struct CQOpportunity: Decodable {
    let id: Int64
    let title: String?
    let description: String?
    let address: [String]?
    let trades: [String]?
    let value: Double?
    let status: String?
    let confidence: Double?
    let workflowId: Int64?
    let phaseId: Int64?
    let phase: CQPhase?
    let primaryEmail: String?
    let primaryPhone: String?
    let owner: CQPerson?
    let salesRep: CQPerson?
    let createdAt: String?
    let updatedAt: String?
    let raw: String?

    enum CodingKeys: String, CodingKey {
        case id, title, description, address, trades, value, status, confidence, workflowId, phaseId, phase
        case primaryEmail, primaryPhone, owner, salesRep, createdAt, updatedAt
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(FlexibleInt64.self, forKey: .id).value
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        address = try container.decodeIfPresent([String].self, forKey: .address)
        trades = try container.decodeIfPresent([String].self, forKey: .trades)
        value = try container.decodeIfPresent(Double.self, forKey: .value)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        confidence = try container.decodeIfPresent(Double.self, forKey: .confidence)
        workflowId = try container.decodeIfPresent(FlexibleInt64.self, forKey: .workflowId)?.value
        phaseId = try container.decodeIfPresent(FlexibleInt64.self, forKey: .phaseId)?.value
        phase = try container.decodeIfPresent(CQPhase.self, forKey: .phase)
        primaryEmail = try container.decodeIfPresent(String.self, forKey: .primaryEmail)
        primaryPhone = try container.decodeIfPresent(String.self, forKey: .primaryPhone)
        owner = try container.decodeIfPresent(CQPerson.self, forKey: .owner)
        salesRep = try container.decodeIfPresent(CQPerson.self, forKey: .salesRep)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        updatedAt = try container.decodeIfPresent(String.self, forKey: .updatedAt)
        raw = JSONValue.rawText(from: decoder)
    }
}

/// Body of POST /opportunities (OpportunityUpsert) and of PATCH /opportunities/{id}: only the fields set are sent.
struct CQOpportunityBody: Encodable {
    var title: String?
    var address: [String]?
    var trades: [String]?
    var description: String?
    var workflowId: Int64?
    var phaseId: Int64?
    var value: Double?
    var status: String?
    var confidence: Double?
    var primaryEmail: String?
    var primaryPhone: String?

    var isEmpty: Bool {
        title == nil && address == nil && trades == nil && description == nil && workflowId == nil && phaseId == nil
            && value == nil && status == nil && confidence == nil && primaryEmail == nil && primaryPhone == nil
    }
}

import Foundation

// The fake's own model of a Twenty workspace, written from the docs (providers.md section 4).

extension TwentyFake {
    package struct StageOption: Codable, Sendable, Hashable {
        package var id: String
        package var value: String
        package var label: String
        package var position: Int
        package var color: String
    }

    package struct Amount: Codable, Sendable, Hashable {
        package var amountMicros: Int64?
        package var currencyCode: String?
    }

    public struct Opportunity: Codable, Sendable, Hashable {
        package var id: String
        package var name: String?
        package var amount: Amount
        package var closeDate: String?
        package var stage: String
        package var position: Double
        package var pointOfContactId: String?
        package var companyId: String?
        package var ownerId: String?
        package var createdAt: String
        package var updatedAt: String
        package var deletedAt: String?
    }

    /// The default stage options (no won / lost): NEW, SCREENING, MEETING, PROPOSAL, CUSTOMER.
    package static let defaultStages: [StageOption] = [
        ("NEW", "New", "red"), ("SCREENING", "Screening", "purple"), ("MEETING", "Meeting", "sky"),
        ("PROPOSAL", "Proposal", "turquoise"), ("CUSTOMER", "Customer", "yellow"),
    ].enumerated().map { StageOption(id: FakeIDs.uuid(), value: $1.0, label: $1.1, position: $0, color: $1.2) }

    /// `count` opportunities over the default stages, created a minute apart.
    package static func sample(count: Int) -> [Opportunity] {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        return (0..<count).map { index in
            let at = FakeDates.string(start.addingTimeInterval(Double(index) * 60))
            return Opportunity(
                id: FakeIDs.uuid(), name: "Deal \(index + 1)",
                amount: Amount(amountMicros: Int64(1_000 + index * 250) * 1_000_000 + 500_000, currencyCode: "USD"),
                closeDate: nil, stage: defaultStages[index % defaultStages.count].value, position: Double(index),
                createdAt: at, updatedAt: at)
        }
    }

    /// The record's fields as reads name them: system and label identifier first, then standard by name.
    static let leadingFields = ["id", "name", "createdAt", "updatedAt", "deletedAt", "position"]
    static let standardFields = ["amount", "closeDate", "companyId", "ownerId", "pointOfContactId", "stage"]

    /// The name of the workspace's `index`th custom field (1-based), and its value on every record.
    static func customField(_ index: Int) -> String { String(format: "custom%02d", index) }

    /// A record as the API writes it: the fields asked for (nil: all), the workspace's custom fields, and micros
    /// as text when the fake is told to (servers differ).
    struct OpportunityJSON: Encodable {
        let record: Opportunity
        let microsAsText: Bool
        var selected: Set<String>?
        var customFieldCount = 0

        struct Key: CodingKey {
            let stringValue: String
            init(_ name: String) { stringValue = name }
            init?(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }

        enum AmountKeys: String, CodingKey { case amountMicros, currencyCode }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            func wanted(_ name: String) -> Bool { name == "id" || selected?.contains(name) ?? true }
            try container.encode(record.id, forKey: Key("id"))
            if wanted("name") { try container.encodeIfPresent(record.name, forKey: Key("name")) }
            if wanted("amount") {
                var amount = container.nestedContainer(keyedBy: AmountKeys.self, forKey: Key("amount"))
                if microsAsText {
                    try amount.encodeIfPresent(record.amount.amountMicros.map(String.init), forKey: .amountMicros)
                } else {
                    try amount.encodeIfPresent(record.amount.amountMicros, forKey: .amountMicros)
                }
                try amount.encodeIfPresent(record.amount.currencyCode, forKey: .currencyCode)
            }
            if wanted("closeDate") { try container.encodeIfPresent(record.closeDate, forKey: Key("closeDate")) }
            if wanted("stage") { try container.encode(record.stage, forKey: Key("stage")) }
            if wanted("position") { try container.encode(record.position, forKey: Key("position")) }
            if wanted("pointOfContactId") {
                try container.encodeIfPresent(record.pointOfContactId, forKey: Key("pointOfContactId"))
            }
            if wanted("companyId") { try container.encodeIfPresent(record.companyId, forKey: Key("companyId")) }
            if wanted("ownerId") { try container.encodeIfPresent(record.ownerId, forKey: Key("ownerId")) }
            if wanted("createdAt") { try container.encode(record.createdAt, forKey: Key("createdAt")) }
            if wanted("updatedAt") { try container.encode(record.updatedAt, forKey: Key("updatedAt")) }
            if wanted("deletedAt") { try container.encodeIfPresent(record.deletedAt, forKey: Key("deletedAt")) }
            if customFieldCount > 0 {
                for index in 1...customFieldCount where wanted(customField(index)) {
                    try container.encode("Value \(index)", forKey: Key(customField(index)))
                }
            }
        }
    }
}

import Foundation

// The fake's own model of a Twenty workspace, written from the docs (providers.md section 4).

extension TwentyFake {
    public struct StageOption: Codable, Sendable, Hashable {
        public var id: String
        public var value: String
        public var label: String
        public var position: Int
        public var color: String
    }

    public struct Amount: Codable, Sendable, Hashable {
        public var amountMicros: Int64?
        public var currencyCode: String?
    }

    public struct Opportunity: Codable, Sendable, Hashable {
        public var id: String
        public var name: String?
        public var amount: Amount
        public var closeDate: String?
        public var stage: String
        public var position: Double
        public var pointOfContactId: String?
        public var companyId: String?
        public var ownerId: String?
        public var createdAt: String
        public var updatedAt: String
        public var deletedAt: String?
    }

    /// The default stage options (no won / lost): NEW, SCREENING, MEETING, PROPOSAL, CUSTOMER.
    public static let defaultStages: [StageOption] = [
        ("NEW", "New", "red"), ("SCREENING", "Screening", "purple"), ("MEETING", "Meeting", "sky"),
        ("PROPOSAL", "Proposal", "turquoise"), ("CUSTOMER", "Customer", "yellow"),
    ].enumerated().map { StageOption(id: FakeIDs.uuid(), value: $1.0, label: $1.1, position: $0, color: $1.2) }

    /// `count` opportunities over the default stages, created a minute apart.
    public static func sample(count: Int) -> [Opportunity] {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        return (0..<count).map { index in
            let at = FakeDates.string(start.addingTimeInterval(Double(index) * 60))
            return Opportunity(id: FakeIDs.uuid(), name: "Deal \(index + 1)",
                               amount: Amount(amountMicros: Int64(1_000 + index * 250) * 1_000_000 + 500_000, currencyCode: "USD"),
                               closeDate: nil, stage: defaultStages[index % defaultStages.count].value, position: Double(index),
                               createdAt: at, updatedAt: at)
        }
    }

    /// A record as the API writes it; micros as text when the fake is told to (servers differ).
    struct OpportunityJSON: Encodable {
        let record: Opportunity
        let microsAsText: Bool

        enum Keys: String, CodingKey { case amount }
        enum AmountKeys: String, CodingKey { case amountMicros, currencyCode }

        func encode(to encoder: any Encoder) throws {
            try record.encode(to: encoder)
            guard microsAsText else { return }
            var container = encoder.container(keyedBy: Keys.self)
            var amount = container.nestedContainer(keyedBy: AmountKeys.self, forKey: .amount)
            try amount.encode(record.amount.amountMicros.map(String.init), forKey: .amountMicros)
            try amount.encode(record.amount.currencyCode, forKey: .currencyCode)
        }
    }
}

import Foundation

// The fake's own model of a HighLevel location, written from the API docs (providers.md section 5).

extension HighLevelFake {
    package struct Stage: Codable, Sendable, Hashable {
        package var id: String
        package var name: String
        package var position: Int
        package var showInFunnel = true
        package var showInPieChart = true
    }

    public struct Pipeline: Codable, Sendable, Hashable {
        public var id: String
        package var name: String
        package var stages: [Stage]
        package var locationId: String
        package var showInFunnel = true
        package var showInPieChart = true
    }

    package struct Contact: Codable, Sendable, Hashable {
        package var id: String
        package var locationId: String
        package var name: String?
        package var email: String?
        package var phone: String?
        package var companyName: String?
        package var tags: [String] = []
    }

    package struct Opportunity: Codable, Sendable, Hashable {
        package var id: String
        package var name: String
        /// Major units of the location's currency.
        package var monetaryValue: Double
        package var pipelineId: String
        package var pipelineStageId: String
        package var assignedTo: String?
        package var status: String
        package var source: String
        package var lastStatusChangeAt: String
        package var lastStageChangeAt: String
        package var lastActionDate: String
        package var indexVersion: Int
        package var createdAt: String
        package var updatedAt: String
        package var contactId: String
        package var locationId: String
        /// Set by a status change to lost that names one of the location's lost reasons.
        package var lostReasonId: String?
    }

    /// One of the location's lost reasons (`LostReasonResponseSchema`).
    package struct LostReason: Codable, Sendable, Hashable {
        package var id: String
        package var name: String
        package var locationId: String
        package var createdAt: String
        package var updatedAt: String
    }

    /// An opportunity as the API returns it: the record plus its contact, embedded.
    struct OpportunityJSON: Encodable {
        let record: Opportunity
        let contact: ContactSummary?

        struct ContactSummary: Encodable {
            let id: String
            let name: String?
            let companyName: String?
            let email: String?
            let phone: String?
            let tags: [String]
        }

        func encode(to encoder: any Encoder) throws {
            try record.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encodeIfPresent(contact, forKey: .contact)
            try container.encode([String](), forKey: .notes)
            try container.encode([String](), forKey: .tasks)
            try container.encode([String](), forKey: .calendarEvents)
            try container.encode([String](), forKey: .followers)
        }

        enum Keys: String, CodingKey { case contact, notes, tasks, calendarEvents, followers }
    }

    /// Starting data for a location.
    public struct Seed: Sendable {
        package var pipelines: [Pipeline]
        package var contacts: [Contact]
        package var opportunities: [Opportunity]
        package var lostReasons: [LostReason]

        package init(
            pipelines: [Pipeline], contacts: [Contact] = [], opportunities: [Opportunity] = [],
            lostReasons: [LostReason] = []
        ) {
            self.pipelines = pipelines
            self.contacts = contacts
            self.opportunities = opportunities
            self.lostReasons = lostReasons
        }

        /// One pipeline of four stages (listed out of order: clients must sort by position) and `count`
        /// opportunities, each with its own contact, created a minute apart.
        package static func sample(locationID: String, count: Int) -> Seed {
            let names = ["Closed", "New Lead", "Proposal Sent", "Contacted"]
            let positions = [3, 0, 2, 1]
            let stages = zip(names, positions).map { Stage(id: FakeIDs.uuid(), name: $0, position: $1) }
            let pipeline = Pipeline(
                id: FakeIDs.highLevel(), name: "Sales Pipeline", stages: stages, locationId: locationID)
            let start = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01
            var contacts: [Contact] = []
            var opportunities: [Opportunity] = []
            for index in 0..<count {
                let contact = Contact(
                    id: FakeIDs.highLevel(), locationId: locationID, name: "Contact \(index + 1)",
                    email: "contact\(index + 1)@example.com", phone: "+1202555\(String(format: "%04d", index))",
                    companyName: "Company \(index + 1)")
                let at = FakeDates.string(start.addingTimeInterval(Double(index) * 60))
                contacts.append(contact)
                opportunities.append(
                    Opportunity(
                        id: FakeIDs.highLevel(), name: "Deal \(index + 1)",
                        monetaryValue: Double(1_000 + index * 250) + 0.5,
                        pipelineId: pipeline.id, pipelineStageId: stages[index % stages.count].id, assignedTo: nil,
                        status: "open", source: "fake", lastStatusChangeAt: at, lastStageChangeAt: at,
                        lastActionDate: at,
                        indexVersion: 1, createdAt: at, updatedAt: at, contactId: contact.id, locationId: locationID))
            }
            let reasonNames = ["Price too high", "Went with a competitor", "No budget", "Timing"]
            let reasons = reasonNames.enumerated().map { index, name in
                let updated = start.addingTimeInterval(Double(index))
                return LostReason(
                    id: FakeIDs.highLevel(), name: name, locationId: locationID,
                    createdAt: FakeDates.string(start), updatedAt: FakeDates.string(updated))
            }
            return Seed(pipelines: [pipeline], contacts: contacts, opportunities: opportunities, lostReasons: reasons)
        }
    }
}

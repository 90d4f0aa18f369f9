import Foundation

// The fake's own model of a BrightMove company, written from the API reference (providers.md section 1).

extension BrightMoveFake {
    package struct Client: Codable, Sendable, Hashable {
        package var guid: String
        package var name: String
        package init(guid: String, name: String) {
            self.guid = guid
            self.name = name
        }
    }

    package struct StageSetting: Sendable, Hashable {
        package var name: String
        /// The stage's configured close probability, 0 to 100: a create without one takes it.
        package var probability: Double
    }

    /// What the company has configured: names are matched exactly.
    package struct Setup: Sendable, Hashable {
        package var stages: [StageSetting]
        package var types: [String]
        package var leadSources: [String]
        package var clients: [Client]
    }

    package struct Opportunity: Codable, Sendable, Hashable {
        package var guid: String
        package var name: String
        package var clientGuid: String
        package var clientName: String
        package var stageName: String
        package var typeName: String
        package var leadSourceName: String?
        package var description: String?
        /// US dollars.
        package var opportunityValue: Double?
        package var closeProbability: Double
        /// Epoch milliseconds.
        package var createdDate: Int64
        package var lastModifiedDate: Int64
    }

    package struct Seed: Sendable {
        package var setup: Setup
        package var opportunities: [Opportunity]

        package init(setup: Setup, opportunities: [Opportunity] = []) {
            self.setup = setup
            self.opportunities = opportunities
        }

        package static let sampleSetup = Setup(
            stages: [
                StageSetting(name: "Prospecting", probability: 10), StageSetting(name: "Qualified", probability: 25),
                StageSetting(name: "Proposal Sent", probability: 50),
                StageSetting(name: "Negotiation", probability: 75),
                StageSetting(name: "Closed Won", probability: 100),
            ],
            types: ["Direct Hire", "Contract", "Contract to Hire"],
            leadSources: ["Referral", "Website", "Cold Call"],
            clients: [
                Client(guid: "b2c3d4e5-f6a7-4901-bcde-f12345678901", name: "Acme Corp"),
                Client(guid: "c3d4e5f6-a7b8-4012-8def-123456789012", name: "Globex"),
                Client(guid: "d4e5f6a7-b8c9-4123-9ef0-234567890123", name: "Globex Staffing"),
            ])

        /// `count` opportunities over the first four stages, created a minute apart, in the sample setup.
        package static func sample(count: Int) -> Seed {
            let setup = sampleSetup
            let start: Int64 = 1_767_225_600_000
            let opportunities = (0..<count).map { index -> Opportunity in
                let stage = setup.stages[index % 4]
                let client = setup.clients[index % setup.clients.count]
                let at = start + Int64(index) * 60_000
                return Opportunity(
                    guid: UUID().uuidString.lowercased(), name: "Placement \(index + 1)", clientGuid: client.guid,
                    clientName: client.name, stageName: stage.name, typeName: setup.types[index % setup.types.count],
                    leadSourceName: setup.leadSources[index % setup.leadSources.count],
                    opportunityValue: Double(20_000 + index * 1_000) + 0.5, closeProbability: stage.probability,
                    createdDate: at, lastModifiedDate: at)
            }
            return Seed(setup: setup, opportunities: opportunities)
        }
    }
}

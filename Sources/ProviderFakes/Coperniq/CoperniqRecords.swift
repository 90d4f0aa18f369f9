import Foundation

// The fake's own model of a Coperniq account, written from the API reference (providers.md section 2).

extension CoperniqFake {
    package struct Phase: Codable, Sendable, Hashable {
        package var id: Int64
        package var name: String
        package var type: String
        package var description: String?
        package var redSla: Int?
        package var yellowSla: Int?
    }

    package struct Workflow: Codable, Sendable, Hashable {
        package var id: Int64
        package var name: String
        package var description: String?
        package var type = "PROJECT"
        package var createdAt: String
        package var updatedAt: String
        package var phases: [Phase]
    }

    package struct PhaseSummary: Codable, Sendable, Hashable {
        package var id: Int64
        package var name: String
        package var type: String

        init(id: Int64, name: String, type: String) {
            self.id = id
            self.name = name
            self.type = type
        }

        /// How a record names its phase.
        package init(_ phase: Phase) { self.init(id: phase.id, name: phase.name, type: phase.type) }
    }

    package struct Opportunity: Codable, Sendable, Hashable {
        package var id: Int64
        package var number: Int64
        package var title: String
        package var description: String?
        package var address: [String]
        package var trades: [String]
        /// Major units; Coperniq has no currency field.
        package var value: Double?
        package var size: Double?
        package var confidence: Double?
        package var status: String
        package var isActive: Bool
        package var workflowId: Int64?
        package var workflowName: String?
        package var phaseId: Int64?
        package var phase: PhaseSummary?
        package var primaryEmail: String?
        package var primaryPhone: String?
        package var accountId: Int64?
        package var custom: [String: String]
        package var createdAt: String
        package var updatedAt: String
    }

    package struct Seed: Sendable {
        package var workflows: [Workflow]
        package var opportunities: [Opportunity]
        package var trades: [String]

        package init(
            workflows: [Workflow], opportunities: [Opportunity] = [], trades: [String] = ["Solar", "Roofing", "HVAC"]
        ) {
            self.workflows = workflows
            self.opportunities = opportunities
            self.trades = trades
        }

        /// Two workflows ("Residential Solar" with four phases, "Service" with two); `count` opportunities in the
        /// first, created a minute apart, over its phases, with a mix of statuses.
        package static func sample(count: Int) -> Seed {
            let start = Date(timeIntervalSince1970: 1_767_225_600)
            let at = FakeDates.string(start)
            let solar = Workflow(
                id: 101, name: "Residential Solar", createdAt: at, updatedAt: at,
                phases: [
                    Phase(id: 1_001, name: "Lead", type: "LEAD", redSla: 7, yellowSla: 3),
                    Phase(id: 1_002, name: "Site Survey", type: "PROJECT", redSla: 10, yellowSla: 5),
                    Phase(id: 1_003, name: "Design", type: "PROJECT"),
                    Phase(id: 1_004, name: "Install", type: "PROJECT"),
                ])
            let service = Workflow(
                id: 102, name: "Service", createdAt: at, updatedAt: at,
                phases: [
                    Phase(id: 2_001, name: "Ticket", type: "SERVICE"), Phase(id: 2_002, name: "Visit", type: "SERVICE"),
                ])
            let statuses = ["ACTIVE", "ACTIVE", "ON_HOLD", "ACTIVE", "COMPLETED", "CANCELLED"]
            let opportunities = (0..<count).map { index -> Opportunity in
                let phase = solar.phases[index % solar.phases.count]
                let when = FakeDates.string(start.addingTimeInterval(Double(index) * 60))
                return Opportunity(
                    id: Int64(5_000 + index), number: Int64(index + 1), title: "Job \(index + 1)",
                    address: ["\(100 + index) Main St, Austin, TX 78701"],
                    trades: ["Solar"], value: Double(10_000 + index * 500) + 0.25, confidence: 50,
                    status: statuses[index % statuses.count],
                    isActive: true, workflowId: solar.id, workflowName: solar.name, phaseId: phase.id,
                    phase: PhaseSummary(id: phase.id, name: phase.name, type: phase.type), custom: [:], createdAt: when,
                    updatedAt: when)
            }
            return Seed(workflows: [solar, service], opportunities: opportunities)
        }
    }
}

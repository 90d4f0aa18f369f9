import Foundation

// The fake's own model of a Coperniq account, written from the API reference (providers.md section 2).

extension CoperniqFake {
    public struct Phase: Codable, Sendable, Hashable {
        public var id: Int64
        public var name: String
        public var type: String
        public var description: String?
        public var redSla: Int?
        public var yellowSla: Int?
    }

    public struct Workflow: Codable, Sendable, Hashable {
        public var id: Int64
        public var name: String
        public var description: String?
        public var type = "PROJECT"
        public var createdAt: String
        public var updatedAt: String
        public var phases: [Phase]
    }

    public struct PhaseSummary: Codable, Sendable, Hashable {
        public var id: Int64
        public var name: String
        public var type: String
    }

    public struct Opportunity: Codable, Sendable, Hashable {
        public var id: Int64
        public var number: Int64
        public var title: String
        public var description: String?
        public var address: [String]
        public var trades: [String]
        /// Major units; Coperniq has no currency field.
        public var value: Double?
        public var size: Double?
        public var confidence: Double?
        public var status: String
        public var isActive: Bool
        public var workflowId: Int64?
        public var workflowName: String?
        public var phaseId: Int64?
        public var phase: PhaseSummary?
        public var primaryEmail: String?
        public var primaryPhone: String?
        public var accountId: Int64?
        public var custom: [String: String]
        public var createdAt: String
        public var updatedAt: String
    }

    public struct Seed: Sendable {
        public var workflows: [Workflow]
        public var opportunities: [Opportunity]
        public var trades: [String]

        public init(
            workflows: [Workflow], opportunities: [Opportunity] = [], trades: [String] = ["Solar", "Roofing", "HVAC"]
        ) {
            self.workflows = workflows
            self.opportunities = opportunities
            self.trades = trades
        }

        /// Two workflows ("Residential Solar" with four phases, "Service" with two); `count` opportunities in the
        /// first, created a minute apart, over its phases, with a mix of statuses.
        public static func sample(count: Int) -> Seed {
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

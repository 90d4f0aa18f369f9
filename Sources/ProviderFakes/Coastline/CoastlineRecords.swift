import Foundation

// The fake's own model of a Coastline workspace, written from the API reference (providers.md section 3).

extension CoastlineFake {
    package struct Stage: Sendable, Hashable {
        package var id: String
        package var name: String
    }

    /// Pipelines exist in the product but have no endpoint; the fake keeps them to place and check records.
    package struct Pipeline: Sendable, Hashable {
        package var id: String
        package var name: String
        package var stages: [Stage]
        package var isDefault: Bool
    }

    package struct Opportunity: Codable, Sendable, Hashable {
        package var id: String
        package var companyId: String
        package var contactName: String?
        package var primaryContactId: String?
        /// Dollars.
        package var value: Double?
        package var leadSource: String?
        package var appointmentAt: String?
        package var addressStreet: String?
        package var addressCity: String?
        package var addressState: String?
        package var addressZip: String?
        package var addressCountry: String?
        package var salesRepId: String?
        package var projectManagerId: String?
        package var arOwnerId: String?
        package var pipelineId: String
        package var stageId: String
        package var tags: [String]
        /// opportunity, project or archived.
        package var approvalStatus: String
        package var createdAt: String
        package var updatedAt: String

        enum CodingKeys: String, CodingKey {
            case id, value, tags
            case companyId = "company_id", contactName = "contact_name", primaryContactId = "primary_contact_id"
            case leadSource = "lead_source", appointmentAt = "appointment_at", addressStreet = "address_street"
            case addressCity = "address_city", addressState = "address_state", addressZip = "address_zip"
            case addressCountry = "address_country", salesRepId = "sales_rep_id", projectManagerId =
                "project_manager_id"
            case arOwnerId = "ar_owner_id", pipelineId = "pipeline_id", stageId = "stage_id", approvalStatus =
                "approval_status"
            case createdAt = "created_at", updatedAt = "updated_at"
        }
    }

    package struct Seed: Sendable {
        package var pipelines: [Pipeline]
        package var opportunities: [Opportunity]

        package init(pipelines: [Pipeline], opportunities: [Opportunity] = []) {
            self.pipelines = pipelines
            self.opportunities = opportunities
        }

        /// The default pipeline's stages, for configs in tests.
        package static let sampleStages = [
            Stage(id: "0f6c2b1e-4a51-4c1d-9a37-2f0d8e7c1a01", name: "New Lead"),
            Stage(id: "0f6c2b1e-4a51-4c1d-9a37-2f0d8e7c1a02", name: "Estimate Sent"),
            Stage(id: "0f6c2b1e-4a51-4c1d-9a37-2f0d8e7c1a03", name: "Approved"),
        ]

        /// One default pipeline of three stages; `count` opportunities created a minute apart, over the stages
        /// and the three approval statuses.
        package static func sample(count: Int) -> Seed {
            let pipeline = Pipeline(
                id: "7d1e9f00-3b2a-4c5d-8e6f-a1b2c3d4e5f6", name: "Sales", stages: sampleStages, isDefault: true)
            let company = UUID().uuidString.lowercased()
            let start = Date(timeIntervalSince1970: 1_767_225_600)
            let statuses = ["opportunity", "project", "archived"]
            let opportunities = (0..<count).map { index -> Opportunity in
                let at = FakeDates.string(start.addingTimeInterval(Double(index) * 60))
                return Opportunity(
                    id: UUID().uuidString.lowercased(), companyId: company, contactName: "Homeowner \(index + 1)",
                    value: Double(8_000 + index * 300) + 0.75, leadSource: index % 2 == 0 ? "Referral" : "Door knock",
                    addressCity: "Tampa", addressState: "FL", pipelineId: pipeline.id,
                    stageId: pipeline.stages[index % pipeline.stages.count].id, tags: [],
                    approvalStatus: statuses[index % statuses.count], createdAt: at, updatedAt: at)
            }
            return Seed(pipelines: [pipeline], opportunities: opportunities)
        }
    }
}

import Foundation

/// Coastline's published opportunity endpoints: create (every field optional) and list. Nothing else.
extension CoastlineFake {
    static let approvalStatuses = ["opportunity", "project", "archived"]
    static let listParameters: Set<String> = ["q", "contact_name", "approval_status", "limit"]
    static let uuidFields = [
        "primary_contact_id", "sales_rep_id", "project_manager_id", "ar_owner_id", "pipeline_id", "stage_id",
    ]
    static let textFields = [
        "contact_name", "lead_source", "address_street", "address_city", "address_state", "address_zip",
        "address_country",
    ]
    static let createFields = Set(uuidFields + textFields + ["value", "appointment_at", "tags"])

    @Sendable func route(_ request: FakeRequest) async -> FakeReply {
        guard request.headers["authorization"] == "Bearer \(token)", !faults.tokenRevoked else {
            return Self.error(401, "Invalid or revoked API key")
        }
        if request.path == ["v1", "opportunities"] {
            if request.method == "GET" { return list(request) }
            if request.method == "POST" { return create(request) }
        }
        return Self.error(404, "Not found")
    }

    /// Newest first; `limit` 1 to 100, default 25.
    private func list(_ request: FakeRequest) -> FakeReply {
        if let unknown = request.queryNames.first(where: { !Self.listParameters.contains($0) }) {
            return Self.error(400, "Unknown query parameter: \(unknown)")
        }
        guard let limit = Int(request.query["limit"] ?? "25"), (1...100).contains(limit) else {
            return Self.error(400, "limit must be between 1 and 100")
        }
        if let status = request.query["approval_status"], !Self.approvalStatuses.contains(status) {
            return Self.error(400, "approval_status must be one of: \(Self.approvalStatuses.joined(separator: ", "))")
        }
        let text = request.query["q"]?.lowercased(), contact = request.query["contact_name"]?.lowercased()
        let status = request.query["approval_status"]
        let found = state.withLock { Array($0.opportunities.values) }.filter { record in
            if let status, record.approvalStatus != status { return false }
            if let contact, !(record.contactName?.lowercased().contains(contact) ?? false) { return false }
            if let text, !text.isEmpty, !(record.contactName?.lowercased().contains(text) ?? false) { return false }
            return true
        }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        struct Body: Encodable { let data: [Opportunity] }
        return .json(200, Body(data: Array(found.prefix(limit))))
    }

    private func create(_ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.error(400, "Request body must be a JSON object") }
        if let unknown = body.keys.sorted().first(where: { !Self.createFields.contains($0) }) {
            return Self.error(400, "Unknown field: \(unknown)")
        }
        for key in Self.uuidFields where body[key] != nil && !(body[key] is NSNull) {
            guard let text = body[key] as? String, UUID(uuidString: text) != nil else {
                return Self.error(400, "\(key) must be a UUID")
            }
        }
        for key in Self.textFields where body[key] != nil && !(body[key] is NSNull) && !(body[key] is String) {
            return Self.error(400, "\(key) must be a string")
        }
        var value: Double?
        if let number = body["value"], !(number is NSNull) {
            guard let amount = (number as? NSNumber)?.doubleValue, !(number is Bool), amount >= 0 else {
                return Self.error(400, "value must be a non-negative number")
            }
            value = amount
        }
        if let tags = body["tags"], !(tags is NSNull), !((tags as? [Any])?.allSatisfy { $0 is String } ?? false) {
            return Self.error(400, "tags must be an array of strings")
        }
        if let when = body["appointment_at"] as? String,
            (try? Date(when, strategy: Date.ISO8601FormatStyle())) == nil,
            (try? Date(when, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) == nil
        {
            return Self.error(400, "appointment_at must be an ISO 8601 timestamp")
        }
        return state.withLock { state in
            let pipelineID = body["pipeline_id"] as? String
            guard
                let pipeline = pipelineID.map({ id in state.pipelines.first { $0.id == id } })
                    ?? state.pipelines.first(where: \.isDefault)
            else {
                return Self.error(400, "pipeline_id does not match a pipeline in this workspace")
            }
            let stageID = body["stage_id"] as? String ?? pipeline.stages.first?.id ?? ""
            guard pipeline.stages.contains(where: { $0.id == stageID }) else {
                return Self.error(400, "stage_id is not a stage of pipeline \(pipeline.name)")
            }
            let now = FakeDates.string(Date())
            let record = Opportunity(
                id: UUID().uuidString.lowercased(),
                companyId: state.opportunities.values.first?.companyId ?? UUID().uuidString.lowercased(),
                contactName: body["contact_name"] as? String, primaryContactId: body["primary_contact_id"] as? String,
                value: value,
                leadSource: body["lead_source"] as? String, appointmentAt: body["appointment_at"] as? String,
                addressStreet: body["address_street"] as? String, addressCity: body["address_city"] as? String,
                addressState: body["address_state"] as? String, addressZip: body["address_zip"] as? String,
                addressCountry: body["address_country"] as? String, salesRepId: body["sales_rep_id"] as? String,
                projectManagerId: body["project_manager_id"] as? String, arOwnerId: body["ar_owner_id"] as? String,
                pipelineId: pipeline.id, stageId: stageID, tags: body["tags"] as? [String] ?? [],
                approvalStatus: "opportunity",
                createdAt: now, updatedAt: now)
            state.opportunities[record.id] = record
            return .json(201, record, isWrite: true)
        }
    }
}

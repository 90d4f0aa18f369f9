import Foundation

/// HighLevel's endpoints as the docs describe them: auth and Version first, then NestJS-style validation.
extension HighLevelFake {
    static let statuses = ["open", "won", "lost", "abandoned", "all"]
    static let searchParameters: Set<String> = [
        "location_id", "pipeline_id", "pipeline_stage_id", "contact_id", "assigned_to", "q", "status", "campaignId", "id",
        "order", "date", "endDate", "country", "getTasks", "getNotes", "getCalendarEvents", "page", "limit",
        "startAfter", "startAfterId",
    ]
    static let createKeys: Set<String> = [
        "pipelineId", "locationId", "name", "pipelineStageId", "status", "contactId", "monetaryValue", "assignedTo", "customFields",
    ]
    static let updateKeys: Set<String> = ["pipelineId", "name", "pipelineStageId", "status", "monetaryValue", "assignedTo", "customFields"]

    @Sendable func route(_ request: FakeRequest) async -> FakeReply {
        guard request.headers["authorization"] == "Bearer \(token)", !faults.tokenRevoked else {
            return .json(401, MessageBody(statusCode: 401, message: "Invalid token: access token is invalid", error: "Unauthorized"))
        }
        // The Version header is a required parameter of every v2 call: without it the request is malformed.
        guard request.headers["version"] == Self.version else {
            return Self.badRequest(request.headers["version"] == nil ? "Version header was not found" : "Unsupported Version header")
        }
        let path = request.path, method = request.method
        if path == ["opportunities", "pipelines"], method == "GET" { return pipelinesList(request) }
        if path == ["opportunities", "search"], method == "GET" { return search(request) }
        if path == ["opportunities"], method == "POST" { return create(request) }
        if path == ["contacts"], method == "GET" { return contactsSearch(request) }
        if path == ["contacts", "upsert"], method == "POST" { return upsertContact(request) }
        if path.count == 2, path[0] == "opportunities" {
            switch method {
            case "GET": return get(path[1])
            case "PUT": return update(path[1], request)
            case "DELETE": return delete(path[1])
            default: break
            }
        }
        if path.count == 3, path[0] == "opportunities", path[2] == "status", method == "PUT" { return updateStatus(path[1], request) }
        return Self.notFound("Cannot \(method) /\(path.joined(separator: "/"))")
    }

    private func checkLocation(_ value: String?, name: String) -> FakeReply? {
        guard let value, !value.isEmpty else { return Self.unprocessable(["\(name) can't be undefined"]) }
        guard value == locationID else {
            return .json(403, MessageBody(statusCode: 403, message: "The token does not have access to this location.", error: "Forbidden"))
        }
        return nil
    }

    private func pipelinesList(_ request: FakeRequest) -> FakeReply {
        if let refused = checkLocation(request.query["locationId"], name: "locationId") { return refused }
        struct Body: Encodable { let pipelines: [Pipeline] }
        return .json(200, Body(pipelines: state.withLock { $0.pipelines }))
    }

    private func json(_ record: Opportunity, in state: State) -> OpportunityJSON {
        let contact = state.contacts[record.contactId].map {
            OpportunityJSON.ContactSummary(id: $0.id, name: $0.name, companyName: $0.companyName, email: $0.email, phone: $0.phone, tags: $0.tags)
        }
        return OpportunityJSON(record: record, contact: contact)
    }

    /// Ordered by creation time then id; `startAfter` (epoch ms) with `startAfterId` continues after a record.
    private func search(_ request: FakeRequest) -> FakeReply {
        if let unknown = request.queryNames.first(where: { !Self.searchParameters.contains($0) }) {
            return Self.unprocessable(["property \(unknown) should not exist"])
        }
        if let refused = checkLocation(request.query["location_id"], name: "location_id") { return refused }
        let limit = Int(request.query["limit"] ?? "20") ?? -1
        guard (1...100).contains(limit) else { return Self.unprocessable(["limit must not be greater than 100", "limit must be a positive number"]) }
        var after: (Int64, String)?
        if let startAfter = request.query["startAfter"] {
            guard let millis = Int64(startAfter), let id = request.query["startAfterId"] else {
                return Self.unprocessable(["startAfter must be a number and comes with startAfterId"])
            }
            after = (millis, id)
        }
        if let status = request.query["status"], !Self.statuses.contains(status) {
            return Self.unprocessable(["status must be one of the following values: \(Self.statuses.joined(separator: ", "))"])
        }
        return state.withLock { state in
            let query = request.query
            let matching = state.opportunities.values.filter { record in
                if let pipeline = query["pipeline_id"], record.pipelineId != pipeline { return false }
                if let stage = query["pipeline_stage_id"], record.pipelineStageId != stage { return false }
                if let contact = query["contact_id"], record.contactId != contact { return false }
                if let status = query["status"], status != "all", record.status != status { return false }
                if let text = query["q"]?.lowercased(), !text.isEmpty {
                    let contact = state.contacts[record.contactId]
                    let haystack = [record.name, contact?.name, contact?.companyName, contact?.email].compactMap { $0?.lowercased() }
                    if !haystack.contains(where: { $0.contains(text) }) { return false }
                }
                return true
            }.sorted { (Self.millis($0.createdAt), $0.id) < (Self.millis($1.createdAt), $1.id) }
            let before = after.map { cursor in matching.filter { (Self.millis($0.createdAt), $0.id) <= cursor }.count } ?? 0
            let page = Array(matching.dropFirst(before).prefix(limit))
            let currentPage = before / limit + 1
            let more = before + page.count < matching.count
            let last = page.last
            let lastMillis = last.map { Self.millis($0.createdAt) }
            // The documented example points nextPageUrl at an internal host; clients must not follow it.
            let nextURL = last.map { "http://localhost:5066/opportunities/search?location_id=\(locationID)&startAfter=\(lastMillis!)&startAfterId=\($0.id)" }
            struct Meta: Encodable {
                let total: Int
                let nextPageUrl: String?
                let startAfterId: String?
                let startAfter: Int64?
                let currentPage: Int
                let nextPage: Int?
                let prevPage: Int?
            }
            struct Body: Encodable {
                let opportunities: [OpportunityJSON]
                let meta: Meta
                let aggregations: [String: Int]
            }
            let meta = Meta(total: matching.count, nextPageUrl: more ? nextURL : nil, startAfterId: last?.id, startAfter: lastMillis,
                            currentPage: currentPage, nextPage: more ? currentPage + 1 : nil, prevPage: currentPage > 1 ? currentPage - 1 : nil)
            return .json(200, Body(opportunities: page.map { json($0, in: state) }, meta: meta, aggregations: [:]))
        }
    }

    private func get(_ id: String) -> FakeReply {
        state.withLock { state in
            guard let record = state.opportunities[id] else { return Self.notFound("Opportunity not found") }
            struct Body: Encodable { let opportunity: OpportunityJSON }
            return .json(200, Body(opportunity: json(record, in: state)))
        }
    }

    private func create(_ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.badRequest("Unexpected token in JSON") }
        var problems = body.keys.filter { !Self.createKeys.contains($0) }.sorted().map { "property \($0) should not exist" }
        for key in ["pipelineId", "locationId", "name", "contactId"] where (body[key] as? String)?.isEmpty ?? true {
            problems.append("\(key) should not be empty")
        }
        problems += fieldProblems(body)
        if !(body["status"] is String) { problems.append("status must be one of the following values: \(Self.statuses.joined(separator: ", "))") }
        guard problems.isEmpty else { return Self.unprocessable(problems) }
        if let refused = checkLocation(body["locationId"] as? String, name: "locationId") { return refused }
        return state.withLock { state in
            guard let pipeline = state.pipelines.first(where: { $0.id == body["pipelineId"] as? String }) else {
                return Self.badRequest("Pipeline not found")
            }
            guard let contactID = body["contactId"] as? String, state.contacts[contactID] != nil else {
                return Self.badRequest("Contact not found")
            }
            let stageID = body["pipelineStageId"] as? String ?? pipeline.stages.min { $0.position < $1.position }?.id ?? ""
            guard pipeline.stages.contains(where: { $0.id == stageID }) else { return Self.badRequest("Pipeline stage not found") }
            let now = FakeDates.string(Date())
            let record = Opportunity(
                id: FakeIDs.highLevel(), name: body["name"] as! String, monetaryValue: (body["monetaryValue"] as? NSNumber)?.doubleValue ?? 0,
                pipelineId: pipeline.id, pipelineStageId: stageID, assignedTo: body["assignedTo"] as? String,
                status: body["status"] as! String, source: "", lastStatusChangeAt: now, lastStageChangeAt: now, lastActionDate: now,
                indexVersion: 1, createdAt: now, updatedAt: now, contactId: contactID, locationId: locationID)
            state.opportunities[record.id] = record
            struct Body: Encodable { let opportunity: OpportunityJSON }
            return .json(201, Body(opportunity: json(record, in: state)), isWrite: true)
        }
    }

    /// Type and enum checks shared by create and update.
    private func fieldProblems(_ body: [String: Any]) -> [String] {
        var problems: [String] = []
        if let status = body["status"], !((status as? String).map(Self.statuses.contains) ?? false) {
            problems.append("status must be one of the following values: \(Self.statuses.joined(separator: ", "))")
        }
        if let value = body["monetaryValue"], !(value is NSNumber) {
            problems.append("monetaryValue must be a number conforming to the specified constraints")
        }
        for key in ["name", "pipelineStageId", "assignedTo", "pipelineId"] where body[key] != nil && !(body[key] is String) {
            problems.append("\(key) must be a string")
        }
        return problems
    }

    private func update(_ id: String, _ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.badRequest("Unexpected token in JSON") }
        let problems = body.keys.filter { !Self.updateKeys.contains($0) }.sorted().map { "property \($0) should not exist" }
            + fieldProblems(body)
        guard problems.isEmpty else { return Self.unprocessable(problems) }
        return state.withLock { state in
            guard var record = state.opportunities[id] else { return Self.notFound("Opportunity not found") }
            let now = FakeDates.string(Date())
            let pipelineID = body["pipelineId"] as? String ?? record.pipelineId
            guard let pipeline = state.pipelines.first(where: { $0.id == pipelineID }) else { return Self.badRequest("Pipeline not found") }
            if let stageID = body["pipelineStageId"] as? String {
                guard pipeline.stages.contains(where: { $0.id == stageID }) else { return Self.badRequest("Pipeline stage not found") }
                if stageID != record.pipelineStageId { record.lastStageChangeAt = now }
                record.pipelineStageId = stageID
            }
            record.pipelineId = pipelineID
            if let name = body["name"] as? String { record.name = name }
            if let value = body["monetaryValue"] as? NSNumber { record.monetaryValue = value.doubleValue }
            if let owner = body["assignedTo"] as? String { record.assignedTo = owner.isEmpty ? nil : owner }
            if let status = body["status"] as? String, status != record.status { record.status = status; record.lastStatusChangeAt = now }
            record.updatedAt = now
            record.lastActionDate = now
            state.opportunities[id] = record
            struct Body: Encodable { let opportunity: OpportunityJSON }
            return .json(200, Body(opportunity: json(record, in: state)), isWrite: true)
        }
    }

    struct Succeeded: Encodable { let succeded = true } // sic: the API's spelling

    private func updateStatus(_ id: String, _ request: FakeRequest) -> FakeReply {
        let allowed = ["open", "won", "lost", "abandoned"]
        guard let status = request.jsonObject?["status"] as? String, allowed.contains(status) else {
            return Self.unprocessable(["status must be one of the following values: \(allowed.joined(separator: ", "))"])
        }
        return state.withLock { state in
            guard state.opportunities[id] != nil else { return Self.notFound("Opportunity not found") }
            let now = FakeDates.string(Date())
            if state.opportunities[id]!.status != status { state.opportunities[id]!.lastStatusChangeAt = now }
            state.opportunities[id]!.status = status
            state.opportunities[id]!.updatedAt = now
            return .json(200, Succeeded(), isWrite: true)
        }
    }

    private func delete(_ id: String) -> FakeReply {
        state.withLock { state in
            guard state.opportunities.removeValue(forKey: id) != nil else { return Self.notFound("Opportunity not found") }
            return .json(200, Succeeded(), isWrite: true)
        }
    }

    private func contactsSearch(_ request: FakeRequest) -> FakeReply {
        if let refused = checkLocation(request.query["locationId"], name: "locationId") { return refused }
        let text = request.query["query"]?.lowercased() ?? ""
        let found = state.withLock { state in
            state.contacts.values.filter { contact in
                text.isEmpty || [contact.name, contact.email, contact.phone, contact.companyName]
                    .contains { $0?.lowercased().contains(text) ?? false }
            }.sorted { $0.id < $1.id }
        }
        struct Meta: Encodable { let total: Int }
        struct Body: Encodable { let contacts: [Contact]; let meta: Meta }
        return .json(200, Body(contacts: Array(found.prefix(20)), meta: Meta(total: found.count)))
    }

    /// Matches an existing contact by email, then phone; else creates one.
    private func upsertContact(_ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.badRequest("Unexpected token in JSON") }
        if let refused = checkLocation(body["locationId"] as? String, name: "locationId") { return refused }
        let email = (body["email"] as? String)?.lowercased(), phone = body["phone"] as? String
        return state.withLock { state in
            var contact = state.contacts.values.first { ($0.email != nil && $0.email?.lowercased() == email) || ($0.phone != nil && $0.phone == phone) }
            let isNew = contact == nil
            if contact == nil { contact = Contact(id: FakeIDs.highLevel(), locationId: locationID) }
            if let name = body["name"] as? String { contact!.name = name }
            if let email { contact!.email = email }
            if let phone { contact!.phone = phone }
            if let company = body["companyName"] as? String { contact!.companyName = company }
            state.contacts[contact!.id] = contact!
            struct Body: Encodable { let new: Bool; let contact: Contact; let traceId: String }
            return .json(isNew ? 201 : 200, Body(new: isNew, contact: contact!, traceId: FakeIDs.uuid()), isWrite: true)
        }
    }

    static func millis(_ iso: String) -> Int64 {
        guard let date = try? Date(iso, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else { return 0 }
        return Int64((date.timeIntervalSince1970 * 1_000).rounded())
    }
}

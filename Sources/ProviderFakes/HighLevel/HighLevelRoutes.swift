import Foundation

/// HighLevel's endpoints as the docs describe them: auth and Version first, then NestJS-style validation.
extension HighLevelFake {
    static let statuses = ["open", "won", "lost", "abandoned", "all"]
    static let searchParameters: Set<String> = [
        "location_id", "pipeline_id", "pipeline_stage_id", "contact_id", "assigned_to", "q", "status", "campaignId",
        "id",
        "order", "date", "endDate", "country", "getTasks", "getNotes", "getCalendarEvents", "page", "limit",
        "startAfter", "startAfterId",
    ]
    static let createKeys: Set<String> = [
        "pipelineId", "locationId", "name", "pipelineStageId", "status", "contactId", "monetaryValue", "assignedTo",
        "customFields",
    ]
    static let updateKeys: Set<String> = [
        "pipelineId", "name", "pipelineStageId", "status", "monetaryValue", "assignedTo", "customFields",
    ]

    @Sendable func route(_ request: FakeRequest) async -> FakeReply {
        guard request.headers["authorization"] == "Bearer \(token)", !faults.tokenRevoked else {
            return .json(
                401,
                MessageBody(statusCode: 401, message: "Invalid token: access token is invalid", error: "Unauthorized"))
        }
        // The Version header is a required parameter of every v2 call: without it the request is malformed.
        guard request.headers["version"] == Self.version else {
            return Self.badRequest(
                request.headers["version"] == nil ? "Version header was not found" : "Unsupported Version header")
        }
        let path = request.path, method = request.method
        if path == ["opportunities", "pipelines"], method == "GET" { return pipelinesList(request) }
        if path == ["opportunities", "search"], method == "GET" { return search(request) }
        if path == ["opportunities", "lost-reason"], method == "GET" { return lostReasonList(request) }
        if path == ["opportunities"], method == "POST" { return create(request) }
        if path == ["contacts", "search"], method == "POST" { return contactSearch(request) }
        if path == ["contacts", "search", "duplicate"], method == "GET" { return duplicateContact(request) }
        if path == ["contacts", "upsert"], method == "POST" { return upsertContact(request) }
        if let answer = activityRoute(request) { return answer }
        if path.count == 2, path[0] == "opportunities" {
            switch method {
            case "GET": return get(path[1])
            case "PUT": return update(path[1], request)
            case "DELETE": return delete(path[1])
            default: break
            }
        }
        if path.count == 3, path[0] == "opportunities", path[2] == "status", method == "PUT" {
            return updateStatus(path[1], request)
        }
        return Self.notFound("Cannot \(method) /\(path.joined(separator: "/"))")
    }

    func checkLocation(_ value: String?, name: String) -> FakeReply? {
        guard let value, !value.isEmpty else { return Self.unprocessable(["\(name) can't be undefined"]) }
        guard value == locationID else {
            return .json(
                403,
                MessageBody(
                    statusCode: 403, message: "The token does not have access to this location.", error: "Forbidden"))
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
            OpportunityJSON.ContactSummary(
                id: $0.id, name: $0.name, companyName: $0.companyName, email: $0.email, phone: $0.phone, tags: $0.tags)
        }
        return OpportunityJSON(record: record, contact: contact)
    }

    private func encoded(_ record: Opportunity, in state: inout State) -> Data {
        if let cached = state.encoded[record.id] { return cached }
        let data = FakeReply.encode(json(record, in: state))
        state.encoded[record.id] = data
        return data
    }

    /// Ordered by creation time then id; `startAfter` (epoch ms) with `startAfterId` continues after a record.
    private func search(_ request: FakeRequest) -> FakeReply {
        if let unknown = request.queryNames.first(where: { !Self.searchParameters.contains($0) }) {
            return Self.unprocessable(["property \(unknown) should not exist"])
        }
        if let refused = checkLocation(request.query["location_id"], name: "location_id") { return refused }
        let limit = Int(request.query["limit"] ?? "20") ?? -1
        guard (1...100).contains(limit) else {
            return Self.unprocessable(["limit must not be greater than 100", "limit must be a positive number"])
        }
        var after: (Int64, String)?
        if let startAfter = request.query["startAfter"] {
            guard let millis = Int64(startAfter), let id = request.query["startAfterId"] else {
                return Self.unprocessable(["startAfter must be a number and comes with startAfterId"])
            }
            after = (millis, id)
        }
        if let status = request.query["status"], !Self.statuses.contains(status) {
            return Self.unprocessable([
                "status must be one of the following values: \(Self.statuses.joined(separator: ", "))"
            ])
        }
        // getTasks / getNotes / getCalendarEvents are booleans. What the arrays they ask for hold is not
        // documented (the spec: arrays of arrays; the reference page: strings), so they stay empty here.
        for flag in ["getTasks", "getNotes", "getCalendarEvents"]
        where !["true", "false", nil].contains(request.query[flag]) {
            return Self.unprocessable(["\(flag) must be a boolean value"])
        }
        let filter = SearchFilter(request.query)
        return state.withLock { state in
            let matching = matchingKeys(filter, in: &state)
            // The first key after the cursor: keys are unique and sorted, so a binary search finds it.
            var before = 0
            if let after {
                var high = matching.count
                while before < high {
                    let middle = (before + high) / 2
                    if (matching[middle].millis, matching[middle].id) <= after {
                        before = middle + 1
                    } else {
                        high = middle
                    }
                }
            }
            let page = matching[before...].prefix(limit).compactMap { state.opportunities[$0.id] }
            let currentPage = before / limit + 1
            let more = before + page.count < matching.count
            let last = page.last
            let lastMillis = last.map { Self.millis($0.createdAt) }
            // The documented example points nextPageUrl at an internal host; clients must not follow it.
            let nextURL = last.map {
                "http://localhost:5066/opportunities/search?location_id=\(locationID)"
                    + "&startAfter=\(lastMillis!)&startAfterId=\($0.id)"
            }
            struct Meta: Encodable {
                let total: Int
                let nextPageUrl: String?
                let startAfterId: String?
                let startAfter: Int64?
                let currentPage: Int
                let nextPage: Int?
                let prevPage: Int?
            }
            let meta = Meta(
                total: matching.count, nextPageUrl: more ? nextURL : nil, startAfterId: last?.id,
                startAfter: lastMillis,
                currentPage: currentPage, nextPage: more ? currentPage + 1 : nil,
                prevPage: currentPage > 1 ? currentPage - 1 : nil)
            // {"aggregations":{},"meta":…,"opportunities":[…]}, keys sorted as every answer of the fakes, from each
            // record's JSON written once rather than at every page.
            var body = Data(#"{"aggregations":{},"meta":"#.utf8)
            body.append(FakeReply.encode(meta))
            body.append(contentsOf: #","opportunities":["#.utf8)
            for (index, record) in page.enumerated() {
                if index > 0 { body.append(UInt8(ascii: ",")) }
                body.append(encoded(record, in: &state))
            }
            body.append(contentsOf: "]}".utf8)
            return FakeReply(status: 200, body: body)
        }
    }

    /// Sorts the records and writes each one's JSON now instead of at the first search, so that a benchmark's pull
    /// from this fake measures the client: a real provider's cost of answering is not paid on this machine.
    public func prepareSearch() {
        state.withLock { state in
            for record in state.opportunities.values where state.encoded[record.id] == nil {
                state.encoded[record.id] = FakeReply.encode(json(record, in: state))
            }
            for pipeline in state.pipelines {
                _ = matchingKeys(SearchFilter(["pipeline_id": pipeline.id]), in: &state)
            }
        }
    }

    /// The keys of the records `filter` matches, in search order: from the cache, else filtered once and kept
    /// until the next change.
    private func matchingKeys(_ filter: SearchFilter, in state: inout State) -> [SearchKey] {
        if let cached = state.matches[filter] { return cached }
        if state.searchOrder == nil {
            state.searchOrder = state.opportunities.values.map {
                SearchKey(millis: Self.millis($0.createdAt), id: $0.id)
            }
            .sorted { ($0.millis, $0.id) < ($1.millis, $1.id) }
        }
        let contacts = state.contacts
        let matching = state.searchOrder!.filter { key in
            state.opportunities[key.id].map { filter.matches($0, contact: contacts[$0.contactId]) } ?? false
        }
        state.matches[filter] = matching
        return matching
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
        var problems = body.keys.filter { !Self.createKeys.contains($0) }.sorted().map {
            "property \($0) should not exist"
        }
        for key in ["pipelineId", "locationId", "name", "contactId"] where (body[key] as? String)?.isEmpty ?? true {
            problems.append("\(key) should not be empty")
        }
        problems += fieldProblems(body)
        if !(body["status"] is String) {
            problems.append("status must be one of the following values: \(Self.statuses.joined(separator: ", "))")
        }
        guard problems.isEmpty else { return Self.unprocessable(problems) }
        if let refused = checkLocation(body["locationId"] as? String, name: "locationId") { return refused }
        return state.withLock { state in
            guard let pipeline = state.pipelines.first(where: { $0.id == body["pipelineId"] as? String }) else {
                return Self.badRequest("Pipeline not found")
            }
            guard let contactID = body["contactId"] as? String, state.contacts[contactID] != nil else {
                return Self.badRequest("Contact not found")
            }
            let stageID =
                body["pipelineStageId"] as? String ?? pipeline.stages.min { $0.position < $1.position }?.id ?? ""
            guard pipeline.stages.contains(where: { $0.id == stageID }) else {
                return Self.badRequest("Pipeline stage not found")
            }
            let now = FakeDates.string(Date())
            let record = Opportunity(
                id: FakeIDs.highLevel(), name: body["name"] as! String,
                monetaryValue: (body["monetaryValue"] as? NSNumber)?.doubleValue ?? 0,
                pipelineId: pipeline.id, pipelineStageId: stageID, assignedTo: body["assignedTo"] as? String,
                status: body["status"] as! String, source: "", lastStatusChangeAt: now, lastStageChangeAt: now,
                lastActionDate: now,
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
        for key in ["name", "pipelineStageId", "assignedTo", "pipelineId"]
        where body[key] != nil && !(body[key] is String) {
            problems.append("\(key) must be a string")
        }
        return problems
    }

    private func update(_ id: String, _ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.badRequest("Unexpected token in JSON") }
        let problems =
            body.keys.filter { !Self.updateKeys.contains($0) }.sorted().map { "property \($0) should not exist" }
            + fieldProblems(body)
        guard problems.isEmpty else { return Self.unprocessable(problems) }
        return state.withLock { state in
            guard var record = state.opportunities[id] else { return Self.notFound("Opportunity not found") }
            let now = FakeDates.string(Date())
            let pipelineID = body["pipelineId"] as? String ?? record.pipelineId
            guard let pipeline = state.pipelines.first(where: { $0.id == pipelineID }) else {
                return Self.badRequest("Pipeline not found")
            }
            if let stageID = body["pipelineStageId"] as? String {
                guard pipeline.stages.contains(where: { $0.id == stageID }) else {
                    return Self.badRequest("Pipeline stage not found")
                }
                if stageID != record.pipelineStageId { record.lastStageChangeAt = now }
                record.pipelineStageId = stageID
            }
            record.pipelineId = pipelineID
            if let name = body["name"] as? String { record.name = name }
            if let value = body["monetaryValue"] as? NSNumber { record.monetaryValue = value.doubleValue }
            if let owner = body["assignedTo"] as? String { record.assignedTo = owner.isEmpty ? nil : owner }
            if let status = body["status"] as? String, status != record.status {
                record.status = status; record.lastStatusChangeAt = now
            }
            record.updatedAt = now
            record.lastActionDate = now
            state.opportunities[id] = record
            struct Body: Encodable { let opportunity: OpportunityJSON }
            return .json(200, Body(opportunity: json(record, in: state)), isWrite: true)
        }
    }

    struct Succeeded: Encodable { let succeded = true } // sic: the API's spelling

    /// `UpdateStatusDto`: `status`, and `lostReasonId`, which must name one of the location's lost reasons.
    private func updateStatus(_ id: String, _ request: FakeRequest) -> FakeReply {
        let allowed = ["open", "won", "lost", "abandoned"]
        let body = request.jsonObject ?? [:]
        var problems = body.keys.filter { !["status", "lostReasonId"].contains($0) }.sorted()
            .map { "property \($0) should not exist" }
        if !((body["status"] as? String).map(allowed.contains) ?? false) {
            problems.append("status must be one of the following values: \(allowed.joined(separator: ", "))")
        }
        if let reason = body["lostReasonId"], !(reason is String) { problems.append("lostReasonId must be a string") }
        guard problems.isEmpty, let status = body["status"] as? String else { return Self.unprocessable(problems) }
        let reasonID = body["lostReasonId"] as? String
        return state.withLock { state in
            guard state.opportunities[id] != nil else { return Self.notFound("Opportunity not found") }
            if let reasonID, !state.lostReasons.contains(where: { $0.id == reasonID }) {
                return Self.badRequest("Lost reason not found")
            }
            let now = FakeDates.string(Date())
            if state.opportunities[id]!.status != status { state.opportunities[id]!.lastStatusChangeAt = now }
            state.opportunities[id]!.lostReasonId = status == "lost" ? reasonID : nil
            state.opportunities[id]!.status = status
            state.opportunities[id]!.updatedAt = now
            return .json(200, Succeeded(), isWrite: true)
        }
    }

    static let lostReasonParameters: Set<String> = [
        "locationId", "name", "deleted", "query", "skip", "limit", "getCount",
    ]

    /// GET /opportunities/lost-reason: `{lostReasons, total}`, filtered by `name` / `query`, paged by `skip` and
    /// `limit`.
    private func lostReasonList(_ request: FakeRequest) -> FakeReply {
        if let unknown = request.queryNames.first(where: { !Self.lostReasonParameters.contains($0) }) {
            return Self.unprocessable(["property \(unknown) should not exist"])
        }
        if let refused = checkLocation(request.query["locationId"], name: "locationId") { return refused }
        let skip = Int(request.query["skip"] ?? "0") ?? -1, limit = Int(request.query["limit"] ?? "100") ?? -1
        guard skip >= 0, limit >= 1 else { return Self.unprocessable(["skip and limit must be non-negative numbers"]) }
        for flag in ["deleted", "getCount"] where !["true", "false", nil].contains(request.query[flag]) {
            return Self.unprocessable(["\(flag) must be a boolean value"])
        }
        let name = request.query["name"]?.lowercased(), text = request.query["query"]?.lowercased()
        let matching = state.withLock { $0.lostReasons }.filter { reason in
            let lowered = reason.name.lowercased()
            return (name.map { lowered == $0 } ?? true) && (text.map { lowered.contains($0) } ?? true)
        }
        struct Body: Encodable { let lostReasons: [LostReason]; let total: Int }
        return .json(200, Body(lostReasons: Array(matching.dropFirst(skip).prefix(limit)), total: matching.count))
    }

    private func delete(_ id: String) -> FakeReply {
        state.withLock { state in
            guard state.opportunities.removeValue(forKey: id) != nil else {
                return Self.notFound("Opportunity not found")
            }
            return .json(200, Succeeded(), isWrite: true)
        }
    }

    /// Matches an existing contact by email, then phone; else creates one.
    private func upsertContact(_ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.badRequest("Unexpected token in JSON") }
        if let refused = checkLocation(body["locationId"] as? String, name: "locationId") { return refused }
        let email = (body["email"] as? String)?.lowercased(), phone = body["phone"] as? String
        return state.withLock { state in
            var contact = state.contacts.values.first {
                ($0.email != nil && $0.email?.lowercased() == email) || ($0.phone != nil && $0.phone == phone)
            }
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
        guard let date = try? Date(iso, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else {
            return 0
        }
        return Int64((date.timeIntervalSince1970 * 1_000).rounded())
    }
}

import Foundation

/// Coperniq's endpoints as the reference describes them: x-api-key, the daily limit, then validation.
extension CoperniqFake {
    static let statuses = ["ACTIVE", "ON_HOLD", "CANCELLED", "COMPLETED"]
    static let matchFields = ["title", "primaryEmail", "primaryPhone", "address"]
    static let matchStrategies = ["skip", "replace", "enrich"]
    static let listParameters: Set<String> = [
        "page", "page_size", "updated_after", "updated_before", "order_by", "include_virtual_properties",
        "include_archived",
        "q", "title", "address", "primaryName", "primaryPhone", "primaryEmail",
    ]
    static let writableFields: Set<String> = [
        "title", "address", "trades", "description", "workflowId", "phaseId", "value", "size", "status", "confidence",
        "primaryEmail", "primaryPhone", "contacts", "custom", "accountId",
    ]

    @Sendable func route(_ request: FakeRequest) async -> FakeReply {
        guard request.headers["x-api-key"] == apiKey, !faults.tokenRevoked else {
            return Self.error(401, "UNAUTHORIZED", "Invalid API key")
        }
        let overLimit = state.withLock { state -> Bool in
            state.daily += 1
            return state.daily > dailyLimit
        }
        if overLimit {
            var reply = Self.error(429, "TOO_MANY_REQUESTS", "Daily limit of \(dailyLimit) requests reached")
            reply.headers = dailyHeaders()
            return reply
        }
        let method = request.method
        guard request.path.first == "v1" else {
            return Self.error(404, "NOT_FOUND", "Cannot \(method) /\(request.path.joined(separator: "/"))")
        }
        let path = Array(request.path.dropFirst())
        if path == ["workflows"], method == "GET" { return .json(200, state.withLock { $0.workflows }) }
        if let answer = notesRoute(path, request) { return answer }
        if path == ["opportunities"] {
            if method == "GET" { return list(request) }
            if method == "POST" { return create(request) }
        }
        if path.count == 2, path[0] == "opportunities" {
            guard let id = Int64(path[1]) else {
                return Self.invalid("opportunityId", "opportunityId must be an integer")
            }
            switch method {
            case "GET": return get(id)
            case "PATCH": return update(id, request)
            case "DELETE": return delete(id)
            default: break
            }
        }
        return Self.error(404, "NOT_FOUND", "Cannot \(method) /v1/\(path.joined(separator: "/"))")
    }

    /// A bare array, no paging meta: `page` from 1, `page_size` 1 to 100.
    private func list(_ request: FakeRequest) -> FakeReply {
        if let unknown = request.queryNames.first(where: { !Self.listParameters.contains($0) }) {
            return Self.invalid(unknown, "Unknown query parameter '\(unknown)'")
        }
        guard let page = Int(request.query["page"] ?? "1"), page >= 1 else {
            return Self.invalid("page", "page must be an integer >= 1")
        }
        guard let size = Int(request.query["page_size"] ?? "20"), (1...100).contains(size) else {
            return Self.invalid("page_size", "page_size must be an integer between 1 and 100")
        }
        var after: Date?
        if let text = request.query["updated_after"] {
            guard let date = Self.date(text) else {
                return Self.invalid("updated_after", "updated_after must be an ISO 8601 date-time")
            }
            after = date
        }
        let order = request.query["order_by"] ?? "asc"
        guard ["asc", "desc"].contains(order) else {
            return Self.invalid("order_by", "order_by must be one of asc, desc")
        }
        let archived = request.query["include_archived"] == "true"
        let text = request.query["q"]?.lowercased()
        return state.withLock { state in
            var records = state.opportunities.values.filter { record in
                if !archived && !record.isActive { return false }
                if let after, let updated = Self.date(record.updatedAt), updated <= after { return false }
                if let text, !text.isEmpty {
                    let haystack =
                        ([record.title, record.description ?? "", record.primaryEmail ?? ""] + record.address).map {
                            $0.lowercased()
                        }
                    if !haystack.contains(where: { $0.contains(text) }) { return false }
                }
                return true
            }.sorted { $0.id < $1.id }
            if order == "desc" { records.reverse() }
            let page = Array(records.dropFirst((page - 1) * size).prefix(size))
            return .json(200, page.map { $0.withTitleFallback() })
        }
    }

    private func get(_ id: Int64) -> FakeReply {
        state.withLock { state in
            guard let record = state.opportunities[id] else {
                return Self.error(404, "NOT_FOUND", "Opportunity not found")
            }
            return .json(200, record.withTitleFallback())
        }
    }

    /// Type and enum checks shared by create and update; `creating` also asks for the required fields.
    private func problem(in body: [String: Any], creating: Bool, allowNewOptions: Bool, state: State) -> FakeReply? {
        if let unknown = body.keys.sorted().first(where: { !Self.writableFields.contains($0) }) {
            return Self.invalid(unknown, "Unknown field '\(unknown)'")
        }
        if creating || body["title"] != nil {
            guard let title = body["title"] as? String, !title.trimmingCharacters(in: .whitespaces).isEmpty else {
                return Self.invalid("title", "title is required")
            }
        }
        if creating || body["address"] != nil {
            guard let address = body["address"] as? [Any], address.count == 1, let line = address[0] as? String,
                !line.isEmpty
            else {
                return Self.invalid("address", "address must be an array containing a single string")
            }
        }
        if creating || body["trades"] != nil {
            guard let trades = body["trades"] as? [Any], !trades.isEmpty, trades.allSatisfy({ $0 is String }) else {
                return Self.invalid("trades", "trades must be a non-empty array of strings")
            }
            if !allowNewOptions, let unknown = (trades as! [String]).first(where: { !state.trades.contains($0) }) {
                return Self.invalid(
                    "trades",
                    "Unknown option '\(unknown)' for trades; allowed: \(state.trades.sorted().joined(separator: ", "))")
            }
        }
        if let status = body["status"], !((status as? String).map(Self.statuses.contains) ?? false) {
            return Self.invalid("status", "status must be one of \(Self.statuses.joined(separator: ", "))")
        }
        for key in ["value", "size", "confidence"] {
            if let number = body[key], !(number is NSNull) {
                guard let value = (number as? NSNumber)?.doubleValue, !(number is Bool) else {
                    return Self.invalid(key, "\(key) must be a number")
                }
                if key == "confidence" && !(0...100).contains(value) {
                    return Self.invalid(key, "confidence must be between 0 and 100")
                }
            }
        }
        for key in ["workflowId", "phaseId"] where body[key] != nil && !(body[key] is NSNull) {
            guard let number = body[key] as? NSNumber, Double(number.int64Value) == number.doubleValue else {
                return Self.invalid(key, "\(key) must be an integer")
            }
        }
        return nil
    }

    /// The workflow and phase a body asks for, checked against each other.
    private func placement(_ body: [String: Any], record: Opportunity?, state: State) -> Result<
        (Workflow?, Phase?), FakeReplyError
    > {
        let workflowID = (body["workflowId"] as? NSNumber)?.int64Value ?? record?.workflowId
        let workflow = workflowID.flatMap { id in state.workflows.first { $0.id == id } }
        if let workflowID, workflow == nil {
            return .failure(FakeReplyError(reply: Self.invalid("workflowId", "Workflow \(workflowID) not found")))
        }
        guard let phaseID = (body["phaseId"] as? NSNumber)?.int64Value else {
            let keep =
                body["workflowId"] == nil
                ? record?.phaseId.flatMap { id in workflow?.phases.first { $0.id == id } } : nil
            return .success((workflow, keep ?? workflow?.phases.first))
        }
        guard let workflow else {
            return .failure(FakeReplyError(reply: Self.invalid("phaseId", "phaseId needs a workflowId")))
        }
        guard let phase = workflow.phases.first(where: { $0.id == phaseID }) else {
            return .failure(
                FakeReplyError(
                    reply: Self.invalid("phaseId", "Phase \(phaseID) does not belong to workflow \(workflow.id)")))
        }
        return .success((workflow, phase))
    }

    private func create(_ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.error(400, "BAD_REQUEST", "Body must be a JSON object") }
        let matchBy = request.query["match_by"] ?? "title"
        let strategy = request.query["match_found_strategy"] ?? "skip"
        guard Self.matchFields.contains(matchBy) else {
            return Self.invalid("match_by", "match_by must be one of \(Self.matchFields.joined(separator: ", "))")
        }
        guard Self.matchStrategies.contains(strategy) else {
            return Self.invalid(
                "match_found_strategy",
                "match_found_strategy must be one of \(Self.matchStrategies.joined(separator: ", "))")
        }
        let allowNew = request.query["allow_new_options"] == "true"
        return state.withLock { state in
            if let refused = problem(in: body, creating: true, allowNewOptions: allowNew, state: state) {
                return refused
            }
            let key: (Opportunity) -> String? = { record in
                switch matchBy {
                case "primaryEmail": return record.primaryEmail
                case "primaryPhone": return record.primaryPhone
                case "address": return record.address.first
                default: return record.title
                }
            }
            let wanted = matchBy == "address" ? (body["address"] as? [String])?.first : body[matchBy] as? String
            if let wanted,
                var match = state.opportunities.values.filter({ $0.isActive && key($0) == wanted }).min(by: {
                    $0.id < $1.id
                })
            {
                if strategy == "skip" { return .json(200, match.withTitleFallback(), isWrite: true) }
                apply(body, to: &match, onlyMissing: strategy == "enrich", state: state)
                state.opportunities[match.id] = match
                return .json(200, match.withTitleFallback(), isWrite: true)
            }
            switch placement(body, record: nil, state: state) {
            case .failure(let error): return error.reply
            case .success(let (workflow, phase)):
                let now = FakeDates.string(Date())
                var record = Opportunity(
                    id: state.nextID, number: state.nextID, title: "", address: [], trades: [], status: "ACTIVE",
                    isActive: true,
                    workflowId: workflow?.id, workflowName: workflow?.name, phaseId: phase?.id,
                    phase: phase.map { PhaseSummary(id: $0.id, name: $0.name, type: $0.type) }, custom: [:],
                    createdAt: now, updatedAt: now)
                state.nextID += 1
                apply(body, to: &record, onlyMissing: false, state: state)
                state.opportunities[record.id] = record
                return .json(200, record.withTitleFallback(), isWrite: true)
            }
        }
    }

    private func apply(_ body: [String: Any], to record: inout Opportunity, onlyMissing: Bool, state: State) {
        func take<T>(_ key: String, _ path: WritableKeyPath<Opportunity, T?>, _ value: T?) {
            guard body[key] != nil else { return }
            if onlyMissing && record[keyPath: path] != nil { return }
            record[keyPath: path] = value
        }
        if let title = body["title"] as? String, !(onlyMissing && !record.title.isEmpty) { record.title = title }
        if let address = body["address"] as? [String], !(onlyMissing && !record.address.isEmpty) {
            record.address = address
        }
        if let trades = body["trades"] as? [String], !(onlyMissing && !record.trades.isEmpty) { record.trades = trades }
        take("description", \.description, body["description"] as? String)
        take("value", \.value, (body["value"] as? NSNumber)?.doubleValue)
        take("size", \.size, (body["size"] as? NSNumber)?.doubleValue)
        take("confidence", \.confidence, (body["confidence"] as? NSNumber)?.doubleValue)
        take("primaryEmail", \.primaryEmail, body["primaryEmail"] as? String)
        take("primaryPhone", \.primaryPhone, body["primaryPhone"] as? String)
        if let status = body["status"] as? String { record.status = status }
        record.updatedAt = FakeDates.string(Date())
    }

    /// Partial and atomic: every field is checked before any is applied.
    private func update(_ id: Int64, _ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.error(400, "BAD_REQUEST", "Body must be a JSON object") }
        let allowNew = request.query["allow_new_options"] == "true"
        return state.withLock { state in
            guard var record = state.opportunities[id] else {
                return Self.error(404, "NOT_FOUND", "Opportunity not found")
            }
            if let refused = problem(in: body, creating: false, allowNewOptions: allowNew, state: state) {
                return refused
            }
            if body["workflowId"] != nil || body["phaseId"] != nil {
                switch placement(body, record: record, state: state) {
                case .failure(let error): return error.reply
                case .success(let (workflow, phase)):
                    record.workflowId = workflow?.id
                    record.workflowName = workflow?.name
                    record.phaseId = phase?.id
                    record.phase = phase.map { PhaseSummary(id: $0.id, name: $0.name, type: $0.type) }
                }
            }
            apply(body, to: &record, onlyMissing: false, state: state)
            state.opportunities[id] = record
            return .json(200, record.withTitleFallback(), isWrite: true)
        }
    }

    private func delete(_ id: Int64) -> FakeReply {
        state.withLock { state in
            guard state.opportunities.removeValue(forKey: id) != nil else {
                return Self.error(404, "NOT_FOUND", "Opportunity not found")
            }
            struct Deleted: Encodable { let success = true }
            return .json(200, Deleted(), isWrite: true)
        }
    }

    static func date(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}

/// A refusal carried through a Result.
struct FakeReplyError: Error {
    let reply: FakeReply
}

extension CoperniqFake.Opportunity {
    /// Read-time quirk: a blank title reads as the account's title (the fake has no accounts: "Untitled").
    func withTitleFallback() -> Self {
        var copy = self
        if copy.title.trimmingCharacters(in: .whitespaces).isEmpty { copy.title = "Untitled" }
        return copy
    }
}

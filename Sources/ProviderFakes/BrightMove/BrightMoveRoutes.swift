import Foundation

/// BrightMove's opportunity and client endpoints: both keys, exact names, partial PUT, permanent DELETE.
extension BrightMoveFake {
    static let writableFields: Set<String> = [
        "name", "clientGuid", "stageName", "typeName", "description", "opportunityValue", "closeProbability",
        "leadSourceName",
    ]
    static let maxSize = 100

    @Sendable func route(_ request: FakeRequest) async -> FakeReply {
        let fullPath = "/" + request.path.joined(separator: "/")
        guard request.headers["x-brightmove-company-apikey"] == companyKey,
            request.headers["x-brightmove-user-apikey"] == userKey, !faults.tokenRevoked
        else {
            return Self.error(401, "Invalid or missing API key", path: fullPath)
        }
        guard request.path.starts(with: ["ATS", "api", "v1"]) else {
            return Self.error(404, "No endpoint \(request.method) \(fullPath)", path: fullPath)
        }
        let path = Array(request.path.dropFirst(3)), method = request.method
        if path == ["clients"], method == "GET" { return clients(request) }
        if path == ["opportunities"] {
            if method == "GET" { return list(request) }
            if method == "POST" { return create(request) }
        }
        if path.count == 2, path[0] == "opportunities" {
            switch method {
            case "GET": return get(path[1])
            case "PUT": return update(path[1], request)
            case "DELETE": return delete(path[1])
            default: break
            }
        }
        return Self.error(404, "No endpoint \(method) \(fullPath)", path: fullPath)
    }

    /// `page` from 0 and `size` up to 100, as the clients endpoint documents.
    private func paging(_ request: FakeRequest) -> Result<(page: Int, size: Int), FakeReplyError> {
        guard let page = Int(request.query["page"] ?? "0"), page >= 0 else {
            return .failure(FakeReplyError(reply: Self.error(400, "page must be a whole number from 0")))
        }
        guard let size = Int(request.query["size"] ?? "25"), (1...Self.maxSize).contains(size) else {
            return .failure(FakeReplyError(reply: Self.error(400, "size must be between 1 and \(Self.maxSize)")))
        }
        return .success((page, size))
    }

    struct Page<Item: Encodable>: Encodable {
        let content: [Item]
        let number: Int
        let size: Int
        let totalElements: Int
        let totalPages: Int
        let first: Bool
        let last: Bool

        init(all: [Item], page: Int, size: Int) {
            content = Array(all.dropFirst(page * size).prefix(size))
            number = page
            self.size = size
            totalElements = all.count
            totalPages = (all.count + size - 1) / size
            first = page == 0
            last = (page + 1) * size >= all.count
        }
    }

    private func clients(_ request: FakeRequest) -> FakeReply {
        switch paging(request) {
        case .failure(let error): return error.reply
        case .success(let (page, size)):
            let text = request.query["q"]?.lowercased() ?? ""
            let found = state.withLock { $0.setup.clients }.filter {
                text.isEmpty || $0.name.lowercased().contains(text)
            }
            .sorted { $0.name < $1.name }
            return .json(200, Page(all: found, page: page, size: size))
        }
    }

    private func list(_ request: FakeRequest) -> FakeReply {
        switch paging(request) {
        case .failure(let error): return error.reply
        case .success(let (page, size)):
            let text = request.query["q"]?.lowercased() ?? ""
            let (records, unsearchable) = state.withLock { (Array($0.opportunities.values), $0.unsearchable) }
            let found =
                records
                .filter { text.isEmpty || ($0.name.lowercased().contains(text) && !unsearchable.contains($0.guid)) }
                .sorted { ($0.createdDate, $0.guid) < ($1.createdDate, $1.guid) }
            return .json(200, Page(all: found, page: page, size: size))
        }
    }

    private func get(_ guid: String) -> FakeReply {
        guard let record = state.withLock({ $0.opportunities[guid] }) else {
            return Self.error(404, "Opportunity not found")
        }
        return .json(200, record)
    }

    /// Types and exact names; `creating` also asks for the four required fields.
    private func problem(in body: [String: Any], creating: Bool, setup: Setup) -> String? {
        if let unknown = body.keys.sorted().first(where: { !Self.writableFields.contains($0) }) {
            return "Unrecognized field \"\(unknown)\""
        }
        if creating {
            for key in ["name", "clientGuid", "stageName", "typeName"] where ((body[key] as? String)?.isEmpty ?? true) {
                return "\(key) is required"
            }
        }
        for key in ["name", "clientGuid", "stageName", "typeName", "description", "leadSourceName"]
        where body[key] != nil {
            guard body[key] is String else { return "\(key) must be a string" }
        }
        if let name = body["name"] as? String, name.trimmingCharacters(in: .whitespaces).isEmpty {
            return "name must not be blank"
        }
        if let client = body["clientGuid"] as? String, !setup.clients.contains(where: { $0.guid == client }) {
            return "Client \(client) not found"
        }
        if let stage = body["stageName"] as? String, !setup.stages.contains(where: { $0.name == stage }) {
            return "Stage '\(stage)' does not exist for this company"
        }
        if let type = body["typeName"] as? String, !setup.types.contains(type) {
            return "Opportunity type '\(type)' does not exist for this company"
        }
        if let source = body["leadSourceName"] as? String, !setup.leadSources.contains(source) {
            return "Lead source '\(source)' does not exist for this company"
        }
        for key in ["opportunityValue", "closeProbability"] where body[key] != nil && !(body[key] is NSNull) {
            guard let number = body[key] as? NSNumber, !(body[key] is Bool) else { return "\(key) must be a number" }
            if key == "closeProbability" && !(0...100).contains(number.doubleValue) {
                return "closeProbability must be between 0 and 100"
            }
        }
        return nil
    }

    private func apply(_ body: [String: Any], to record: inout Opportunity, setup: Setup) {
        if let name = body["name"] as? String { record.name = name }
        if let client = body["clientGuid"] as? String, let found = setup.clients.first(where: { $0.guid == client }) {
            record.clientGuid = found.guid
            record.clientName = found.name
        }
        if let stage = body["stageName"] as? String { record.stageName = stage }
        if let type = body["typeName"] as? String { record.typeName = type }
        if let source = body["leadSourceName"] as? String { record.leadSourceName = source }
        if let description = body["description"] as? String { record.description = description }
        if body["opportunityValue"] != nil {
            record.opportunityValue = (body["opportunityValue"] as? NSNumber)?.doubleValue
        }
        if let probability = body["closeProbability"] as? NSNumber { record.closeProbability = probability.doubleValue }
        record.lastModifiedDate = Int64(Date().timeIntervalSince1970 * 1_000)
    }

    private func create(_ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.error(400, "Request body must be a JSON object") }
        return state.withLock { state in
            if let problem = problem(in: body, creating: true, setup: state.setup) { return Self.error(400, problem) }
            let now = Int64(Date().timeIntervalSince1970 * 1_000)
            let stage = state.setup.stages.first { $0.name == body["stageName"] as? String }!
            var record = Opportunity(
                guid: UUID().uuidString.lowercased(), name: "", clientGuid: "", clientName: "", stageName: stage.name,
                typeName: "", closeProbability: stage.probability, createdDate: now, lastModifiedDate: now)
            apply(body, to: &record, setup: state.setup)
            state.opportunities[record.guid] = record
            if state.searchLags { state.unsearchable.insert(record.guid) }
            if state.emptyCreateAnswer { return FakeReply(status: 201, body: Data("{}".utf8), isWrite: true) }
            return .json(201, record, isWrite: true)
        }
    }

    /// A partial update despite the verb: only the fields present change.
    private func update(_ guid: String, _ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.error(400, "Request body must be a JSON object") }
        return state.withLock { state in
            guard var record = state.opportunities[guid] else { return Self.error(404, "Opportunity not found") }
            if let problem = problem(in: body, creating: false, setup: state.setup) { return Self.error(400, problem) }
            apply(body, to: &record, setup: state.setup)
            state.opportunities[guid] = record
            return .json(200, record, isWrite: true)
        }
    }

    /// Hard delete: nothing is kept.
    private func delete(_ guid: String) -> FakeReply {
        state.withLock { state in
            guard state.opportunities.removeValue(forKey: guid) != nil else {
                return Self.error(404, "Opportunity not found")
            }
            return FakeReply(status: 204, body: Data(), isWrite: true)
        }
    }
}

import Foundation

/// Twenty's REST endpoints as the docs describe them.
extension TwentyFake {
    static let writableFields: Set<String> = [
        "id", "name", "amount", "closeDate", "stage", "position", "pointOfContactId", "companyId", "ownerId",
    ]
    static let maxLimit = 200
    static let oldMaxLimit = 60

    @Sendable func route(_ request: FakeRequest) async -> FakeReply {
        guard request.headers["authorization"] == "Bearer \(token)", !faults.tokenRevoked else {
            return Self.error(401, "UNAUTHENTICATED", "Token invalid.")
        }
        let path = request.path, method = request.method
        if path == ["rest", "metadata", "objects"], method == "GET" { return metadata() }
        if let answer = activityRoute(request) { return answer }
        if path == ["rest", "opportunities"] {
            if method == "GET" { return list(request) }
            if method == "POST" { return create(request) }
        }
        if path.count == 3, path[0] == "rest", path[1] == "opportunities" {
            switch method {
            case "GET": return get(path[2], request)
            case "PATCH": return update(path[2], request)
            case "DELETE": return delete(path[2], request)
            default: break
            }
        }
        if method == "PATCH", path.count == 4, path[0] == "rest", let id = restorePath(path) {
            return restore(id)
        }
        // The REST parser takes at most an object and an id (batch, duplicates, merge and restore aside).
        if path.count > 3, path[0] == "rest", path[1] != "metadata" {
            let full = "/" + path.joined(separator: "/")
            return Self.error(
                400, "BadRequestException",
                "Query path '\(full)' invalid. Valid examples: "
                    + "/rest/companies/id or /rest/companies or /rest/batch/companies")
        }
        return Self.error(404, "NotFoundException", "Cannot \(method) /\(path.joined(separator: "/"))")
    }

    /// The record id of a restore at the route this server takes; nil for an old server or the other route.
    private func restorePath(_ path: [String]) -> String? {
        let (old, route) = state.withLock { ($0.oldServer, $0.restoreRoute) }
        guard old == nil else { return nil }
        switch route {
        case .prefixed: return path[1] == "restore" && path[2] == "opportunities" ? path[3] : nil
        case .suffixed: return path[1] == "opportunities" && path[3] == "restore" ? path[2] : nil
        }
    }

    /// The fields a read answers with: those `fields` names, else all, else (more readable fields than the cap)
    /// the default subset. `depth` must be 0 or 1 (older servers also took 2).
    private func selection(_ request: FakeRequest, _ state: State) -> Selection {
        let depths = state.oldServer == nil ? ["0", "1"] : ["0", "1", "2"]
        if let depth = request.query["depth"], !depths.contains(depth) {
            return .refused(Self.error(400, "BadRequestException", "depth '\(depth)' is invalid. Should be 0 or 1"))
        }
        let custom = state.customFieldCount > 0 ? (1...state.customFieldCount).map(Self.customField) : []
        let readable = Self.leadingFields + Self.standardFields + custom
        guard let fields = request.query["fields"] else {
            guard let cap = state.defaultFieldCap, readable.count > cap else { return .fields(nil) }
            return .fields(Set(readable.prefix(cap)))
        }
        var names = Set<String>()
        for name in fields.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            let column = ["company", "pointOfContact", "owner"].contains(name) ? name + "Id" : name
            guard readable.contains(column) else {
                return .refused(Self.error(400, "BadRequestException", "Unknown field '\(name)' for 'opportunity'"))
            }
            names.insert(column)
        }
        return .fields(names)
    }

    /// The fields a read answers with (nil: all), or the refusal of its `fields` or `depth`.
    enum Selection {
        case fields(Set<String>?)
        case refused(FakeReply)
    }

    private func json(_ record: Opportunity, _ state: State, selected: Set<String>? = nil) -> OpportunityJSON {
        OpportunityJSON(
            record: record, microsAsText: state.microsAsText, selected: selected,
            customFieldCount: state.customFieldCount)
    }

    private func metadata() -> FakeReply {
        struct Field: Encodable {
            let id: String
            let name: String
            let label: String
            let type: String
            var options: [StageOption]?
            var settings: RelationSettings?
        }
        struct RelationSettings: Encodable {
            let relationType: String
            let joinColumnName: String
        }
        // An object's fields as the metadata API's connection: {edges: [{node: field}]} (the spec types it as an
        // object, not a list).
        struct Edge: Encodable { let node: Field }
        struct Fields: Encodable {
            let edges: [Edge]
            init(_ fields: [Field]) { edges = fields.map(Edge.init) }
        }
        struct Object: Encodable {
            let id: String
            let nameSingular: String
            let namePlural: String
            let fields: Fields
        }
        struct Payload: Encodable { let objects: [Object] }
        struct Body: Encodable { let data: Payload }
        let (stages, customCount) = state.withLock { ($0.stages, $0.customFieldCount) }
        let custom =
            customCount > 0
            ? (1...customCount).map {
                Field(id: FakeIDs.uuid(), name: Self.customField($0), label: "Custom \($0)", type: "TEXT")
            } : []
        let opportunity = Object(
            id: FakeIDs.uuid(), nameSingular: "opportunity", namePlural: "opportunities",
            fields: Fields(
                [
                    Field(id: FakeIDs.uuid(), name: "name", label: "Name", type: "TEXT"),
                    Field(id: FakeIDs.uuid(), name: "amount", label: "Amount", type: "CURRENCY"),
                    Field(
                        id: FakeIDs.uuid(), name: "stage", label: "Stage", type: "SELECT", options: stages.reversed()),
                    Field(id: FakeIDs.uuid(), name: "closeDate", label: "Close date", type: "DATE_TIME"),
                ] + custom))
        let person = Object(
            id: FakeIDs.uuid(), nameSingular: "person", namePlural: "people",
            fields: Fields([
                Field(id: FakeIDs.uuid(), name: "name", label: "Name", type: "FULL_NAME")
            ]))
        let naming = state.withLock { $0.targetFields }
        let activities = ["note", "task"].flatMap { singular -> [Object] in
            var fields = [
                Field(id: FakeIDs.uuid(), name: "title", label: "Title", type: "TEXT"),
                Field(id: FakeIDs.uuid(), name: "bodyV2", label: "Body", type: "RICH_TEXT_V2"),
            ]
            if singular == "task" {
                let statuses = ActivityObject.taskStatuses.enumerated().map { index, value in
                    StageOption(
                        id: FakeIDs.uuid(), value: value, label: value.capitalized, position: index, color: "gray")
                }
                fields += [
                    Field(id: FakeIDs.uuid(), name: "dueAt", label: "Due Date", type: "DATE_TIME"),
                    Field(id: FakeIDs.uuid(), name: "status", label: "Status", type: "SELECT", options: statuses),
                    Field(
                        id: FakeIDs.uuid(), name: "assignee", label: "Assignee", type: "RELATION",
                        settings: RelationSettings(relationType: "MANY_TO_ONE", joinColumnName: "assigneeId")),
                ]
            }
            // The target's links: RELATION person / company / opportunity before 1.17, MORPH_RELATION target*
            // fields after it.
            var links = [
                Field(
                    id: FakeIDs.uuid(), name: singular, label: singular.capitalized, type: "RELATION",
                    settings: RelationSettings(relationType: "MANY_TO_ONE", joinColumnName: singular + "Id"))
            ]
            for object in ["Person", "Company", "Opportunity"] {
                let name = ActivityObject.linkName(object, naming)
                links.append(
                    Field(
                        id: FakeIDs.uuid(), name: name, label: object,
                        type: naming == .current ? "MORPH_RELATION" : "RELATION",
                        settings: RelationSettings(relationType: "MANY_TO_ONE", joinColumnName: name + "Id")))
            }
            return [
                Object(id: FakeIDs.uuid(), nameSingular: singular, namePlural: singular + "s", fields: Fields(fields)),
                Object(
                    id: FakeIDs.uuid(), nameSingular: singular + "Target", namePlural: singular + "Targets",
                    fields: Fields(links)),
            ]
        }
        return .json(200, Body(data: Payload(objects: [person, opportunity] + activities)))
    }

    /// A list's page size, or the refusal of its `limit`.
    enum PageLimit {
        case size(Int)
        case refused(FakeReply)
    }

    /// `limit`, 60 when absent. A current server cuts a larger one to 200 (`parseLimitRestRequest` takes
    /// `Math.min(limit, QUERY_MAX_RECORDS)`) and refuses one that is not a number of 0 or more. An old server gives
    /// at most 60: it refuses a larger `limit` or cuts it, as it is told.
    func pageLimit(_ request: FakeRequest) -> PageLimit {
        let old = state.withLock { $0.oldServer }
        let asked = request.query["limit"]
        guard let limit = Int(asked ?? "60"), limit >= 0 else {
            return .refused(Self.badRequest("limit '\(asked ?? "")' is invalid. Should be an integer"))
        }
        switch old {
        case nil: return .size(min(limit, Self.maxLimit))
        case .cutsLargePages?: return .size(min(limit, Self.oldMaxLimit))
        case .refusesLargePages?:
            guard limit <= Self.oldMaxLimit else {
                return .refused(Self.badRequest("limit must be an integer between 0 and \(Self.oldMaxLimit)"))
            }
            return .size(limit)
        }
    }

    /// Ordered by id; cursors are base64 JSON `{"id": ...}` as the server writes them. The page size is
    /// `pageLimit`'s.
    private func list(_ request: FakeRequest) -> FakeReply {
        let limit: Int
        switch pageLimit(request) {
        case .size(let size): limit = size
        case .refused(let refusal): return refusal
        }
        var afterID: String?
        if let cursor = request.query["starting_after"] {
            guard let data = Data(base64Encoded: cursor),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let id = object["id"] as? String
            else {
                return Self.error(400, "BadRequestException", "Invalid cursor")
            }
            afterID = id
        }
        var nameFilter: String?
        var updatedSince: Int64?
        if let filter = request.query["filter"] {
            let updatedPrefix = "updatedAt[gte]:\""
            if filter.hasPrefix(updatedPrefix), filter.hasSuffix("\""), filter.count > updatedPrefix.count + 1,
                let date = try? Date(
                    String(filter.dropFirst(updatedPrefix.count).dropLast()),
                    strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            {
                updatedSince = Self.millis(date)
            } else {
                guard filter.hasPrefix("name[ilike]:\""), filter.hasSuffix("\""), filter.count >= 15 else {
                    return Self.error(
                        400, "BadRequestException", "'filter' invalid for 'opportunity', eg: price[gte]:10")
                }
                nameFilter = String(filter.dropFirst(13).dropLast()).replacingOccurrences(of: "%", with: "")
                    .lowercased()
            }
        }
        return state.withLock { state in
            let selected: Set<String>?
            switch selection(request, state) {
            case .fields(let fields): selected = fields
            case .refused(let refusal): return refusal
            }
            let matches = { (record: Opportunity) -> Bool in
                guard record.deletedAt == nil else { return false }
                if let updatedSince, Self.millis(record.updatedAt) < updatedSince { return false }
                guard let nameFilter else { return true }
                return nameFilter.isEmpty || (record.name?.lowercased().contains(nameFilter) ?? false)
            }
            let total = state.opportunities.values.reduce(0) { $0 + (matches($1) ? 1 : 0) }
            // The page from the id order, kept between requests: sorting 100k ids for every page is not the
            // client's cost.
            let ids = state.sortedIDs ?? state.opportunities.keys.sorted()
            state.sortedIDs = ids
            var index = afterID.map { id in Self.firstIndex(in: ids, after: id) } ?? 0
            var page: [Opportunity] = []
            var more = false
            while index < ids.count {
                if let record = state.opportunities[ids[index]], matches(record) {
                    guard page.count < limit else {
                        more = true
                        break
                    }
                    page.append(record)
                }
                index += 1
            }
            struct PageInfo: Encodable {
                let hasNextPage: Bool
                let hasPreviousPage: Bool
                let startCursor: String?
                let endCursor: String?
            }
            struct Payload: Encodable { let opportunities: [OpportunityJSON] }
            struct Body: Encodable {
                let data: Payload
                let totalCount: Int
                let pageInfo: PageInfo
            }
            let info = PageInfo(
                hasNextPage: more, hasPreviousPage: afterID != nil,
                startCursor: page.first.map { Self.cursor($0.id) }, endCursor: page.last.map { Self.cursor($0.id) })
            let records = page.map { json($0, state, selected: selected) }
            return .json(200, Body(data: Payload(opportunities: records), totalCount: total, pageInfo: info))
        }
    }

    /// The index of the first id in `ids` (sorted) that comes after `id`.
    static func firstIndex(in ids: [String], after id: String) -> Int {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] <= id { low = middle + 1 } else { high = middle }
        }
        return low
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000).rounded()) }

    static func millis(_ iso: String) -> Int64 {
        (try? Date(iso, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))).map(millis) ?? 0
    }

    static func cursor(_ id: String) -> String {
        Data("{\"id\":\"\(id)\"}".utf8).base64EncodedString()
    }

    private func get(_ id: String, _ request: FakeRequest) -> FakeReply {
        state.withLock { state in
            let selected: Set<String>?
            switch selection(request, state) {
            case .fields(let fields): selected = fields
            case .refused(let refusal): return refusal
            }
            guard let record = state.opportunities[id], record.deletedAt == nil else {
                return Self.error(404, "NotFoundException", "Record not found")
            }
            // At depth 1 the record carries its relations; of them the fake has the timeline.
            let depth = request.query["depth"] ?? "1"
            let timeline =
                depth == "0"
                ? nil
                : state.timeline[id, default: []].reversed().map {
                    TimelineActivityJSON(activity: $0, naming: state.targetFields)
                }
            struct Record: Encodable {
                let opportunity: OpportunityJSON
                let timelineActivities: [TimelineActivityJSON]?
                func encode(to encoder: any Encoder) throws {
                    try opportunity.encode(to: encoder)
                    var container = encoder.container(keyedBy: OpportunityJSON.Key.self)
                    try container.encodeIfPresent(timelineActivities, forKey: OpportunityJSON.Key("timelineActivities"))
                }
            }
            struct Payload: Encodable { let opportunity: Record }
            struct Body: Encodable { let data: Payload }
            let nested = Record(opportunity: json(record, state, selected: selected), timelineActivities: timeline)
            return .json(200, Body(data: Payload(opportunity: nested)))
        }
    }

    /// Checks a body's fields against the object: unknown fields, stage options, the amount's shape.
    private func problem(in body: [String: Any], stages: [StageOption]) -> String? {
        if let unknown = body.keys.sorted().first(where: { !Self.writableFields.contains($0) }) {
            return "Object opportunity doesn't have any \"\(unknown)\" field."
        }
        if let stage = body["stage"],
            !((stage as? String).map { value in stages.contains { $0.value == value } } ?? false)
        {
            return "Invalid value '\(stage)' for field \"stage\""
        }
        if let amount = body["amount"], !(amount is NSNull) {
            guard let amount = amount as? [String: Any] else {
                return "amount must be an object {amountMicros, currencyCode}"
            }
            if let micros = amount["amountMicros"], !(micros is NSNull), !(micros is NSNumber) {
                return "amount.amountMicros must be a number"
            }
            if let code = amount["currencyCode"], !(code is NSNull), (code as? String)?.count != 3 {
                return "amount.currencyCode must be a three-letter currency code"
            }
        }
        if let name = body["name"], !(name is String), !(name is NSNull) { return "name must be a string" }
        return nil
    }

    private func apply(_ body: [String: Any], to record: inout Opportunity) {
        if body.keys.contains("name") { record.name = body["name"] as? String }
        if let stage = body["stage"] as? String { record.stage = stage }
        if let amount = body["amount"] {
            let object = amount as? [String: Any]
            record.amount = Amount(
                amountMicros: (object?["amountMicros"] as? NSNumber)?.int64Value,
                currencyCode: object?["currencyCode"] as? String)
        }
        if body.keys.contains("closeDate") { record.closeDate = body["closeDate"] as? String }
        record.updatedAt = FakeDates.string(Date())
    }

    /// `?upsert=true` with an existing id updates that record instead of failing.
    private func create(_ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else {
            return Self.error(400, "BadRequestException", "Body must be a JSON object")
        }
        let upsert = request.query["upsert"] == "true"
        return state.withLock { state in
            if let problem = problem(in: body, stages: state.stages) {
                return Self.error(400, "BadRequestException", problem)
            }
            let id = body["id"] as? String ?? FakeIDs.uuid()
            guard UUID(uuidString: id) != nil else {
                return Self.error(400, "BadRequestException", "id must be a UUID")
            }
            let now = FakeDates.string(Date())
            var record: Opportunity
            if let existing = state.opportunities[id], existing.deletedAt == nil {
                guard upsert else {
                    return Self.error(400, "BadRequestException", "A record with this id already exists")
                }
                record = existing
            } else {
                let position = (state.opportunities.values.map(\.position).min() ?? 0) - 1
                record = Opportunity(
                    id: id, name: nil, amount: Amount(amountMicros: nil, currencyCode: nil), closeDate: nil,
                    stage: state.stages.min { $0.position < $1.position }?.value ?? "NEW", position: position,
                    createdAt: now, updatedAt: now)
            }
            let existing = state.opportunities[id].flatMap { $0.deletedAt == nil ? $0 : nil }
            apply(body, to: &record)
            state.opportunities[id] = record
            if let existing {
                Self.recordUpdate(existing, record, at: Date(), in: &state)
            } else {
                Self.recordCreate(record, in: &state)
            }
            struct Payload: Encodable { let createOpportunity: OpportunityJSON }
            struct Body: Encodable { let data: Payload }
            return .json(
                201, Body(data: Payload(createOpportunity: json(record, state))),
                isWrite: true)
        }
    }

    private func update(_ id: String, _ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else {
            return Self.error(400, "BadRequestException", "Body must be a JSON object")
        }
        return state.withLock { state in
            guard var record = state.opportunities[id], record.deletedAt == nil else {
                return Self.error(404, "NotFoundException", "Record not found")
            }
            if body["id"] != nil { return Self.error(400, "BadRequestException", "id cannot be updated") }
            if let problem = problem(in: body, stages: state.stages) {
                return Self.error(400, "BadRequestException", problem)
            }
            let before = record
            apply(body, to: &record)
            state.opportunities[id] = record
            Self.recordUpdate(before, record, at: Date(), in: &state)
            struct Payload: Encodable { let updateOpportunity: OpportunityJSON }
            struct Body: Encodable { let data: Payload }
            return .json(
                200, Body(data: Payload(updateOpportunity: json(record, state))),
                isWrite: true)
        }
    }

    /// With `soft_delete=true` the record stays, with `deletedAt`, out of lists until restored; without it a
    /// current server deletes it for good. An old server knows no `soft_delete` and always keeps the record.
    private func delete(_ id: String, _ request: FakeRequest) -> FakeReply {
        state.withLock { state in
            guard state.opportunities[id]?.deletedAt == nil, state.opportunities[id] != nil else {
                return Self.error(404, "NotFoundException", "Record not found")
            }
            if request.query["soft_delete"] == "true" || state.oldServer != nil {
                state.opportunities[id]!.deletedAt = FakeDates.string(Date())
            } else {
                state.opportunities[id] = nil
            }
            struct Deleted: Encodable { let id: String }
            struct Payload: Encodable { let deleteOpportunity: Deleted }
            struct Body: Encodable { let data: Payload }
            return .json(200, Body(data: Payload(deleteOpportunity: Deleted(id: id))), isWrite: true)
        }
    }

    /// Brings a soft-deleted record back: the same record, `deletedAt` cleared.
    private func restore(_ id: String) -> FakeReply {
        state.withLock { state in
            guard var record = state.opportunities[id], record.deletedAt != nil else {
                return Self.error(404, "NotFoundException", "Record not found")
            }
            record.deletedAt = nil
            record.updatedAt = FakeDates.string(Date())
            state.opportunities[id] = record
            struct Payload: Encodable { let restoreOpportunity: OpportunityJSON }
            struct Body: Encodable { let data: Payload }
            return .json(200, Body(data: Payload(restoreOpportunity: json(record, state))), isWrite: true)
        }
    }
}

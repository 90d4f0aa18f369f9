import Foundation

/// `/rest/notes`, `/rest/tasks`, `/rest/noteTargets` and `/rest/taskTargets`, as the generated REST API serves
/// every object: list (filter, limit, cursor, depth), create, get, update, delete (soft with `soft_delete`).
extension TwentyFake {
    static let activityPlurals: Set<String> = ["notes", "tasks", "noteTargets", "taskTargets"]

    /// Which names this workspace's target link fields have (see `TargetFields`).
    package var targetFields: TargetFields {
        get { state.withLock { $0.targetFields } }
        set { state.withLock { $0.targetFields = newValue } }
    }

    // MARK: Reading and adding records from tests, as someone in Twenty's web app would

    /// The live and soft-deleted records of `plural` ("notes", "tasks", "noteTargets", "taskTargets"), by the
    /// current field names.
    package func records(_ plural: String) -> [Record] {
        state.withLock {
            Array(($0.activities[plural] ?? [:]).values).sorted { ($0["id"]?.string ?? "") < ($1["id"]?.string ?? "") }
        }
    }

    package func record(_ plural: String, id: String) -> Record? { state.withLock { $0.activities[plural]?[id] } }

    /// Adds a record with `fields` (current names) as the web app would; returns its id.
    @discardableResult
    package func insert(_ plural: String, _ fields: Record) -> String {
        let id = fields["id"]?.string ?? FakeIDs.uuid()
        let now = Value.string(FakeDates.string(Date()))
        var record = fields
        record["id"] = .string(id)
        record["createdAt"] = record["createdAt"] ?? now
        record["updatedAt"] = record["updatedAt"] ?? now
        state.withLock { $0.activities[plural, default: [:]][id] = record }
        return id
    }

    // MARK: Routing

    /// The answer for one of the four objects' paths; nil for any other path.
    func activityRoute(_ request: FakeRequest) -> FakeReply? {
        let path = request.path
        guard path.count == 2 || path.count == 3, path[0] == "rest", Self.activityPlurals.contains(path[1]) else {
            return nil
        }
        let object = activityObject(path[1])
        switch (path.count, request.method) {
        case (2, "GET"): return listActivities(object, request)
        case (2, "POST"): return createActivity(object, request)
        case (3, "GET"): return getActivity(object, id: path[2], request)
        case (3, "PATCH"): return updateActivity(object, id: path[2], request)
        case (3, "DELETE"): return deleteActivity(object, id: path[2], request)
        default: return nil
        }
    }

    func activityObject(_ plural: String) -> ActivityObject {
        let naming = state.withLock { $0.targetFields }
        switch plural {
        case "notes": return .note
        case "tasks": return .task
        case "noteTargets": return .target(of: .note, naming: naming)
        default: return .target(of: .task, naming: naming)
        }
    }

    static func badRequest(_ message: String) -> FakeReply { error(400, "BadRequestException", message) }

    // MARK: Reads

    private func listActivities(_ object: ActivityObject, _ request: FakeRequest) -> FakeReply {
        let limit: Int
        switch pageLimit(request) {
        case .size(let size): limit = size
        case .refused(let refusal): return refusal
        }
        if let refusal = depthRefusal(request) { return refusal }
        var afterID: String?
        if let cursor = request.query["starting_after"] {
            guard let data = Data(base64Encoded: cursor),
                let decoded = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let id = decoded["id"] as? String
            else { return Self.badRequest("Invalid cursor") }
            afterID = id
        }
        let conditions: [Condition]
        switch parseFilter(request.query["filter"], object) {
        case .success(let parsed): conditions = parsed
        case .failure(let refusal): return refusal.reply
        }
        let depth = request.query["depth"] ?? "1"
        return state.withLock { state in
            let live = (state.activities[object.plural] ?? [:]).values
                .filter { record in
                    record["deletedAt"].map { $0 == .null } ?? true
                        && conditions.allSatisfy { $0.matches(record) }
                }
                .sorted { ($0["id"]?.string ?? "") < ($1["id"]?.string ?? "") }
            let remaining = afterID.map { id in live.filter { ($0["id"]?.string ?? "") > id } } ?? live
            let page = Array(remaining.prefix(limit))
            struct PageInfo: Encodable {
                let hasNextPage: Bool
                let startCursor: String?
                let endCursor: String?
            }
            let pageInfo = PageInfo(
                hasNextPage: remaining.count > page.count,
                startCursor: page.first.flatMap { $0["id"]?.string }.map(Self.cursor),
                endCursor: page.last.flatMap { $0["id"]?.string }.map(Self.cursor))
            struct Body: Encodable {
                let data: [String: [Record]]
                let pageInfo: PageInfo
                let totalCount: Int
            }
            let records = page.map { shown($0, object, depth: depth, in: state) }
            return .json(200, Body(data: [object.plural: records], pageInfo: pageInfo, totalCount: live.count))
        }
    }

    private func getActivity(_ object: ActivityObject, id: String, _ request: FakeRequest) -> FakeReply {
        if let refusal = depthRefusal(request) { return refusal }
        return state.withLock { state in
            guard let record = state.activities[object.plural]?[id], record["deletedAt"].map({ $0 == .null }) ?? true
            else { return Self.error(404, "NotFoundException", "Record not found") }
            let shown = shown(record, object, depth: request.query["depth"] ?? "1", in: state)
            return .json(200, ["data": [object.singular: shown]])
        }
    }

    private func depthRefusal(_ request: FakeRequest) -> FakeReply? {
        guard let depth = request.query["depth"], !["0", "1"].contains(depth) else { return nil }
        return Self.badRequest("depth '\(depth)' is invalid. Should be 0 or 1")
    }

    /// A record as an answer writes it: the workspace's field names, absent values left out, and at depth 1 its
    /// direct relations (a note's or task's targets; a target's note or task).
    private func shown(_ record: Record, _ object: ActivityObject, depth: String, in state: State) -> Record {
        var out: Record = [:]
        for (key, value) in record where value != .null {
            out[Self.shownColumn(key, naming: state.targetFields)] = value
        }
        guard depth == "1" else { return out }
        if let parent = object.parent {
            let plural = parent == "noteId" ? "notes" : "tasks"
            if let id = record[parent]?.string, let owner = state.activities[plural]?[id],
                (owner["deletedAt"] ?? .null) == .null
            {
                out[String(parent.dropLast(2))] = .object(owner.filter { $0.value != .null })
            }
        } else {
            let targets = object.singular + "Targets"
            let column = object.singular + "Id"
            let linked = (state.activities[targets] ?? [:]).values
                .filter { $0[column]?.string == record["id"]?.string && ($0["deletedAt"] ?? .null) == .null }
                .sorted { ($0["id"]?.string ?? "") < ($1["id"]?.string ?? "") }
            out[targets] = .array(
                linked.map { target in
                    var shownTarget: Record = [:]
                    for (key, value) in target where value != .null {
                        shownTarget[Self.shownColumn(key, naming: state.targetFields)] = value
                    }
                    return .object(shownTarget)
                })
        }
        return out
    }

    // MARK: Writes

    /// What is wrong with a body for `object`: a field it does not have (as #17734 words it), or a value of the
    /// wrong kind. A target's note or task, and an opportunity it names, must exist.
    private func problem(in body: [String: Any], _ object: ActivityObject, state: State) -> String? {
        for key in body.keys.sorted() where key != "id" && object.fields[key] == nil {
            return "unknown fields \(key) in objectMetadataItem \(object.singular)"
        }
        for (key, value) in body.sorted(by: { $0.key < $1.key }) where !(value is NSNull) {
            switch object.fields[key] {
            case .text?:
                if !(value is String) { return "\(key) must be a string" }
            case .richText?:
                guard let parts = value as? [String: Any],
                    parts.allSatisfy({
                        ["blocknote", "markdown"].contains($0.key) && ($0.value is String || $0.value is NSNull)
                    })
                else { return "\(key) must be an object {blocknote, markdown} of strings" }
            case .dateTime?:
                guard let text = value as? String, HighLevelFake.date(text) != nil else {
                    return "Invalid date-time value for field \"\(key)\""
                }
            case .select(let options)?:
                guard let text = value as? String, options.contains(text) else {
                    return "Invalid value '\(value)' for field \"\(key)\""
                }
            case .position?:
                if !(value is NSNumber) || HighLevelFake.isBoolean(value) { return "\(key) must be a number" }
            case .actor?:
                guard let actor = value as? [String: Any],
                    (actor["source"] as? String).map(ActivityObject.actorSources.contains) ?? true
                else { return "\(key) must be an actor {source}" }
            case .link(let plural)?:
                guard let id = value as? String, UUID(uuidString: id) != nil else { return "\(key) must be a UUID" }
                let exists: Bool
                switch plural {
                case "opportunities": exists = state.opportunities[id].map { $0.deletedAt == nil } ?? false
                case "notes", "tasks": exists = state.activities[plural]?[id] != nil
                default: exists = true
                }
                if !exists { return "No \(plural.dropLast()) found with id \(id) for \(key)" }
            case nil:
                break
            }
        }
        return nil
    }

    private func stored(_ body: [String: Any], naming: TargetFields) -> Record {
        var record: Record = [:]
        for (key, item) in body where key != "id" {
            record[Self.storedColumn(key, naming: naming)] = Value(json: item) ?? .null
        }
        return record
    }

    private func createActivity(_ object: ActivityObject, _ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.badRequest("Body must be a JSON object") }
        let upsert = request.query["upsert"] == "true"
        return state.withLock { state in
            if let problem = problem(in: body, object, state: state) { return Self.badRequest(problem) }
            let id = body["id"] as? String ?? FakeIDs.uuid()
            guard UUID(uuidString: id) != nil else { return Self.badRequest("id must be a UUID") }
            let now = Value.string(FakeDates.string(Date()))
            var record: Record
            if let existing = state.activities[object.plural]?[id], (existing["deletedAt"] ?? .null) == .null {
                guard upsert else { return Self.badRequest("A record with this id already exists") }
                record = existing
            } else {
                record = ["id": .string(id), "createdAt": now, "position": .number(0)]
                if object.singular == "task" { record["status"] = .string("TODO") }
                if object.fields["createdBy"] != nil {
                    record["createdBy"] = .object(["source": .string("API"), "name": .string("API key")])
                }
            }
            record.merge(stored(body, naming: state.targetFields)) { _, new in new }
            if object.fields["position"] == nil { record["position"] = nil }
            record["updatedAt"] = now
            state.activities[object.plural, default: [:]][id] = record
            let key = "create" + object.singular.prefix(1).uppercased() + object.singular.dropFirst()
            return .json(201, ["data": [key: shown(record, object, depth: "0", in: state)]], isWrite: true)
        }
    }

    private func updateActivity(_ object: ActivityObject, id: String, _ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.badRequest("Body must be a JSON object") }
        return state.withLock { state in
            guard var record = state.activities[object.plural]?[id], (record["deletedAt"] ?? .null) == .null else {
                return Self.error(404, "NotFoundException", "Record not found")
            }
            if body["id"] != nil { return Self.badRequest("id cannot be updated") }
            if let problem = problem(in: body, object, state: state) { return Self.badRequest(problem) }
            record.merge(stored(body, naming: state.targetFields)) { _, new in new }
            record["updatedAt"] = .string(FakeDates.string(Date()))
            state.activities[object.plural]?[id] = record
            let key = "update" + object.singular.prefix(1).uppercased() + object.singular.dropFirst()
            return .json(200, ["data": [key: shown(record, object, depth: "0", in: state)]], isWrite: true)
        }
    }

    /// A permanent delete of a note or task takes its targets with it (their link to it cascades).
    private func deleteActivity(_ object: ActivityObject, id: String, _ request: FakeRequest) -> FakeReply {
        state.withLock { state in
            guard let record = state.activities[object.plural]?[id], (record["deletedAt"] ?? .null) == .null else {
                return Self.error(404, "NotFoundException", "Record not found")
            }
            if request.query["soft_delete"] == "true" || state.oldServer != nil {
                state.activities[object.plural]?[id]?["deletedAt"] = .string(FakeDates.string(Date()))
            } else {
                state.activities[object.plural]?[id] = nil
                if object.parent == nil {
                    let targets = object.singular + "Targets", column = object.singular + "Id"
                    state.activities[targets] = state.activities[targets]?.filter { $0.value[column]?.string != id }
                }
            }
            let key = "delete" + object.singular.prefix(1).uppercased() + object.singular.dropFirst()
            return .json(200, ["data": [key: ["id": id]]], isWrite: true)
        }
    }
}

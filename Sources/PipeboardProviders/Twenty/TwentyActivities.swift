import Foundation
import PipeboardCore

/// Notes and tasks. Twenty keeps them as their own objects, linked to a deal by `noteTargets` / `taskTargets`,
/// whose link field is `targetOpportunityId` from Twenty 1.17 on and `opportunityId` before (and on workspaces
/// whose upgrade has not run). The client learns which from the metadata API once and remembers it.
extension TwentyClient {
    /// The two kinds of activity: each is its object and the target object linking it to deals.
    enum Activity: String {
        case note, task

        var plural: String { rawValue + "s" }
        var targets: String { rawValue + "Targets" }
        var targetObject: String { rawValue + "Target" }
        var parentField: String { rawValue + "Id" }
        /// Where `memory` keeps the target's link field name.
        var memoryKey: String { rawValue + "_target_link" }
    }

    /// The relation fields a target object may link a deal by: the 1.17 name first.
    static let opportunityLinkFields = ["targetOpportunity", "opportunity"]

    // MARK: Notes

    /// The deal's notes, newest first: one request (a page of 200) finds the deal's targets with their notes.
    public func notes(of deal: Opportunity) async throws -> [RemoteNote] {
        let dealID = try remoteID(of: deal)
        let targets: [TwentyTarget<TwentyNote>] = try await linked(.note, to: dealID)
        return targets.compactMap(\.linked).filter { $0.deletedAt == nil }.map(remote)
            .sorted { $0.createdAt > $1.createdAt }
    }

    /// The note and its link are made with the note's local id (`upsert`), so a retry after a lost answer makes
    /// neither twice. The title is the text's first line, the body the whole text (markdown).
    public func addNote(_ note: Note, to deal: Opportunity) async throws -> RemoteNote {
        let dealID = try remoteID(of: deal)
        let id = note.id.uuidString.lowercased()
        let firstLine = note.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? note.text
        let body = TwentyNoteBody(
            id: id, title: String(firstLine.prefix(Self.titleLength)), bodyV2: TwentyRichText(markdown: note.text))
        let data = try await transport.send(
            .POST, "/rest/notes", query: Self.upsert, json: try ProviderJSON.encode(body), idempotent: true)
        let created = try ProviderJSON.decode(TwentyOne<TwentyNote>.self, from: data, what: "Twenty note").record
        try await link(.note, id: id, to: dealID)
        return remote(created)
    }

    public func deleteNote(remoteID: String, of deal: Opportunity) async throws {
        try await delete(.note, remoteID: remoteID)
    }

    // MARK: Tasks

    public func tasks(of deal: Opportunity) async throws -> [RemoteTask] {
        let dealID = try remoteID(of: deal)
        let targets: [TwentyTarget<TwentyTask>] = try await linked(.task, to: dealID)
        return targets.compactMap(\.linked).filter { $0.deletedAt == nil }.map(remote)
    }

    public func task(remoteID: String, of deal: Opportunity) async throws -> RemoteTask? {
        do {
            let data = try await transport.send(
                .GET, "/rest/tasks/\(HTTPTransport.segment(remoteID))", query: [URLQueryItem(name: "depth", value: "0")]
            )
            let task = try ProviderJSON.decode(TwentyOne<TwentyTask>.self, from: data, what: "Twenty task").record
            return task.deletedAt == nil ? remote(task) : nil
        } catch ProviderError.notFound {
            return nil
        }
    }

    public func addTask(_ task: DealTask, to deal: Opportunity) async throws -> RemoteTask {
        let dealID = try remoteID(of: deal)
        let id = task.id.uuidString.lowercased()
        let body = TwentyTaskBody(
            id: id, title: task.title, dueAt: task.due.flatMap(DueInstant.text), status: Self.status(done: task.isDone))
        let data = try await transport.send(
            .POST, "/rest/tasks", query: Self.upsert, json: try ProviderJSON.encode(body), idempotent: true)
        let created = try ProviderJSON.decode(TwentyOne<TwentyTask>.self, from: data, what: "Twenty task").record
        try await link(.task, id: id, to: dealID)
        return remote(created)
    }

    /// Reopening a task sets it back to TODO.
    public func updateTask(remoteID: String, patch: TaskPatch, current: DealTask, of deal: Opportunity) async throws
        -> RemoteTask?
    {
        var body = TwentyTaskBody(title: patch.title, dueAt: patch.due.flatMap(DueInstant.text))
        body.status = patch.isDone.map(Self.status(done:))
        guard body.title != nil || body.dueAt != nil || body.status != nil else { return nil }
        let data = try await transport.send(
            .PATCH, "/rest/tasks/\(HTTPTransport.segment(remoteID))", json: try ProviderJSON.encode(body))
        return remote(try ProviderJSON.decode(TwentyOne<TwentyTask>.self, from: data, what: "Twenty task").record)
    }

    public func deleteTask(remoteID: String, of deal: Opportunity) async throws {
        try await delete(.task, remoteID: remoteID)
    }

    /// Every open task of the workspace with its targets, 200 a page, keyed by the remote ids of the deals it
    /// targets: a sync of N deals costs one request per 200 open tasks instead of one per deal.
    public func openTasks(pipelineID: String) async throws -> [String: [RemoteTask]] {
        let link = try await linkField(.task)
        var found: [String: [RemoteTask]] = [:]
        var cursor: String?
        var pages = 0
        repeat {
            var query = [
                URLQueryItem(name: "filter", value: "status[neq]:DONE"), URLQueryItem(name: "depth", value: "1"),
                URLQueryItem(name: "limit", value: String(pageSize)),
            ]
            if let cursor { query.append(URLQueryItem(name: "starting_after", value: cursor)) }
            let data = try await transport.send(.GET, "/rest/tasks", query: query)
            let page = try ProviderJSON.decode(TwentyPage<TwentyTask>.self, from: data, what: "Twenty tasks")
            for task in page.records where task.deletedAt == nil {
                let deals = (task.taskTargets ?? []).compactMap { target -> String? in
                    guard case .string(let remoteID)? = target[link] else { return nil }
                    return remoteID
                }
                for deal in Set(deals) { found[deal, default: []].append(remote(task)) }
            }
            cursor = page.next
            pages += 1
        } while cursor != nil && pages < Self.maxActivityPages
        return found
    }

    // MARK: Targets and the link field

    static let upsert = [URLQueryItem(name: "upsert", value: "true")]
    static let titleLength = 80
    /// A deal with more than this many pages of notes or tasks (200 each) shows the first ones.
    static let maxActivityPages = 50

    static func status(done: Bool) -> String { done ? "DONE" : "TODO" }

    func remoteID(of deal: Opportunity) throws -> String {
        guard let remoteID = deal.remoteID else {
            throw ProviderError.rejected(status: 400, message: "the deal is not in Twenty yet")
        }
        return remoteID
    }

    /// The deal's targets of `activity`, each with its note or task (depth 1), every page.
    private func linked<Linked: Decodable>(_ activity: Activity, to dealID: String) async throws
        -> [TwentyTarget<Linked>]
    {
        try await withLinkField(activity) { link in
            var records: [TwentyTarget<Linked>] = []
            var cursor: String?
            var pages = 0
            repeat {
                var query = [
                    URLQueryItem(name: "filter", value: "\(link)[eq]:\"\(dealID)\""),
                    URLQueryItem(name: "depth", value: "1"), URLQueryItem(name: "limit", value: String(pageSize)),
                ]
                if let cursor { query.append(URLQueryItem(name: "starting_after", value: cursor)) }
                let data = try await transport.send(.GET, "/rest/\(activity.targets)", query: query)
                let page = try ProviderJSON.decode(
                    TwentyPage<TwentyTarget<Linked>>.self, from: data, what: "Twenty \(activity.targets)")
                records += page.records
                cursor = page.next
                pages += 1
            } while cursor != nil && pages < Self.maxActivityPages
            return records
        }
    }

    /// Links a note or task to the deal; the target takes the same id, so a retry makes no second link.
    private func link(_ activity: Activity, id: String, to dealID: String) async throws {
        try await withLinkField(activity) { link in
            let body = TwentyTargetBody(
                id: id, parentField: activity.parentField, parentID: id, linkField: link, dealID: dealID)
            _ = try await transport.send(
                .POST, "/rest/\(activity.targets)", query: Self.upsert, json: try ProviderJSON.encode(body),
                idempotent: true)
        }
    }

    /// Soft delete, as for deals; one Twenty no longer has counts as deleted.
    private func delete(_ activity: Activity, remoteID: String) async throws {
        do {
            _ = try await transport.send(
                .DELETE, "/rest/\(activity.plural)/\(HTTPTransport.segment(remoteID))",
                query: [URLQueryItem(name: "soft_delete", value: "true")])
        } catch ProviderError.notFound {
            return
        }
    }

    /// Runs `body` with the remembered link field; when the server refuses that name (the workspace was upgraded
    /// since), learns the field again from the metadata API and, if it changed, runs `body` once more.
    private func withLinkField<T>(_ activity: Activity, _ body: (String) async throws -> T) async throws -> T {
        let link = try await linkField(activity)
        do {
            return try await body(link)
        } catch ProviderError.rejected(400, let message) where message.contains(link) {
            let learned = try await learnLinkFields()[activity]
            guard let learned, learned != link else { throw ProviderError.rejected(status: 400, message: message) }
            return try await body(learned)
        }
    }

    /// The target's field naming a deal: remembered, else learned from the metadata API.
    func linkField(_ activity: Activity) async throws -> String {
        if let known = memory?[activity.memoryKey] { return known }
        guard let learned = try await learnLinkFields()[activity] else {
            throw ProviderError.invalidResponse(
                "Twenty metadata: \(activity.targetObject) has no link to opportunities")
        }
        return learned
    }

    /// Reads the metadata API and remembers both link fields.
    @discardableResult
    func learnLinkFields() async throws -> [Activity: String] {
        let data = try await transport.send(.GET, "/rest/metadata/objects")
        let objects = try ProviderJSON.decode(TwentyObjectsResponse.self, from: data, what: "Twenty metadata").data
            .objects
        return rememberLinkFields(from: objects)
    }

    /// The join column of each target object's link to opportunities, as the metadata names it, remembered.
    @discardableResult
    func rememberLinkFields(from objects: [TwentyObject]) -> [Activity: String] {
        var learned: [Activity: String] = [:]
        for activity in [Activity.note, .task] {
            let fields = objects.first { $0.nameSingular == activity.targetObject }?.fields ?? []
            for name in Self.opportunityLinkFields {
                guard let field = fields.first(where: { $0.name == name }) else { continue }
                learned[activity] = field.settings?.joinColumnName?.nilIfBlank ?? name + "Id"
                break
            }
            if let column = learned[activity] { memory?.remember(activity.memoryKey, column) }
        }
        return learned
    }

    // MARK: Mapping (provider text is cleaned here, where it enters the model)

    func remote(_ note: TwentyNote) -> RemoteNote {
        let text = note.bodyV2?.markdown?.nilIfBlank ?? note.title ?? ""
        let author = note.createdBy?.name.map { ProviderText.clean($0) }?.nilIfBlank
        return RemoteNote(
            remoteID: note.id, text: ProviderText.clean(text), createdAt: ProviderDate.parse(note.createdAt) ?? Date(),
            author: author, raw: note.raw)
    }

    func remote(_ task: TwentyTask) -> RemoteTask {
        let created = ProviderDate.parse(task.createdAt) ?? Date()
        return RemoteTask(
            remoteID: task.id, title: ProviderText.clean(task.title ?? ""), due: DueInstant.due(task.dueAt),
            isDone: task.status == "DONE", owner: task.assigneeId.map { ProviderText.clean($0) }?.nilIfBlank,
            createdAt: created, updatedAt: ProviderDate.parse(task.updatedAt) ?? created, raw: task.raw)
    }
}

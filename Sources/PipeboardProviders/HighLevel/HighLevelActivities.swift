import Foundation
import PipeboardCore

/// Notes and tasks. HighLevel keeps them on the contact, not the opportunity: a deal shows its contact's notes and
/// tasks, and new ones are made on that contact (`/contacts/{contactId}/notes`, `/contacts/{contactId}/tasks`).
extension HighLevelClient {
    public func notes(of deal: Opportunity) async throws -> [RemoteNote] {
        let contactID = try await contactID(of: deal)
        let data = try await transport.send(.GET, "/contacts/\(HTTPTransport.segment(contactID))/notes")
        return try ProviderJSON.decode(HLNotesResponse.self, from: data, what: "HighLevel notes").notes.map(remote)
            .sorted { $0.createdAt > $1.createdAt }
    }

    /// HighLevel has no idempotency key: when the answer is lost, the contact's notes are read for one with the
    /// same text made since the note was written, before the outbox tries again.
    public func addNote(_ note: Note, to deal: Opportunity) async throws -> RemoteNote {
        let contactID = try await contactID(of: deal)
        let path = "/contacts/\(HTTPTransport.segment(contactID))/notes"
        do {
            let data = try await transport.send(.POST, path, json: try ProviderJSON.encode(HLNoteBody(body: note.text)))
            return remote(try ProviderJSON.decode(HLNoteResponse.self, from: data, what: "HighLevel note").note)
        } catch let error as ProviderError where error.isRetryable {
            let since = note.createdAt.addingTimeInterval(-Self.clockSkew)
            let text = ProviderText.clean(note.text)
            if let applied = try? await notes(of: deal).first(where: { $0.text == text && $0.createdAt >= since }) {
                return applied
            }
            throw error
        }
    }

    /// A note HighLevel no longer has counts as deleted.
    public func deleteNote(remoteID: String, of deal: Opportunity) async throws {
        let contactID = try await contactID(of: deal)
        do {
            _ = try await transport.send(
                .DELETE, "/contacts/\(HTTPTransport.segment(contactID))/notes/\(HTTPTransport.segment(remoteID))")
        } catch let error as ProviderError where Self.isMissing(error, "note") {
            return
        }
    }

    public func tasks(of deal: Opportunity) async throws -> [RemoteTask] {
        try await tasks(ofContact: try await contactID(of: deal))
    }

    public func task(remoteID: String, of deal: Opportunity) async throws -> RemoteTask? {
        let contactID = try await contactID(of: deal)
        do {
            let data = try await transport.send(
                .GET, "/contacts/\(HTTPTransport.segment(contactID))/tasks/\(HTTPTransport.segment(remoteID))")
            return remote(try ProviderJSON.decode(HLTaskResponse.self, from: data, what: "HighLevel task").task)
        } catch let error as ProviderError where Self.isMissing(error, "task") {
            return nil
        }
    }

    /// `dueDate` is required by HighLevel. A lost answer is looked for as `addNote` does: an open task of the same
    /// title and due date.
    public func addTask(_ task: DealTask, to deal: Opportunity) async throws -> RemoteTask {
        guard let due = task.due, let dueText = DueInstant.text(due) else {
            throw ProviderError.rejected(status: 422, message: "HighLevel needs a due date on every task")
        }
        let contactID = try await contactID(of: deal)
        let body = HLTaskBody(title: task.title, dueDate: dueText, completed: task.isDone)
        do {
            let data = try await transport.send(
                .POST, "/contacts/\(HTTPTransport.segment(contactID))/tasks", json: try ProviderJSON.encode(body))
            return remote(try ProviderJSON.decode(HLTaskResponse.self, from: data, what: "HighLevel task").task)
        } catch let error as ProviderError where error.isRetryable {
            let title = ProviderText.clean(task.title)
            if let applied = try? await tasks(ofContact: contactID).first(where: {
                $0.title == title && $0.due == due && $0.isDone == task.isDone
            }) {
                return applied
            }
            throw error
        }
    }

    /// Title and due date by `PUT .../tasks/{id}`; done or open by `PUT .../tasks/{id}/completed`.
    public func updateTask(remoteID: String, patch: TaskPatch, current: DealTask, of deal: Opportunity) async throws
        -> RemoteTask?
    {
        let contactID = try await contactID(of: deal)
        let path = "/contacts/\(HTTPTransport.segment(contactID))/tasks/\(HTTPTransport.segment(remoteID))"
        var updated: RemoteTask?
        var body = HLTaskBody(title: patch.title)
        if let due = patch.due { body.dueDate = DueInstant.text(due) }
        if body.title != nil || body.dueDate != nil {
            let data = try await transport.send(.PUT, path, json: try ProviderJSON.encode(body))
            updated = remote(try ProviderJSON.decode(HLTaskResponse.self, from: data, what: "HighLevel task").task)
        }
        if let done = patch.isDone {
            let data = try await transport.send(
                .PUT, path + "/completed", json: try ProviderJSON.encode(HLTaskCompletedBody(completed: done)))
            updated = remote(try ProviderJSON.decode(HLTaskResponse.self, from: data, what: "HighLevel task").task)
        }
        return updated
    }

    /// A task HighLevel no longer has counts as deleted.
    public func deleteTask(remoteID: String, of deal: Opportunity) async throws {
        let contactID = try await contactID(of: deal)
        do {
            _ = try await transport.send(
                .DELETE, "/contacts/\(HTTPTransport.segment(contactID))/tasks/\(HTTPTransport.segment(remoteID))")
        } catch let error as ProviderError where Self.isMissing(error, "task") {
            return
        }
    }

    // No `openTasks`: HighLevel documents no bulk read of tasks (its search's `getTasks` adds arrays whose shape
    // is undocumented, see docs/providers.md), and a request per contact is no bulk read: the default refuses,
    // and a sync reads a small pipeline deal by deal.

    // MARK: The contact

    /// The deal's contact: from the record as last pulled (`raw`), else from HighLevel.
    func contactID(of deal: Opportunity) async throws -> String {
        if let raw = deal.raw, let id = Self.contactID(inRaw: raw) { return id }
        guard let remoteID = deal.remoteID else {
            throw ProviderError.rejected(status: 400, message: "the deal is not in HighLevel yet")
        }
        let data = try await transport.send(.GET, "/opportunities/\(HTTPTransport.segment(remoteID))")
        let record = try HLOpportunityResponse.read(data, what: "HighLevel opportunity").opportunity
        guard let id = record.contactId?.nilIfBlank ?? record.contact?.id?.nilIfBlank else {
            throw ProviderError.invalidResponse("HighLevel opportunity \(remoteID) has no contact")
        }
        return id
    }

    static func contactID(inRaw raw: String) -> String? {
        struct Linked: Decodable {
            struct Contact: Decodable { let id: String? }
            let contactId: String?
            let contact: Contact?
        }
        guard let linked = try? JSONDecoder().decode(Linked.self, from: Data(raw.utf8)) else { return nil }
        return linked.contactId?.nilIfBlank ?? linked.contact?.id?.nilIfBlank
    }

    func tasks(ofContact contactID: String) async throws -> [RemoteTask] {
        let data = try await transport.send(.GET, "/contacts/\(HTTPTransport.segment(contactID))/tasks")
        return try ProviderJSON.decode(HLTasksResponse.self, from: data, what: "HighLevel tasks").tasks.map(remote)
    }

    /// HighLevel documents no 404 for these paths: a note or task it does not have is a 400 that says so.
    static func isMissing(_ error: ProviderError, _ what: String) -> Bool {
        switch error {
        case .notFound: true
        case .rejected(400, let message): message.lowercased().contains("\(what) not found")
        default: false
        }
    }

    // MARK: Mapping (provider text is cleaned here, where it enters the model)

    func remote(_ note: HLNote) -> RemoteNote {
        let text = [note.title, note.body].compactMap { $0?.nilIfBlank }.joined(separator: ": ")
        return RemoteNote(
            remoteID: note.id, text: ProviderText.clean(text),
            createdAt: ProviderDate.parse(note.dateAdded) ?? Date(),
            author: note.userId.map { ProviderText.clean($0) }?.nilIfBlank, raw: note.raw)
    }

    /// A task carries no creation time in the schema: `dateAdded` where an answer has one, else its due date.
    func remote(_ task: HLTask) -> RemoteTask {
        let due = DueInstant.due(task.dueDate)
        let created = ProviderDate.parse(task.dateAdded) ?? ProviderDate.parse(task.dueDate) ?? Date()
        return RemoteTask(
            remoteID: task.id, title: ProviderText.clean(task.title ?? ""), due: due, isDone: task.completed ?? false,
            owner: task.assignedTo.map { ProviderText.clean($0) }?.nilIfBlank, createdAt: created, raw: task.raw)
    }
}

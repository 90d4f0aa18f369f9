import Foundation
import PipeboardCore
import PipeboardStore

/// Notes and tasks of a deal: read from the cache, changed like a card is (checked against the provider's
/// capabilities, written with an outbox entry and an undo step in one transaction, delivered later).
extension BoardService {
    // MARK: Reading

    /// A deal's notes, newest first.
    package func notes(of id: UUID) throws -> [Note] {
        try store.notes(opportunityID: try existing(id).id)
    }

    /// A deal's tasks: open ones in due order (the first is its next step), then done ones, latest first.
    package func tasks(of id: UUID) throws -> [DealTask] {
        try store.tasks(opportunityID: try existing(id).id)
    }

    /// A task by its full local id or a unique prefix of it.
    package func task(matching text: String) throws -> DealTask {
        let prefix = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let id = UUID(uuidString: prefix), let found = try store.task(id: id) { return found }
        guard !prefix.isEmpty else { throw ServiceError.noSuchTask(text) }
        let matches = try store.tasks(idPrefix: prefix)
        switch matches.count {
        case 0: throw ServiceError.noSuchTask(text)
        case 1: return matches[0]
        default: throw ServiceError.ambiguousTaskID(text, matches: matches.count)
        }
    }

    /// Every open deal's next step of an account (one pipeline, or all of them), grouped Overdue / Today /
    /// This week / Later, then the open deals with no next step.
    public func nextSteps(account name: String?, pipeline pipelineText: String? = nil) throws -> Agenda {
        let account = try account(name)
        let pipelineID = try pipelineText.map { try pipeline(account: account.name, matching: $0).id }
        let rows = try store.agenda(account: account.name, pipelineID: pipelineID)
        return Agenda(
            entries: rows.map { Agenda.Entry(opportunity: $0.opportunity, nextStep: $0.nextStep) },
            today: ISODay.string(from: clock()))
    }

    /// Reads a due date as typed (`today`, `tomorrow`, `+3d`, `mon`, `2026-03-14`, with an optional time) against
    /// the service's clock.
    package func due(_ text: String) throws -> DueDate {
        switch DueInput.parse(text, now: clock()) {
        case .success(let due): return due
        case .failure(let error): throw ServiceError.invalidDue(error)
        }
    }

    // MARK: Changing

    @discardableResult
    package func addNote(to id: UUID, text: String) throws -> Note {
        let deal = try existing(id)
        let account = try account(of: deal)
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw ServiceError.emptyText("a note") }
        let now = clock()
        let note = Note(account: account.name, opportunityID: deal.id, text: body, createdAt: now)
        try commit(HistoryEntry(label: "note on \(deal.name)", steps: [.noteAdded(note)]), account: account, now: now)
        return note
    }

    package func deleteNote(id: UUID) throws {
        guard let note = try store.note(id: id) else { throw ServiceError.noSuchNote(id.uuidString.lowercased()) }
        let account = try account(named: note.account)
        try commit(HistoryEntry(label: "delete a note", steps: [.noteDeleted(note)]), account: account, now: clock())
    }

    @discardableResult
    package func addTask(to id: UUID, title: String, due: DueDate?) throws -> DealTask {
        let deal = try existing(id)
        let account = try account(of: deal)
        let name = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw ServiceError.emptyText("a task's title") }
        let now = clock()
        let task = DealTask(account: account.name, opportunityID: deal.id, title: name, due: due, createdAt: now)
        try commit(HistoryEntry(label: "task on \(deal.name)", steps: [.taskAdded(task)]), account: account, now: now)
        return task
    }

    /// Marks a task done (or open again): one undo step.
    @discardableResult
    package func setTaskDone(id: UUID, _ done: Bool = true) throws -> DealTask {
        try updateTask(id: id, with: TaskPatch(isDone: done), label: done ? "finish" : "reopen")
    }

    /// Changes a task's title or due date (nil leaves it).
    @discardableResult
    package func editTask(id: UUID, title: String? = nil, due: DueDate? = nil) throws -> DealTask {
        let name = title?.trimmingCharacters(in: .whitespacesAndNewlines)
        if name?.isEmpty == true { throw ServiceError.emptyText("a task's title") }
        return try updateTask(id: id, with: TaskPatch(title: name, due: due), label: "edit")
    }

    package func deleteTask(id: UUID) throws {
        guard let task = try store.task(id: id) else { throw ServiceError.noSuchTask(id.uuidString.lowercased()) }
        let account = try account(named: task.account)
        try commit(
            HistoryEntry(label: "delete task \(task.title)", steps: [.taskDeleted(task)]), account: account,
            now: clock())
    }

    private func updateTask(id: UUID, with patch: TaskPatch, label: String) throws -> DealTask {
        guard let current = try store.task(id: id) else { throw ServiceError.noSuchTask(id.uuidString.lowercased()) }
        let account = try account(named: current.account)
        let changed = current.applying(patch, now: current.updatedAt)
        // Only the fields that differ; the times are stamped at the commit (`HistoryEntry.Step.stamped`).
        var after = current.patch(to: changed)
        guard !after.isEmpty else { return current }
        after.updatedAt = nil
        after.completedAt = nil
        let now = clock()
        try commit(
            HistoryEntry(
                label: "\(label) task \(current.title)",
                steps: [.taskUpdated(id: id, before: changed.patch(to: current), after: after)]),
            account: account, now: now)
        return try store.task(id: id) ?? current.applying(after, now: now)
    }

    func account(named name: String) throws -> Account {
        guard let account = accounts.first(where: { $0.name == name }) else {
            throw ServiceError.noSuchAccount(name, known: accountNames)
        }
        return account
    }

    // MARK: Steps (called by `perform` and `withdraw` in Changes.swift)

    /// Carries out a note or task step with its outbox entry; returns the entry's id, nil when nothing is sent.
    func performActivity(_ step: HistoryEntry.Step, account: Account, writer: StoreWriter, now: Date) throws -> Int64? {
        switch step {
        case .noteAdded(var note):
            // A note taken back after it reached the provider, and added again, is new to the provider.
            note.remoteID = nil
            try writer.save(note)
            return try writer.enqueue(
                account: account.name, opportunityID: note.opportunityID, operation: .addNote(noteID: note.id), at: now)
        case .taskAdded(var task):
            task.remoteID = nil
            try writer.save(task)
            return try writer.enqueue(
                account: account.name, opportunityID: task.opportunityID, operation: .addTask(taskID: task.id), at: now)
        case .noteDeleted(let note):
            guard let current = try writer.note(id: note.id) else { return nil }
            guard try withdrawUndeliveredAdd(of: note.id, deal: note.opportunityID, what: "the note", writer: writer)
            else {
                try writer.deleteNote(id: note.id)
                guard let remoteID = current.remoteID else { return nil }
                return try writer.enqueue(
                    account: account.name, opportunityID: note.opportunityID,
                    operation: .deleteNote(noteID: note.id, remoteID: remoteID), at: now)
            }
            try writer.deleteNote(id: note.id)
            return nil
        case .taskDeleted(let task):
            guard let current = try writer.task(id: task.id) else { return nil }
            guard try withdrawUndeliveredAdd(of: task.id, deal: task.opportunityID, what: "the task", writer: writer)
            else {
                // Edits still waiting are moot once the task goes.
                for entry in try writer.outbox(opportunityID: task.opportunityID)
                where entry.operation.activityID == task.id && !inFlight.contains(entry.id) {
                    try writer.removeOutbox(id: entry.id)
                }
                try writer.deleteTask(id: task.id)
                guard let remoteID = current.remoteID else { return nil }
                return try writer.enqueue(
                    account: account.name, opportunityID: task.opportunityID,
                    operation: .deleteTask(taskID: task.id, remoteID: remoteID), at: now)
            }
            try writer.deleteTask(id: task.id)
            return nil
        case let .taskUpdated(id, _, after):
            guard let current = try writer.task(id: id) else {
                throw ServiceError.noSuchTask(id.uuidString.lowercased())
            }
            try writer.save(current.applying(after, now: now))
            return try writer.enqueue(
                account: account.name, opportunityID: current.opportunityID,
                operation: .updateTask(taskID: id, patch: after.unstamped), at: now)
        case .created, .deleted, .updated:
            return nil
        }
    }

    /// An add that never left: removed with every entry of its note or task (true). False when the provider has
    /// it. Throws when the add may be at the provider unconfirmed: without its id it cannot be taken back.
    private func withdrawUndeliveredAdd(of id: UUID, deal: UUID, what: String, writer: StoreWriter) throws -> Bool {
        let queued = try writer.outbox(opportunityID: deal).filter { $0.operation.activityID == id }
        guard
            let add = queued.first(where: {
                switch $0.operation {
                case .addNote, .addTask: return true
                default: return false
                }
            })
        else { return false }
        if inFlight.contains(add.id) || (add.state == .pending && add.maybeSent) {
            throw ServiceError.addUnconfirmed(what)
        }
        for entry in queued { try writer.removeOutbox(id: entry.id) }
        return true
    }

    /// Takes a note or task step back locally while its entry still waits; false when it must be undone by a
    /// compensating change instead.
    func withdrawActivity(_ step: HistoryEntry.Step, entry: OutboxEntry, writer: StoreWriter, now: Date) throws -> Bool
    {
        switch step {
        case let .taskUpdated(id, before, _):
            guard let current = try writer.task(id: id) else { return false }
            try writer.removeOutbox(id: entry.id)
            try writer.save(current.applying(before, now: now))
            return true
        case .noteDeleted(let note):
            guard try writer.note(id: note.id) == nil else { return false }
            try writer.removeOutbox(id: entry.id)
            try writer.save(note)
            return true
        case .taskDeleted(let task):
            guard try writer.task(id: task.id) == nil else { return false }
            try writer.removeOutbox(id: entry.id)
            try writer.save(task)
            return true
        default:
            return false
        }
    }
}

extension BoardService {
    /// The next step of each listed card that has one (for `list`), in a query per 500 cards.
    package func nextSteps(for ids: [UUID]) throws -> [UUID: NextStep] {
        try store.nextSteps(for: ids)
    }
}

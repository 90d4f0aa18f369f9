import Foundation
import GRDB
import PipeboardCore

/// Where an undelivered change stands. Delivered entries are removed, so there is no "done" state.
package enum OutboxState: String, Codable, Sendable, CaseIterable {
    /// Waiting to be sent (again, after `notBefore` when a retry is scheduled).
    case pending
    /// Refused by the provider; blocks the opportunity's later entries until the user retries or discards it.
    case failed
    /// The provider changed a field this change also touches (or deleted the record) since the base; blocks
    /// the opportunity's later entries until the user keeps theirs or takes the provider's.
    case conflict
}

/// What a conflicting change collided with.
package struct OutboxConflict: Hashable, Sendable {
    /// Fields changed both here and at the provider; empty when the provider deleted the record.
    package var fields: Set<OpportunityField>
    /// The provider's record when the conflict was found; nil when the provider deleted it.
    package var theirs: Opportunity?

    /// Set instead of the two above when a task's edit conflicts.
    package var task: TaskConflict?

    package init(fields: Set<OpportunityField>, theirs: Opportunity?) {
        self.fields = fields
        self.theirs = theirs
    }

    package init(task: TaskConflict) {
        self.fields = []
        self.theirs = nil
        self.task = task
    }

    package var deletedAtProvider: Bool { task.map { $0.theirs == nil } ?? (theirs == nil) }
}

/// What a task's conflicting edit collided with.
package struct TaskConflict: Hashable, Sendable {
    /// Fields changed both here and at the provider; empty when the provider deleted the task.
    package var fields: Set<TaskField>
    /// The provider's task when the conflict was found; nil when it deleted it.
    package var theirs: DealTask?

    package init(fields: Set<TaskField>, theirs: DealTask?) {
        self.fields = fields
        self.theirs = theirs
    }
}

/// A change waiting to reach the provider.
package enum OutboxOperation: Codable, Sendable, Hashable {
    /// Send the opportunity's current row.
    case create
    /// The absolute values of the changed fields, so a resend is harmless.
    case update(OpportunityPatch)
    /// The remote id is kept here because the row is gone by the time the delete is sent.
    case delete(remoteID: String?)
    /// Brings a deleted record back at the provider (undo of a delivered delete, where the provider keeps it).
    case restore(remoteID: String)
    /// Send the note's current row (the deal's entries keep notes and tasks in order with the deal's own changes,
    /// so a note on a new deal waits for the deal's create).
    case addNote(noteID: UUID)
    /// The remote id is kept here because the row is gone by the time the delete is sent.
    case deleteNote(noteID: UUID, remoteID: String?)
    case addTask(taskID: UUID)
    /// The absolute values of the changed fields, checked against the task's base before they are sent.
    case updateTask(taskID: UUID, patch: TaskPatch)
    case deleteTask(taskID: UUID, remoteID: String?)

    /// The note or task the entry is about; nil for the deal's own changes.
    package var activityID: UUID? {
        switch self {
        case .create, .update, .delete, .restore: return nil
        case .addNote(let id), .deleteNote(let id, _), .addTask(let id), .updateTask(let id, _), .deleteTask(let id, _):
            return id
        }
    }

    // Stored as JSON with an explicit kind, rather than Swift's synthesised enum coding, so the format on disk
    // is readable and does not change with the Swift compiler. The kinds are plain literals: a String enum of four
    // cases crashed when several threads encoded at once (Swift 6.3.1 on Linux, the store's concurrency test).
    private enum CodingKeys: String, CodingKey { case kind, patch, remoteID, noteID, taskID, taskPatch }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "create": self = .create
        case "update": self = .update(try container.decode(OpportunityPatch.self, forKey: .patch))
        case "delete": self = .delete(remoteID: try container.decodeIfPresent(String.self, forKey: .remoteID))
        case "restore": self = .restore(remoteID: try container.decode(String.self, forKey: .remoteID))
        case "addNote": self = .addNote(noteID: try container.decode(UUID.self, forKey: .noteID))
        case "deleteNote":
            self = .deleteNote(
                noteID: try container.decode(UUID.self, forKey: .noteID),
                remoteID: try container.decodeIfPresent(String.self, forKey: .remoteID))
        case "addTask": self = .addTask(taskID: try container.decode(UUID.self, forKey: .taskID))
        case "updateTask":
            self = .updateTask(
                taskID: try container.decode(UUID.self, forKey: .taskID),
                patch: try container.decode(TaskPatch.self, forKey: .taskPatch))
        case "deleteTask":
            self = .deleteTask(
                taskID: try container.decode(UUID.self, forKey: .taskID),
                remoteID: try container.decodeIfPresent(String.self, forKey: .remoteID))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown kind \(kind)")
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .create:
            try container.encode("create", forKey: .kind)
        case .update(let patch):
            try container.encode("update", forKey: .kind)
            try container.encode(patch, forKey: .patch)
        case .delete(let remoteID):
            try container.encode("delete", forKey: .kind)
            try container.encodeIfPresent(remoteID, forKey: .remoteID)
        case .restore(let remoteID):
            try container.encode("restore", forKey: .kind)
            try container.encode(remoteID, forKey: .remoteID)
        case .addNote(let id):
            try container.encode("addNote", forKey: .kind)
            try container.encode(id, forKey: .noteID)
        case .deleteNote(let id, let remoteID):
            try container.encode("deleteNote", forKey: .kind)
            try container.encode(id, forKey: .noteID)
            try container.encodeIfPresent(remoteID, forKey: .remoteID)
        case .addTask(let id):
            try container.encode("addTask", forKey: .kind)
            try container.encode(id, forKey: .taskID)
        case .updateTask(let id, let patch):
            try container.encode("updateTask", forKey: .kind)
            try container.encode(id, forKey: .taskID)
            try container.encode(patch, forKey: .taskPatch)
        case .deleteTask(let id, let remoteID):
            try container.encode("deleteTask", forKey: .kind)
            try container.encode(id, forKey: .taskID)
            try container.encodeIfPresent(remoteID, forKey: .remoteID)
        }
    }
}

/// One row of the outbox.
package struct OutboxEntry: Hashable, Sendable, Identifiable {
    /// Increases with every enqueue: the order of delivery.
    package var id: Int64
    package var account: String
    package var opportunityID: UUID
    package var operation: OutboxOperation
    package var state: OutboxState
    /// Sends tried so far.
    package var attempts: Int
    /// The provider's reason for the last failure or retry.
    package var lastError: String?
    package var createdAt: Date
    /// Not to be sent before this time (backoff, rate limits); nil sends at once.
    package var notBefore: Date?
    /// Set when `state` is `.conflict`.
    package var conflict: OutboxConflict?
    /// A send was started (and not known to have failed before reaching the provider): the provider may have
    /// applied it, so taking it back needs a compensating change rather than removing the entry.
    package var maybeSent: Bool = false
    /// A create the provider said it made without saying the new record's id, not found since: it is looked for,
    /// never sent again (`sent` = 2).
    package var madeNotFound: Bool = false

    package init(
        id: Int64, account: String, opportunityID: UUID, operation: OutboxOperation, state: OutboxState = .pending,
        attempts: Int = 0, lastError: String? = nil, createdAt: Date, notBefore: Date? = nil,
        conflict: OutboxConflict? = nil
    ) {
        self.conflict = conflict
        self.id = id
        self.account = account
        self.opportunityID = opportunityID
        self.operation = operation
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.createdAt = createdAt
        self.notBefore = notBefore
    }
}

/// Maps `OutboxEntry` to and from the `outbox` table.
enum OutboxRow {
    static let selection =
        "id, account, opportunity_id, operation, state, attempts, last_error, created_at, "
        + "not_before, conflict_fields, theirs, sent"

    static func encode(_ operation: OutboxOperation) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(operation), as: UTF8.self)
    }

    static func decode(_ row: Row) throws -> OutboxEntry {
        let id: Int64 = try row.checked("id")
        let opportunityText: String = try row.checked("opportunity_id")
        let stateText: String = try row.checked("state")
        let operationText: String = try row.checked("operation")
        guard let opportunityID = UUID(uuidString: opportunityText),
            let state = OutboxState(rawValue: stateText),
            let operation = try? JSONDecoder().decode(OutboxOperation.self, from: Data(operationText.utf8))
        else { throw StoreError.corrupt("outbox entry \(id)") }
        let notBefore: Double? = try row.checked("not_before")
        var conflict: OutboxConflict?
        if state == .conflict {
            let fieldsText: String? = try row.checked("conflict_fields")
            let theirsText: String? = try row.checked("theirs")
            guard
                let decoded =
                    if case .updateTask = operation {
                        decodeTaskConflict(fields: fieldsText, theirs: theirsText)
                    } else {
                        decodeCardConflict(fields: fieldsText, theirs: theirsText)
                    }
            else { throw StoreError.corrupt("outbox entry \(id)") }
            conflict = decoded
        }
        var entry = try OutboxEntry(
            id: id, account: row.checked("account"), opportunityID: opportunityID, operation: operation, state: state,
            attempts: row.checked("attempts"), lastError: row.checked("last_error"),
            createdAt: DateColumn.decode(row.checked("created_at")),
            notBefore: notBefore.map(DateColumn.decode), conflict: conflict)
        let sent: Int = try row.checked("sent")
        entry.maybeSent = sent != 0
        entry.madeNotFound = sent == 2
        return entry
    }

    /// A card's conflict: the fields as `OpportunityField` names, their record as a base is stored.
    private static func decodeCardConflict(fields: String?, theirs: String?) -> OutboxConflict? {
        guard let names = try? JSONDecoder().decode([OpportunityField].self, from: Data((fields ?? "[]").utf8))
        else { return nil }
        guard let theirs else { return OutboxConflict(fields: Set(names), theirs: nil) }
        guard let record = try? BaseRow.decoder.decode(Opportunity.self, from: Data(theirs.utf8)) else { return nil }
        return OutboxConflict(fields: Set(names), theirs: record)
    }

    /// A task's conflict: the fields as `TaskField` names, their task as a task's base is stored.
    private static func decodeTaskConflict(fields: String?, theirs: String?) -> OutboxConflict? {
        guard let names = try? JSONDecoder().decode([TaskField].self, from: Data((fields ?? "[]").utf8))
        else { return nil }
        guard let theirs else { return OutboxConflict(task: TaskConflict(fields: Set(names), theirs: nil)) }
        guard let task = try? BaseRow.decoder.decode(DealTask.self, from: Data(theirs.utf8)) else { return nil }
        return OutboxConflict(task: TaskConflict(fields: Set(names), theirs: task))
    }

    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [OutboxEntry] {
        var result: [OutboxEntry] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() { result.append(try decode(row)) }
        return result
    }
}

import Foundation
import PipeboardCore
import PipeboardStore

/// Discarding a note or task change, and settling a task's conflict: the counterparts of a card's (see
/// OutboxManagement.swift), with the same choices.
extension BoardService {
    func discardActivity(_ entry: OutboxEntry, writer: StoreWriter) throws -> String {
        let related = try writer.outbox(opportunityID: entry.opportunityID)
            .filter { $0.operation.activityID == entry.operation.activityID && !inFlight.contains($0.id) }
        // Sent, and no answer came back: the provider may have made it.
        let unanswered = entry.state == .pending && entry.maybeSent
        let provider = (try? account(entry.account))?.provider.displayName ?? entry.account
        switch entry.operation {
        case .addNote(let id):
            for other in related { try writer.removeOutbox(id: other.id) }
            try writer.deleteNote(id: id)
            if unanswered { return Self.discardedUnanswered("the note", provider: provider) }
            return "discarded: the note was never sent and is removed"
        case .addTask(let id):
            let title = try writer.task(id: id)?.title ?? "the task"
            for other in related { try writer.removeOutbox(id: other.id) }
            try writer.deleteTask(id: id)
            if unanswered { return Self.discardedUnanswered(title, provider: provider) }
            return "discarded: \(title) was never sent and is removed"
        case .deleteNote, .deleteTask:
            try writer.removeOutbox(id: entry.id)
            return "discarded the delete; the next sync brings it back"
        case .updateTask(let id, let patch):
            try writer.removeOutbox(id: entry.id)
            guard let task = try writer.task(id: id), let base = try writer.taskBase(id: id) else {
                return "discarded the change to a task"
            }
            let stillQueued = related.filter { $0.id != entry.id }.reduce(into: Set<TaskField>()) { fields, other in
                if case .updateTask(_, let later) = other.operation { fields.formUnion(later.fields) }
            }
            let restore = task.patch(to: base).only(patch.fields.subtracting(stillQueued))
            try writer.save(task.applying(restore, now: task.updatedAt))
            return "discarded the change to \(task.title); it shows the provider's values again"
        case .create, .update, .delete, .restore:
            return "nothing to discard"
        }
    }

    /// What a discarded add that was sent without an answer says: it may be at the provider all the same.
    static func discardedUnanswered(_ what: String, provider: String) -> String {
        "discarded here: \(what) may already be at \(provider), whose answer to it never came back "
            + "(delete it there if unwanted)"
    }

    /// Mine: my edit is sent over the provider's (a task deleted there is added again). Theirs: my edit to the
    /// fields at stake is dropped and the task takes the provider's values (one deleted there goes here too).
    func resolveTaskConflict(
        _ entry: OutboxEntry, _ conflict: TaskConflict, choice: ConflictChoice, writer: StoreWriter
    )
        throws -> String
    {
        guard case .updateTask(let id, let patch) = entry.operation else { throw ServiceError.notAConflict(entry.id) }
        let task = try writer.task(id: id)
        switch (choice, conflict.theirs) {
        case (.mine, nil):
            guard var task else { try writer.removeOutbox(id: entry.id); return "the task is gone here too" }
            task.remoteID = nil
            try writer.save(task)
            try writer.replaceOperation(entry.id, with: .addTask(taskID: id))
            return "kept mine: \(task.title) will be added again at the provider"
        case (.mine, let theirs?):
            try writer.saveTaskBase(theirs)
            try writer.retry(entry.id)
            return "kept mine: \(task?.title ?? theirs.title) will be sent over the provider's change"
        case (.theirs, nil):
            for other in try writer.outbox(opportunityID: entry.opportunityID) where other.operation.activityID == id {
                try writer.removeOutbox(id: other.id)
            }
            try writer.deleteTask(id: id)
            return "took theirs: \(task?.title ?? "the task") was deleted at the provider and is removed here"
        case (.theirs, let theirs?):
            let kept = patch.only(patch.fields.subtracting(conflict.fields))
            if kept.isEmpty {
                try writer.removeOutbox(id: entry.id)
            } else {
                try writer.replaceOperation(entry.id, with: .updateTask(taskID: id, patch: kept))
            }
            if let task {
                try writer.save(task.applying(task.patch(to: theirs).only(conflict.fields), now: task.updatedAt))
            }
            try writer.saveTaskBase(theirs)
            let names = conflict.fields.map(\.label).sorted().joined(separator: ", ")
            return "took theirs: \(theirs.title) now has the provider's \(names)"
        }
    }

    static func taskDetail(_ conflict: TaskConflict, mine: DealTask?) -> ConflictDetail {
        let fields = conflict.fields.isEmpty ? Set(TaskField.allCases) : conflict.fields
        let rows = TaskField.allCases.filter(fields.contains).map { field in
            ConflictDetail.Row(
                field: "task " + field.label, mine: mine.map { text(of: field, in: $0) } ?? "(deleted here)",
                theirs: conflict.theirs.map { text(of: field, in: $0) } ?? "(deleted)")
        }
        return ConflictDetail(rows: rows, deletedAtProvider: conflict.theirs == nil)
    }

    private static func text(of field: TaskField, in task: DealTask) -> String {
        switch field {
        case .title: return task.title
        case .due: return task.due?.description ?? "—"
        case .done: return task.isDone ? "done" : "open"
        }
    }
}

import Foundation
import PipeboardCore
import PipeboardStore

/// What the cache learns when a note or task change reaches the provider.
enum ActivityDelivered {
    /// Nothing (a delete, or a change whose note or task is gone here).
    case nothing
    /// The provider's id of a note just added.
    case note(id: UUID, remoteID: String)
    /// The provider's id of a task just added (nil: kept), and the task as the provider now has it, with its
    /// update time where the provider's answer shows the task moved on with the change (`version`).
    case task(id: UUID, remoteID: String?, base: DealTask?, version: Date? = nil)

    /// The provider's update time of the task with the change, where known (see `mergePulledActivity`).
    var version: Date? {
        guard case .task(_, _, _, let version) = self else { return nil }
        return version
    }
}

/// Delivery of notes and tasks: each goes to the provider with the deal it belongs to (as cached, or as last read
/// from the provider when the deal was deleted here since). A task's edit is checked first against the
/// provider's current task, as a card's edit is.
extension BoardService {
    func sendActivity(_ entry: OutboxEntry, account: Account) async throws -> Sent {
        let deal = try store.opportunity(id: entry.opportunityID) ?? store.base(opportunityID: entry.opportunityID)
        let provider = account.provider
        switch entry.operation {
        case .addNote(let id):
            guard let note = try store.note(id: id) else { return .activity(.nothing) }
            let added = try await provider.addNote(note, to: try delivered(deal)).sanitized
            return .activity(.note(id: id, remoteID: added.remoteID))
        case .addTask(let id):
            guard let task = try store.task(id: id) else { return .activity(.nothing) }
            let added = try await provider.addTask(task, to: try delivered(deal)).sanitized
            let base = added.task(account: account.name, opportunityID: task.opportunityID, existing: task)
            return .activity(.task(id: id, remoteID: added.remoteID, base: base))
        case .deleteNote(_, let remoteID), .deleteTask(_, let remoteID):
            guard let remoteID, let deal else { return .activity(.nothing) }
            do {
                if case .deleteNote = entry.operation {
                    try await provider.deleteNote(remoteID: remoteID, of: deal)
                } else {
                    try await provider.deleteTask(remoteID: remoteID, of: deal)
                }
            } catch ProviderError.notFound {
                // Already gone at the provider: the goal of the change is reached.
            }
            return .activity(.nothing)
        case .updateTask(let id, let patch):
            guard let task = try store.task(id: id), let remoteID = task.remoteID else { return .activity(.nothing) }
            let deal = try delivered(deal)
            let base = try store.write { try $0.taskBase(id: id) }
            var theirs: DealTask?
            do {
                guard let fetched = try await provider.task(remoteID: remoteID, of: deal)?.sanitized else {
                    return .conflict(OutboxConflict(task: TaskConflict(fields: [], theirs: nil)))
                }
                theirs = fetched.task(account: account.name, opportunityID: task.opportunityID, existing: task)
            } catch ProviderError.unsupported {
                // No way to read the task: send as it is, absolute values.
            }
            if let theirs, let base {
                let clashing = patch.conflicts(base: base, theirs: theirs)
                if !clashing.isEmpty {
                    return .conflict(OutboxConflict(task: TaskConflict(fields: clashing, theirs: theirs)))
                }
            }
            let answer: RemoteTask?
            do {
                answer = try await provider.updateTask(remoteID: remoteID, patch: patch, current: task, of: deal)?
                    .sanitized
            } catch ProviderError.notFound {
                return .conflict(OutboxConflict(task: TaskConflict(fields: [], theirs: nil)))
            }
            let now = clock()
            let newBase =
                answer.map { $0.task(account: account.name, opportunityID: task.opportunityID, existing: task) }
                ?? (theirs ?? base).map { $0.applying(patch, now: now) }
            // As for a deal's update (`version(_:checkedAgainst:)`): only a time that moved on tells versions apart.
            let version = answer.flatMap { answer in
                theirs.flatMap { answer.updatedAt > $0.updatedAt ? answer.updatedAt : nil }
            }
            return .activity(.task(id: id, remoteID: nil, base: newBase, version: version))
        case .create, .update, .delete, .restore:
            return .activity(.nothing)
        }
    }

    /// The deal as the provider knows it; a deal it does not have yet cannot carry a note or task there.
    private func delivered(_ deal: Opportunity?) throws -> Opportunity {
        guard let deal, deal.remoteID != nil else {
            throw ServiceError.notOffered(.rejected(status: 0, message: "the deal is not at the provider"))
        }
        return deal
    }

    /// Records the answer in the cache, in the delivery's transaction.
    static func record(_ result: ActivityDelivered, writer: StoreWriter) throws {
        switch result {
        case .nothing: return
        case let .note(id, remoteID):
            guard var note = try writer.note(id: id) else { return }
            note.remoteID = remoteID
            try writer.save(note)
        case let .task(id, remoteID, base, _):
            guard var task = try writer.task(id: id) else { return }
            if let remoteID {
                task.remoteID = remoteID
                try writer.save(task)
            }
            if var base {
                base.id = id
                base.remoteID = task.remoteID
                try writer.saveTaskBase(base)
            }
        }
    }
}

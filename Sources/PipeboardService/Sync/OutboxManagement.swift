import Foundation
import PipeboardCore
import PipeboardStore

/// What the user can see and do with undelivered changes: the list (`o`, `pipeboard outbox`), retry, discard,
/// and settling a conflict by keeping theirs or mine.
extension BoardService {
    /// Pending, failed and conflicting changes of one account (nil: every account), oldest first.
    package func outboxItems(account name: String?) throws -> [OutboxItem] {
        let accountName = try name.map { try account($0).name }
        let entries = try store.outbox(account: accountName, states: [])
        let paused = try attentionByAccount()
        var stageNames: [String: [String: String]] = [:]
        return try entries.map { entry in
            if stageNames[entry.account] == nil {
                stageNames[entry.account] = Dictionary(
                    try store.pipelines(account: entry.account).flatMap { $0.stages.map { ($0.id, $0.name) } },
                    uniquingKeysWith: { first, _ in first })
            }
            let names = stageNames[entry.account] ?? [:]
            let card = try store.opportunity(id: entry.opportunityID)
            let base = try store.base(opportunityID: entry.opportunityID)
            var state: OutboxItem.State
            switch entry.state {
            case .pending: state = paused[entry.account] != nil ? .paused : .pending
            case .failed: state = .failed
            case .conflict: state = .conflict
            }
            var reason = entry.lastError
            if state == .paused { reason = paused[entry.account]?.description }
            return OutboxItem(
                id: entry.id, account: entry.account, opportunityID: entry.opportunityID,
                cardName: card?.name ?? base?.name ?? "(deleted card)",
                summary: Self.summary(entry.operation, stages: names),
                state: state, reason: reason, attempts: entry.attempts,
                nextTry: entry.state == .pending ? entry.notBefore : nil,
                conflict: try entry.conflict.map { conflict in
                    guard let task = conflict.task else {
                        return Self.detail(conflict, entry: entry, mine: card, stages: names)
                    }
                    return Self.taskDetail(
                        task, mine: try entry.operation.activityID.flatMap { try store.task(id: $0) })
                },
                attention: state == .paused ? paused[entry.account] : nil)
        }
    }

    /// Sends a failed, conflicting or waiting change again at once (a conflict is checked afresh). Lifts the
    /// pause of its account.
    package func retryOutbox(id: Int64) throws {
        let entry = try outboxEntry(id)
        try store.write { writer in
            try writer.retry(entry.id)
            try writer.setSetting(Setting.attention(entry.account), nil)
        }
    }

    /// Retries every failed or conflicting change of one account (nil: all) and lifts the pauses; returns how many.
    @discardableResult
    package func retryAll(account name: String?) throws -> Int {
        let accountName = try name.map { try account($0).name }
        let entries = try store.outbox(account: accountName, states: [])
        try store.write { writer in for entry in entries { try writer.retry(entry.id) } }
        try resume(account: accountName)
        return entries.count
    }

    /// Drops a change that will not be sent. The card goes back to what the provider has: a discarded create
    /// removes the card, a discarded edit restores the fields from the base, a discarded delete restores the card.
    /// Returns a line saying what happened.
    @discardableResult
    package func discardOutbox(id: Int64) throws -> String {
        let entry = try outboxEntry(id)
        guard !inFlight.contains(entry.id) else { throw ServiceError.outboxBusy(id) }
        return try store.write { writer in
            let card = try writer.opportunity(id: entry.opportunityID)
            let base = try writer.base(opportunityID: entry.opportunityID)
            switch entry.operation {
            case .create:
                try writer.removeOutbox(opportunityID: entry.opportunityID)
                try writer.delete(id: entry.opportunityID, recording: ChangeSource(.local, at: clock()))
                try writer.removeBase(opportunityID: entry.opportunityID)
                let name = card?.name ?? "the new card"
                let provider = (try? account(entry.account))?.provider.displayName ?? entry.account
                // Made there, only not found yet: a pull lists it once the provider does.
                if entry.madeNotFound {
                    return
                        "discarded here: \(name) may already be at \(provider), which made it without saying its id; "
                        + "the next sync brings it back once \(provider) lists it (delete it there if unwanted)"
                }
                // Sent, and no answer came back: the provider may have made it, and a pull would list it.
                if entry.state == .pending && entry.maybeSent {
                    return
                        "discarded here: \(name) may already be at \(provider), whose answer to it never came back; "
                        + "if it was made, the next sync brings it back (delete it there if unwanted)"
                }
                return "discarded: \(name) was never sent and is removed"
            case .update(let patch):
                try writer.removeOutbox(id: entry.id)
                guard let card, let base else { return "discarded the change to \(card?.name ?? "a card")" }
                let stillQueued = try writer.outbox(opportunityID: card.id).reduce(into: Set<OpportunityField>()) {
                    fields, other in
                    if case .update(let later) = other.operation { fields.formUnion(later.fields) }
                }
                let restore = OpportunityPatch.capturing(
                    patch.fields.subtracting(stillQueued).subtracting([.rank]), of: base)
                try writer.update(restore.applied(to: card), recording: ChangeSource(.local, at: clock()))
                return "discarded the change to \(card.name); it shows the provider's values again"
            case .delete:
                try writer.removeOutbox(id: entry.id)
                if card == nil, let base { try writer.insert(base, recording: ChangeSource(.local, at: clock())) }
                return "discarded the delete of \(base?.name ?? "a card")"
                    + (base == nil ? "; the next sync brings it back" : "; it is back")
            case .addNote, .deleteNote, .addTask, .updateTask, .deleteTask:
                return try discardActivity(entry, writer: writer)
            case .restore:
                // The record stays deleted at the provider, so the card goes too.
                try writer.removeOutbox(opportunityID: entry.opportunityID)
                try writer.delete(id: entry.opportunityID, recording: ChangeSource(.local, at: clock()))
                try writer.removeBase(opportunityID: entry.opportunityID)
                let name = card?.name ?? "the card"
                return "discarded the restore: \(name) stays deleted at the provider and is removed here"
            }
        }
    }

    /// Settles a conflict. Mine: my change is sent over the provider's (a record deleted at the provider is
    /// created again). Theirs: my change to the fields at stake is dropped and the card takes the provider's
    /// values (a record deleted at the provider is removed here too). Returns a line saying what happened.
    @discardableResult
    package func resolveConflict(id: Int64, choice: ConflictChoice) throws -> String {
        let entry = try outboxEntry(id)
        guard entry.state == .conflict, let conflict = entry.conflict else { throw ServiceError.notAConflict(id) }
        if let task = conflict.task {
            return try store.write { try resolveTaskConflict(entry, task, choice: choice, writer: $0) }
        }
        return try store.write { writer in
            let card = try writer.opportunity(id: entry.opportunityID)
            switch (choice, conflict.theirs) {
            case (.mine, nil):
                guard var card else {
                    try writer.removeOutbox(id: entry.id); return "the card is gone here too; nothing to keep"
                }
                card.remoteID = nil
                try writer.update(card)
                try writer.removeBase(opportunityID: card.id)
                try writer.replaceOperation(entry.id, with: .create)
                return "kept mine: \(card.name) will be created again at the provider"
            case (.mine, let theirs?):
                // Their version becomes the base, so the check before sending passes unless they change it again.
                try writer.saveBase(theirs)
                try writer.retry(entry.id)
                return "kept mine: \(card?.name ?? theirs.name) will be sent over the provider's change"
            case (.theirs, nil):
                try writer.removeOutbox(opportunityID: entry.opportunityID)
                try writer.delete(id: entry.opportunityID, recording: ChangeSource(.provider, at: clock()))
                try writer.removeBase(opportunityID: entry.opportunityID)
                return "took theirs: \(card?.name ?? "the card") was deleted at the provider and is removed here"
            case (.theirs, let theirs?):
                for other in try writer.outbox(opportunityID: entry.opportunityID) {
                    guard case .update(let patch) = other.operation else { continue }
                    let kept = patch.only(patch.fields.subtracting(conflict.fields))
                    if kept.isEmpty {
                        try writer.removeOutbox(id: other.id)
                    } else if other.id == entry.id || patch != kept {
                        try writer.replaceOperation(other.id, with: .update(kept))
                    }
                }
                if let card {
                    try writer.update(
                        OpportunityPatch.capturing(conflict.fields, of: theirs).applied(to: card),
                        recording: ChangeSource(.provider, at: clock()))
                }
                try writer.saveBase(theirs)
                return
                    "took theirs: \(card?.name ?? theirs.name) now has the provider's "
                    + "\(conflict.fields.map(\.label).sorted().joined(separator: ", "))"
            }
        }
    }

    private func outboxEntry(_ id: Int64) throws -> OutboxEntry {
        guard let entry = try store.outboxEntry(id: id) else { throw ServiceError.noSuchOutboxEntry(id) }
        return entry
    }

    /// "create", "delete", "move to Proposal", "mark won", "edit name, value".
    static func summary(_ operation: OutboxOperation, stages: [String: String]) -> String {
        switch operation {
        case .create: return "create"
        case .delete: return "delete"
        case .restore: return "restore"
        case .addNote: return "add note"
        case .deleteNote: return "delete note"
        case .addTask: return "add task"
        case .deleteTask: return "delete task"
        case .updateTask(_, let patch):
            if patch.fields == [.done] { return patch.isDone == true ? "mark task done" : "reopen task" }
            return "edit task " + TaskField.allCases.filter(patch.fields.contains).map(\.label).joined(separator: ", ")
        case .update(let patch):
            var parts: [String] = []
            if let stageID = patch.stageID { parts.append("move to \(stages[stageID] ?? stageID)") }
            if let status = patch.status { parts.append("mark \(status.rawValue)") }
            let others = patch.fields.subtracting([.stage, .status])
            if !others.isEmpty {
                parts.append(
                    "edit " + OpportunityField.allCases.filter(others.contains).map(\.label).joined(separator: ", "))
            }
            return parts.joined(separator: "; ")
        }
    }

    static func detail(_ conflict: OutboxConflict, entry: OutboxEntry, mine: Opportunity?, stages: [String: String])
        -> ConflictDetail
    {
        var fields = conflict.fields
        if conflict.deletedAtProvider, case .update(let patch) = entry.operation {
            fields = patch.fields.subtracting([.rank])
        }
        let rows = OpportunityField.allCases.filter(fields.contains).map { field in
            ConflictDetail.Row(
                field: field.label,
                mine: mine.map { FieldText.of(field, in: $0, stages: stages) } ?? "(deleted here)",
                theirs: conflict.theirs.map { FieldText.of(field, in: $0, stages: stages) } ?? "(deleted)")
        }
        return ConflictDetail(rows: rows, deletedAtProvider: conflict.deletedAtProvider)
    }
}

/// One field of a card as text, for the conflict view.
enum FieldText {
    static func of(_ field: OpportunityField, in card: Opportunity, stages: [String: String]) -> String {
        let none = "—"
        switch field {
        case .name: return card.name
        case .stage: return stages[card.stageID] ?? card.stageID
        case .rank: return String(card.rank)
        case .value: return card.value?.formatted ?? none
        case .status: return card.status.rawValue
        case .providerStatus: return card.providerStatus ?? none
        case .contact: return card.contactName ?? none
        case .company: return card.companyName ?? none
        case .email: return card.email ?? none
        case .phone: return card.phone ?? none
        case .owner: return card.owner ?? none
        case .closeDate: return card.closeDate ?? none
        case .source: return card.source ?? none
        case .probability: return card.probability.map { String(format: "%g%%", $0 * 100) } ?? none
        case .tags: return card.tags.isEmpty ? none : card.tags.joined(separator: ", ")
        case .customFields:
            return card.customFields.isEmpty
                ? none
                : card.customFields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        }
    }
}

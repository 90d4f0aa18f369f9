import Foundation
import PipeboardCore
import PipeboardStore

/// User changes: each one is checked against the provider's capabilities, then written with its outbox entry
/// and its undo step in one transaction.
extension BoardService {
    package func create(account name: String?, pipeline pipelineText: String?, input: [String: String]) throws
        -> Opportunity
    {
        let account = try account(name)
        try require(.create, of: account)
        let pipeline = try pipeline(account: account.name, matching: pipelineText)
        var fields = input
        if fields["stage"]?.nilIfBlank == nil, let first = pipeline.stages.first { fields["stage"] = first.id }
        let patch = try checked(
            FieldInput.patch(
                from: fields, pipeline: pipeline, specs: account.provider.formFields(for: pipeline),
                defaultCurrency: account.config.defaultCurrency))
        let now = clock()
        let stageID = patch.stageID ?? pipeline.stages[0].id
        let top =
            try store.rankBounds(account: account.name, pipelineID: pipeline.id, stageID: stageID)?.lowerBound ?? 1
        var opportunity = Opportunity(
            account: account.name, pipelineID: pipeline.id, stageID: stageID, rank: top - 1,
            name: patch.name ?? "", createdAt: now)
        opportunity = patch.applied(to: opportunity)
        try commit(
            HistoryEntry(label: "add \(opportunity.name)", steps: [.created(opportunity)]), account: account, now: now)
        return opportunity
    }

    package func edit(id: UUID, input: [String: String]) throws -> Opportunity {
        let current = try existing(id)
        let account = try account(of: current)
        let pipeline = try pipeline(account: account.name, matching: current.pipelineID)
        var patch = try checked(
            FieldInput.patch(
                from: input, pipeline: pipeline,
                specs: account.provider.formFields(for: pipeline),
                defaultCurrency: account.config.defaultCurrency, current: current))
        // A move in the form is a move: a closing stage gives its status, unless the form changes the status too.
        var closing: OpportunityStatus?
        if let stageID = patch.stageID, stageID != current.stageID,
            let stage = pipeline.stages.first(where: { $0.id == stageID })
        {
            closing = movePatch(current, to: stage, in: pipeline, rank: current.rank, account: account).status
            if let closing, patch.status == nil || patch.status == current.status { patch.status = closing }
        }
        if let status = patch.status, status != current.status, status != closing {
            try require(.setStatus, of: account)
        }
        return try update(current, with: patch, label: "edit \(current.name)", account: account)
    }

    /// Moves a card to the top of another stage, named by id or name.
    public func move(id: UUID, toStage stageText: String) throws -> Opportunity {
        let current = try existing(id)
        let account = try account(of: current)
        let pipeline = try pipeline(account: account.name, matching: current.pipelineID)
        guard let stage = pipeline.stage(matching: stageText) else {
            throw ServiceError.noSuchStage(stageText, known: pipeline.stages.map(\.name))
        }
        guard stage.id != current.stageID else { return current }
        let top =
            try store.rankBounds(account: account.name, pipelineID: pipeline.id, stageID: stage.id)?.lowerBound ?? 1
        return try update(
            current, with: movePatch(current, to: stage, in: pipeline, rank: top - 1, account: account),
            label: "move \(current.name) to \(stage.name)", account: account)
    }

    /// A move to the top of `stage`, with the status a closing stage gives (`won_stages`, `lost_stages`), or open
    /// again when the card leaves the closing stage whose status it has: one change, one undo step.
    func movePatch(
        _ current: Opportunity, to stage: Stage, in pipeline: Pipeline, rank: Int64,
        account: Account
    ) -> OpportunityPatch {
        let from = pipeline.stages.first { $0.id == current.stageID }
        return OpportunityPatch(
            stageID: stage.id, rank: rank,
            status: account.config.closingStages.statusChange(for: current, from: from, to: stage))
    }

    /// Swaps a card with its neighbour above (-1) or below (+1) in its stage; at either end nothing changes.
    /// With a filter (and statuses), the neighbour is the next card the board shows, not a hidden one.
    package func reorder(id: UUID, offset: Int, statuses: Set<OpportunityStatus> = [], filter: BoardFilter = .none)
        throws
    {
        let current = try existing(id)
        let account = try account(of: current)
        guard
            let neighbour = try store.neighbor(
                of: current, offset: offset, statuses: statuses, filter: filter, now: clock())
        else { return }
        // Equal ranks cannot be swapped into an order; nudge past the neighbour instead.
        let (mine, theirs) =
            current.rank == neighbour.rank
            ? (neighbour.rank + Int64(offset.signum()), neighbour.rank) : (neighbour.rank, current.rank)
        let steps: [HistoryEntry.Step] = [
            .updated(
                id: current.id, before: OpportunityPatch(rank: mine).inverse(restoring: current),
                after: OpportunityPatch(rank: mine)),
            .updated(
                id: neighbour.id, before: OpportunityPatch(rank: theirs).inverse(restoring: neighbour),
                after: OpportunityPatch(rank: theirs)),
        ]
        try commit(HistoryEntry(label: "reorder \(current.name)", steps: steps), account: account, now: clock())
    }

    /// A lost reason is kept where the provider keeps one (see `statusPatch`) and ignored elsewhere.
    package func setStatus(id: UUID, _ status: OpportunityStatus, lostReason: String? = nil) throws -> Opportunity {
        let current = try existing(id)
        let account = try account(of: current)
        return try update(
            current, with: statusPatch(for: current, status, lostReason: lostReason, account: account),
            label: "mark \(current.name) \(status.rawValue)", account: account)
    }

    /// The status change, plus the reason when the deal is marked lost: as the custom field `lost_reason` where
    /// the provider keeps typed reasons; where it keeps a list, the id of the one named (`lost_reason_id`, which
    /// the provider's client sends), from the list `lostReasons(account:)` read last.
    func statusPatch(
        for current: Opportunity, _ status: OpportunityStatus, lostReason: String?,
        account: Account
    ) throws -> OpportunityPatch {
        var patch = OpportunityPatch(status: status)
        let capabilities = account.provider.capabilities
        // Reopened, a deal is no longer lost for any reason (undo brings the reason back).
        if status == .open, capabilities.contains(.lostReason), capabilities.contains(.update),
            current.customFields[Self.lostReasonField] != nil
        {
            patch.customFields = current.customFields.filter { $0.key != Self.lostReasonField }
        }
        guard status == .lost, let reason = lostReason?.nilIfBlank, capabilities.contains(.update) else { return patch }
        if capabilities.contains(.lostReasonList) {
            let known = lostReasonLists[account.name] ?? []
            guard let chosen = LostReason.matching(reason, in: known) else {
                throw ServiceError.noSuchLostReason(reason, known: known.map(\.name))
            }
            patch.customFields = current.customFields.merging([Self.lostReasonIDField: chosen.id]) { _, new in new }
        } else if capabilities.contains(.lostReason) {
            patch.customFields = current.customFields.merging([Self.lostReasonField: reason]) { _, new in new }
        }
        return patch
    }

    /// The custom field that holds why a deal was lost.
    package static let lostReasonField = "lost_reason"
    /// The custom field that holds the id of the provider's lost reason (HighLevel's `lostReasonId`).
    package static let lostReasonIDField = "lost_reason_id"

    /// The account's lost reasons as its provider lists them now (none where it keeps no list); kept, so that a
    /// status change can name one.
    package func lostReasons(account name: String?) async throws -> [LostReason] {
        let account = try account(name)
        guard account.provider.capabilities.contains(.lostReasonList) else { return [] }
        let reasons = try await account.provider.lostReasons()
            .map { LostReason(id: $0.id, name: ProviderText.clean($0.name)) }
        lostReasonLists[account.name] = reasons
        return reasons
    }

    @discardableResult
    package func delete(id: UUID) throws -> Opportunity {
        let current = try existing(id)
        let account = try account(of: current)
        try commit(
            HistoryEntry(label: "delete \(current.name)", steps: [.deleted(current)]), account: account, now: clock())
        return current
    }

    /// Takes back the newest change; returns what was undone. A step whose change has not reached the provider
    /// is withdrawn from the outbox; one that has (or may have) is undone by a compensating change, sent through
    /// the outbox like any other.
    @discardableResult
    package func undo() throws -> String { try undoing().label }

    /// Undoes the newest change, as `undo`, and says which cards it brought back (a delete taken back).
    package func undoing() throws -> HistoryOutcome {
        let now = clock()
        return try store.write { writer in
            guard let record = try writer.popUndo() else { throw ServiceError.nothingToUndo }
            let entry = try HistoryEntry(record)
            for index in entry.steps.indices.reversed() {
                let step = entry.steps[index]
                let account = try account(for: step.inverse, writer: writer)
                if let queued = entry.queued, index < queued.count, let id = queued[index],
                    let waiting = try writer.outboxEntry(id: id), canWithdraw(waiting),
                    try withdraw(step, entry: waiting, account: account, writer: writer, now: now)
                {
                    continue
                }
                try requireAll(for: step.inverse, account: account)
                try perform(step.inverse, account: account, writer: writer, now: now, origin: .undo)
            }
            return HistoryOutcome(label: entry.label, broughtBack: entry.steps.compactMap(\.deletedID))
        }
    }

    /// Not being sent right now, and either never sent or known not to have been applied (refused, in conflict).
    private func canWithdraw(_ entry: OutboxEntry) -> Bool {
        !inFlight.contains(entry.id) && (entry.state != .pending || !entry.maybeSent)
    }

    /// Takes a step back locally and removes its undelivered outbox entry. Returns false when the step must be
    /// undone by a compensating change instead.
    private func withdraw(
        _ step: HistoryEntry.Step, entry: OutboxEntry, account: Account, writer: StoreWriter, now: Date
    ) throws -> Bool {
        switch step {
        case let .updated(id, before, _):
            guard let current = try writer.opportunity(id: id) else { return false }
            try writer.removeOutbox(id: entry.id)
            try writer.update(current.applying(before, at: now), recording: ChangeSource(.undo, at: now))
            return true
        case .deleted(let opportunity):
            guard try writer.opportunity(id: opportunity.id) == nil else { return false }
            try writer.removeOutbox(id: entry.id)
            try writer.insert(opportunity, recording: ChangeSource(.undo, at: now))
            // Changes that were waiting when the card was deleted went with it: queue what still differs from
            // the provider's version, as absolute values.
            if let base = try writer.base(opportunityID: opportunity.id) {
                let differing = OpportunityPatch.capturing(
                    Set(OpportunityField.allCases).subtracting([.rank]), of: opportunity
                )
                .changes(from: base)
                if !differing.isEmpty {
                    try writer.enqueue(
                        account: account.name, opportunityID: opportunity.id, operation: .update(differing), at: now)
                }
            }
            return true
        case .created, .noteAdded, .taskAdded:
            return false
        case .noteDeleted, .taskDeleted, .taskUpdated:
            return try withdrawActivity(step, entry: entry, writer: writer, now: now)
        }
    }

    /// Does again the change undone last; returns what was redone. The entry then records the outbox entries
    /// the redo queued, so that undoing it again can withdraw them while they wait.
    @discardableResult
    package func redo() throws -> String { try redoing().label }

    /// Redoes the change undone last, as `redo`, and says which cards it brought back (an add made again).
    package func redoing() throws -> HistoryOutcome {
        let now = clock()
        return try store.write { writer in
            guard let record = try writer.popRedo() else { throw ServiceError.nothingToRedo }
            var entry = try HistoryEntry(record)
            var queued: [Int64?] = []
            for step in entry.steps {
                let account = try account(for: step, writer: writer)
                try requireAll(for: step, account: account)
                queued.append(try perform(step, account: account, writer: writer, now: now, origin: .redo))
            }
            entry.queued = queued
            if let id = record.id { try writer.replaceHistoryPayload(id: id, with: try entry.record().payload) }
            return HistoryOutcome(label: entry.label, broughtBack: entry.steps.compactMap(\.createdID))
        }
    }

    // MARK: Internals

    private func update(_ current: Opportunity, with patch: OpportunityPatch, label: String, account: Account) throws
        -> Opportunity
    {
        let change = patch.changes(from: current)
        guard !change.isEmpty else { return current }
        let now = clock()
        try commit(
            HistoryEntry(
                label: label,
                steps: [.updated(id: current.id, before: change.inverse(restoring: current), after: change)]),
            account: account, now: now)
        return current.applying(change, at: now)
    }

    /// Writes the steps, their outbox entries and the undo entry together. Each change is stamped with the commit's
    /// time, so that a redo puts back the times it set, as an undo puts back the times before it.
    func commit(_ entry: HistoryEntry, account: Account, now: Date) throws {
        for step in entry.steps { try requireAll(for: step, account: account) }
        try store.write { writer in
            var recorded = entry
            recorded.steps = entry.steps.map { $0.stamped(at: now) }
            recorded.queued = try recorded.steps.map {
                try perform($0, account: account, writer: writer, now: now, origin: .local)
            }
            try writer.pushHistory(try recorded.record(), limit: HistoryEntry.depth)
        }
    }

    /// Carries out one step with its outbox entry and the deal's history; returns the entry's id, nil when nothing is
    /// to be sent.
    @discardableResult
    func perform(
        _ step: HistoryEntry.Step, account: Account, writer: StoreWriter, now: Date, origin: ChangeOrigin = .local
    ) throws -> Int64? {
        switch step {
        case .created(var opportunity):
            // A deleted record the provider keeps is restored: the same record, not a copy.
            // A card put back by undo or redo is its return in the deal's history; a new one is its creation time.
            let returning = origin == .local ? nil : ChangeSource(origin, at: now)
            if let remoteID = opportunity.remoteID, account.provider.capabilities.contains(.restore) {
                try writer.insert(opportunity, recording: returning)
                return try writer.enqueue(
                    account: account.name, opportunityID: opportunity.id,
                    operation: .restore(remoteID: remoteID), at: now)
            }
            // Elsewhere a record taken back and made again is new to the provider.
            opportunity.remoteID = nil
            try writer.insert(opportunity, recording: returning)
            return try writer.enqueue(account: account.name, opportunityID: opportunity.id, operation: .create, at: now)
        case .deleted(let opportunity):
            guard let current = try writer.opportunity(id: opportunity.id) else { return nil }
            let queued = try writer.outbox(opportunityID: current.id)
            // A create that may have reached the provider cannot be taken back without its id: wait for the answer.
            if let create = queued.first(where: { $0.operation == .create }),
                inFlight.contains(create.id) || (create.state == .pending && create.maybeSent)
            {
                throw ServiceError.createUnconfirmed(current.name)
            }
            let undelivered = queued.contains { $0.operation == .create }
            try writer.removeOutbox(opportunityID: current.id)
            try writer.delete(id: current.id, recording: ChangeSource(origin, at: now))
            if !undelivered, let remoteID = current.remoteID {
                return try writer.enqueue(
                    account: account.name, opportunityID: current.id, operation: .delete(remoteID: remoteID), at: now)
            }
            return nil
        case let .updated(id, _, after):
            guard let current = try writer.opportunity(id: id) else {
                throw ServiceError.noSuchOpportunity(id.uuidString.lowercased())
            }
            let changed = current.applying(after, at: now)
            try writer.update(changed, recording: ChangeSource(origin, at: now))
            try resend(refusedOf: id, now: changed, writer: writer)
            // Order within a stage stays local where the provider keeps none, and so does a status that a closing
            // stage gave where the provider's status cannot be set (its stage says it).
            var outgoing = (account.provider.capabilities.contains(.reorder) ? after : after.without(.rank)).unstamped
            if !account.provider.capabilities.contains(.setStatus) { outgoing = outgoing.without(.status) }
            guard !outgoing.isEmpty else { return nil }
            return try writer.enqueue(account: account.name, opportunityID: id, operation: .update(outgoing), at: now)
        case .noteAdded, .noteDeleted, .taskAdded, .taskDeleted, .taskUpdated:
            return try performActivity(step, account: account, writer: writer, now: now)
        }
    }

    /// Edit and resend: a change the provider refused is sent again with the card's values after this edit.
    private func resend(refusedOf id: UUID, now card: Opportunity, writer: StoreWriter) throws {
        for entry in try writer.outbox(opportunityID: id) where entry.state == .failed {
            switch entry.operation {
            case .update(let patch):
                try writer.replaceOperation(entry.id, with: .update(OpportunityPatch.capturing(patch.fields, of: card)))
            case .create, .restore: try writer.retry(entry.id)
            case .delete, .addNote, .deleteNote, .addTask, .updateTask, .deleteTask: break
            }
        }
    }

    private func account(for step: HistoryEntry.Step, writer: StoreWriter) throws -> Account {
        switch step {
        case .created(let opportunity), .deleted(let opportunity): return try account(of: opportunity)
        case .updated(let id, _, _):
            guard let current = try writer.opportunity(id: id) else {
                throw ServiceError.noSuchOpportunity(id.uuidString.lowercased())
            }
            return try account(of: current)
        case .noteAdded(let note), .noteDeleted(let note): return try account(named: note.account)
        case .taskAdded(let task), .taskDeleted(let task): return try account(named: task.account)
        case .taskUpdated(let id, _, _):
            guard let task = try writer.task(id: id) else { throw ServiceError.noSuchTask(id.uuidString.lowercased()) }
            return try account(named: task.account)
        }
    }

    private func requireAll(for step: HistoryEntry.Step, account: Account) throws {
        switch step {
        case .created: try require(.create, of: account)
        case .deleted: try require(.delete, of: account)
        case .updated(_, _, let after):
            let fields = after.fields
            if fields.contains(.stage) { try require(.move, of: account) }
            if fields.contains(.status), !(fields.contains(.stage) && keepsClosingStatusLocally(account)) {
                try require(.setStatus, of: account)
            }
            if !fields.subtracting([.stage, .status, .rank]).isEmpty { try require(.update, of: account) }
        case .noteAdded: try require(.addNote, of: account)
        case .noteDeleted: try require(.deleteNote, of: account)
        case .taskAdded: try require(.addTask, of: account)
        case .taskDeleted: try require(.deleteTask, of: account)
        case .taskUpdated: try require(.updateTask, of: account)
        }
    }

    /// A provider whose status cannot be set, with closing stages in the config: the status a move into one of them
    /// gives is kept in the cache only.
    private func keepsClosingStatusLocally(_ account: Account) -> Bool {
        !account.provider.capabilities.contains(.setStatus) && account.config.closingStages != .none
    }

    func require(_ operation: ProviderOperation, of account: Account) throws {
        do { try account.provider.require(operation) } catch let error as ProviderError {
            throw ServiceError.notOffered(error)
        }
    }

    func existing(_ id: UUID) throws -> Opportunity {
        guard let found = try store.opportunity(id: id) else {
            throw ServiceError.noSuchOpportunity(id.uuidString.lowercased())
        }
        return found
    }

    private func checked(_ result: Result<OpportunityPatch, FieldErrors>) throws -> OpportunityPatch {
        switch result {
        case .success(let patch): return patch
        case .failure(let errors): throw ServiceError.invalidInput(errors)
        }
    }
}

/// What an undo or redo did: the history's words for the step ("move Acme") and the cards it brought back onto the
/// board (a delete undone, an add redone), which the board focuses.
package struct HistoryOutcome: Sendable, Hashable {
    package var label: String
    package var broughtBack: [UUID]

    package init(label: String, broughtBack: [UUID]) {
        self.label = label
        self.broughtBack = broughtBack
    }
}

extension HistoryEntry.Step {
    fileprivate var deletedID: UUID? { if case .deleted(let card) = self { card.id } else { nil } }
    fileprivate var createdID: UUID? { if case .created(let card) = self { card.id } else { nil } }
}

import Foundation
import PipeboardCore
import PipeboardStore

/// User changes: each one is checked against the provider's capabilities, then written with its outbox entry
/// and its undo step in one transaction.
extension BoardService {
    public func create(account name: String?, pipeline pipelineText: String?, input: [String: String]) throws -> Opportunity {
        let account = try account(name)
        try require(.create, of: account)
        let pipeline = try pipeline(account: account.name, matching: pipelineText)
        var fields = input
        if fields["stage"]?.nilIfBlank == nil, let first = pipeline.stages.first { fields["stage"] = first.id }
        let patch = try checked(FieldInput.patch(from: fields, pipeline: pipeline, specs: account.provider.formFields(for: pipeline),
                                                  defaultCurrency: account.config.defaultCurrency))
        let now = clock()
        let stageID = patch.stageID ?? pipeline.stages[0].id
        let top = try store.rankBounds(account: account.name, pipelineID: pipeline.id, stageID: stageID)?.lowerBound ?? 1
        var opportunity = Opportunity(account: account.name, pipelineID: pipeline.id, stageID: stageID, rank: top - 1,
                                      name: patch.name ?? "", createdAt: now)
        opportunity = patch.applied(to: opportunity)
        try commit(HistoryEntry(label: "add \(opportunity.name)", steps: [.created(opportunity)]), account: account, now: now)
        return opportunity
    }

    public func edit(id: UUID, input: [String: String]) throws -> Opportunity {
        let current = try existing(id)
        let account = try account(of: current)
        let pipeline = try pipeline(account: account.name, matching: current.pipelineID)
        let patch = try checked(FieldInput.patch(from: input, pipeline: pipeline, specs: account.provider.formFields(for: pipeline),
                                                  defaultCurrency: account.config.defaultCurrency, current: current))
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
        let top = try store.rankBounds(account: account.name, pipelineID: pipeline.id, stageID: stage.id)?.lowerBound ?? 1
        return try update(current, with: OpportunityPatch(stageID: stage.id, rank: top - 1),
                          label: "move \(current.name) to \(stage.name)", account: account)
    }

    /// Swaps a card with its neighbour above (-1) or below (+1) in its stage; at either end nothing changes.
    /// With a filter (and statuses), the neighbour is the next card the board shows, not a hidden one.
    public func reorder(id: UUID, offset: Int, statuses: Set<OpportunityStatus> = [], filter: BoardFilter = .none) throws {
        let current = try existing(id)
        let account = try account(of: current)
        guard let neighbour = try store.neighbor(of: current, offset: offset, statuses: statuses, filter: filter, now: clock()) else { return }
        // Equal ranks cannot be swapped into an order; nudge past the neighbour instead.
        let (mine, theirs) = current.rank == neighbour.rank
            ? (neighbour.rank + Int64(offset.signum()), neighbour.rank) : (neighbour.rank, current.rank)
        let steps: [HistoryEntry.Step] = [
            .updated(id: current.id, before: OpportunityPatch(rank: current.rank), after: OpportunityPatch(rank: mine)),
            .updated(id: neighbour.id, before: OpportunityPatch(rank: neighbour.rank), after: OpportunityPatch(rank: theirs)),
        ]
        try commit(HistoryEntry(label: "reorder \(current.name)", steps: steps), account: account, now: clock())
    }

    /// A lost reason is kept where the provider keeps one (see `statusPatch`) and ignored elsewhere.
    public func setStatus(id: UUID, _ status: OpportunityStatus, lostReason: String? = nil) throws -> Opportunity {
        let current = try existing(id)
        let account = try account(of: current)
        return try update(current, with: statusPatch(for: current, status, lostReason: lostReason, account: account),
                          label: "mark \(current.name) \(status.rawValue)", account: account)
    }

    /// The status change, plus the reason as the custom field `lost_reason` when the deal is marked lost on a
    /// provider that keeps lost reasons.
    func statusPatch(for current: Opportunity, _ status: OpportunityStatus, lostReason: String?, account: Account) -> OpportunityPatch {
        var patch = OpportunityPatch(status: status)
        let capabilities = account.provider.capabilities
        if status == .lost, let reason = lostReason?.nilIfBlank, capabilities.contains(.lostReason), capabilities.contains(.update) {
            patch.customFields = current.customFields.merging([Self.lostReasonField: reason]) { _, new in new }
        }
        return patch
    }

    /// The custom field that holds why a deal was lost.
    public static let lostReasonField = "lost_reason"

    @discardableResult
    public func delete(id: UUID) throws -> Opportunity {
        let current = try existing(id)
        let account = try account(of: current)
        try commit(HistoryEntry(label: "delete \(current.name)", steps: [.deleted(current)]), account: account, now: clock())
        return current
    }

    /// Takes back the newest change; returns what was undone.
    @discardableResult
    public func undo() throws -> String {
        try replay(pop: { try $0.popUndo() }, empty: .nothingToUndo) { $0.inverse }
    }

    /// Does again the change undone last; returns what was redone.
    @discardableResult
    public func redo() throws -> String {
        try replay(pop: { try $0.popRedo() }, empty: .nothingToRedo) { $0 }
    }

    // MARK: Internals

    /// Pops a history entry and performs its steps in one transaction: if a step fails, nothing changes,
    /// the entry included.
    private func replay(
        pop: (StoreWriter) throws -> HistoryRecord?, empty: ServiceError, steps: (HistoryEntry) -> HistoryEntry
    ) throws -> String {
        let now = clock()
        return try store.write { writer in
            guard let record = try pop(writer) else { throw empty }
            let entry = steps(try HistoryEntry(record))
            for step in entry.steps {
                let account = try account(for: step, writer: writer)
                try requireAll(for: step, account: account)
                try perform(step, account: account, writer: writer, now: now)
            }
            return entry.label
        }
    }

    private func update(_ current: Opportunity, with patch: OpportunityPatch, label: String, account: Account) throws -> Opportunity {
        let change = patch.changes(from: current)
        guard !change.isEmpty else { return current }
        let now = clock()
        try commit(HistoryEntry(label: label, steps: [.updated(id: current.id, before: change.inverse(restoring: current), after: change)]),
                   account: account, now: now)
        return current.applying(change, at: now)
    }

    /// Writes the steps, their outbox entries and the undo entry together.
    func commit(_ entry: HistoryEntry, account: Account, now: Date) throws {
        for step in entry.steps { try requireAll(for: step, account: account) }
        try store.write { writer in
            for step in entry.steps { try perform(step, account: account, writer: writer, now: now) }
            try writer.pushHistory(try entry.record(), limit: HistoryEntry.depth)
        }
    }

    private func perform(_ step: HistoryEntry.Step, account: Account, writer: StoreWriter, now: Date) throws {
        switch step {
        case .created(var opportunity):
            // A record taken back and made again is new to the provider.
            opportunity.remoteID = nil
            try writer.insert(opportunity)
            try writer.enqueue(account: account.name, opportunityID: opportunity.id, operation: .create, at: now)
        case .deleted(let opportunity):
            guard let current = try writer.opportunity(id: opportunity.id) else { return }
            let undelivered = try writer.outbox(opportunityID: current.id).contains { $0.operation == .create }
            try writer.removeOutbox(opportunityID: current.id)
            try writer.delete(id: current.id)
            if !undelivered, let remoteID = current.remoteID {
                try writer.enqueue(account: account.name, opportunityID: current.id, operation: .delete(remoteID: remoteID), at: now)
            }
        case let .updated(id, _, after):
            guard let current = try writer.opportunity(id: id) else { throw ServiceError.noSuchOpportunity(id.uuidString.lowercased()) }
            try writer.update(current.applying(after, at: now))
            // Order within a stage stays local where the provider keeps none.
            let outgoing = account.provider.capabilities.contains(.reorder) ? after : after.without(.rank)
            if !outgoing.isEmpty {
                try writer.enqueue(account: account.name, opportunityID: id, operation: .update(outgoing), at: now)
            }
        }
    }

    private func account(for step: HistoryEntry.Step, writer: StoreWriter) throws -> Account {
        switch step {
        case .created(let opportunity), .deleted(let opportunity): return try account(of: opportunity)
        case .updated(let id, _, _):
            guard let current = try writer.opportunity(id: id) else { throw ServiceError.noSuchOpportunity(id.uuidString.lowercased()) }
            return try account(of: current)
        }
    }

    private func requireAll(for step: HistoryEntry.Step, account: Account) throws {
        switch step {
        case .created: try require(.create, of: account)
        case .deleted: try require(.delete, of: account)
        case .updated(_, _, let after):
            let fields = after.fields
            if fields.contains(.stage) { try require(.move, of: account) }
            if fields.contains(.status) { try require(.setStatus, of: account) }
            if !fields.subtracting([.stage, .status, .rank]).isEmpty { try require(.update, of: account) }
        }
    }

    func require(_ operation: PipeboardCore.Operation, of account: Account) throws {
        do { try account.provider.require(operation) } catch let error as ProviderError { throw ServiceError.notOffered(error) }
    }

    func existing(_ id: UUID) throws -> Opportunity {
        guard let found = try store.opportunity(id: id) else { throw ServiceError.noSuchOpportunity(id.uuidString.lowercased()) }
        return found
    }

    private func checked(_ result: Result<OpportunityPatch, FieldErrors>) throws -> OpportunityPatch {
        switch result {
        case .success(let patch): return patch
        case .failure(let errors): throw ServiceError.invalidInput(errors)
        }
    }
}

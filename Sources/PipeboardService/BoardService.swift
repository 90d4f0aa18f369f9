import Foundation
import PipeboardCore
import PipeboardStore

/// The one API the board and the command line both call. Every change is written to the cache together with
/// its outbox entry and its undo step in one transaction; delivery to the provider happens in `push`.
public actor BoardService {
    let store: CacheStore
    let accounts: [Account]
    let clock: @Sendable () -> Date
    /// Accounts whose outbox is being delivered right now, so that two pushes never send the same entry.
    var pushing: Set<String> = []
    /// Outbox entries being sent right now: an undo must not take one of these back silently.
    var inFlight: Set<Int64> = []

    public init(store: CacheStore, accounts: [Account], clock: @escaping @Sendable () -> Date = { Date() }) {
        precondition(!accounts.isEmpty, "the config always yields at least the local account")
        self.store = store
        self.accounts = accounts
        self.clock = clock
    }

    public var accountNames: [String] { accounts.map(\.name) }

    /// The named account; with no name, the one used last, else the first.
    public func account(_ name: String?) throws -> Account {
        let wanted = try name ?? store.setting(Setting.lastAccount)
        if let wanted, let account = accounts.first(where: { $0.name == wanted }) { return account }
        if let name { throw ServiceError.noSuchAccount(name, known: accountNames) }
        return accounts[0]
    }

    // MARK: Reading

    public func pipelines(account name: String?) throws -> [Pipeline] {
        try store.pipelines(account: account(name).name)
    }

    /// A pipeline by id or name; with none, the one used last on this account, else the first.
    public func pipeline(account name: String?, matching text: String?) throws -> Pipeline {
        let account = try account(name)
        return try pipeline(among: store.pipelines(account: account.name), account: account.name, matching: text)
    }

    private func pipeline(among pipelines: [Pipeline], account: String, matching text: String?) throws -> Pipeline {
        guard !pipelines.isEmpty else { throw ServiceError.noPipelines(account: account) }
        if let text {
            let lowered = text.lowercased()
            if let found = pipelines.first(where: { $0.id == text }) ?? pipelines.first(where: { $0.name.lowercased() == lowered }) {
                return found
            }
            throw ServiceError.noSuchPipeline(text, known: pipelines.map(\.name))
        }
        let remembered = try store.setting(Setting.lastPipeline(account))
        return pipelines.first { $0.id == remembered } ?? pipelines[0]
    }

    /// What the board shows: columns with totals over all their cards and only the requested windows of cards.
    public func board(_ query: BoardQuery) throws -> BoardSnapshot {
        let account = try account(query.account)
        let pipelines = try store.pipelines(account: account.name)
        let pipeline = try pipeline(among: pipelines, account: account.name, matching: query.pipelineID)
        try remember(account: account.name, pipelineID: pipeline.id)
        let columns = try store.columns(account: account.name, pipeline: pipeline, query: query)
        let sync = try store.syncStates(for: columns.flatMap { $0.cards.map(\.id) })
        let counts = try store.outboxCounts(account: account.name)
        return BoardSnapshot(
            account: account.name, accounts: accountNames, providerName: account.provider.displayName,
            pipelines: pipelines, pipeline: pipeline, columns: columns,
            capabilities: account.provider.capabilities, fieldSpecs: account.provider.formFields(for: pipeline),
            pendingChanges: counts.pending, failedChanges: counts.failed, cardSync: sync,
            canUndo: try store.canUndo(), canRedo: try store.canRedo(),
            deleteWarning: account.provider.deleteWarning,
            attention: try store.setting(Setting.attention(account.name))
        )
    }

    /// An opportunity by its full local id or a unique prefix of it.
    public func opportunity(matching text: String) throws -> Opportunity {
        let prefix = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let id = UUID(uuidString: prefix), let found = try store.opportunity(id: id) { return found }
        guard prefix.count >= 1 else { throw ServiceError.noSuchOpportunity(text) }
        let matches = try store.opportunities(idPrefix: prefix)
        switch matches.count {
        case 0: throw ServiceError.noSuchOpportunity(text)
        case 1: return matches[0]
        default: throw ServiceError.ambiguousID(text, matches: matches.count)
        }
    }

    public func list(account name: String?, pipeline pipelineText: String?, stage stageText: String?, statuses: Set<OpportunityStatus> = []) throws -> [Opportunity] {
        let account = try account(name)
        var pipelineID: String?
        var stageID: String?
        if pipelineText != nil || stageText != nil {
            let pipeline = try pipeline(account: account.name, matching: pipelineText)
            pipelineID = pipeline.id
            if let stageText {
                guard let stage = pipeline.stage(matching: stageText) else {
                    throw ServiceError.noSuchStage(stageText, known: pipeline.stages.map(\.name))
                }
                stageID = stage.id
            }
        }
        return try store.opportunities(account: account.name, pipelineID: pipelineID, stageID: stageID, statuses: statuses)
    }

    /// Values the account's provider suggests for a form field (BrightMove's clients), from what was typed.
    public func lookUp(account name: String?, field: String, matching text: String) async throws -> [String] {
        // Provider text: sanitised before it can reach the screen.
        try await account(name).provider.lookUp(field: field, matching: text).map { ProviderText.clean($0) }.filter { !$0.isEmpty }
    }

    public func outboxCounts(account name: String?) throws -> (pending: Int, failed: Int) {
        try store.outboxCounts(account: name.map { try account($0).name })
    }

    private func remember(account: String, pipelineID: String) throws {
        guard try store.setting(Setting.lastAccount) != account || store.setting(Setting.lastPipeline(account)) != pipelineID else { return }
        try store.write { writer in
            try writer.setSetting(Setting.lastAccount, account)
            try writer.setSetting(Setting.lastPipeline(account), pipelineID)
        }
    }

    func account(of opportunity: Opportunity) throws -> Account {
        guard let account = accounts.first(where: { $0.name == opportunity.account }) else {
            throw ServiceError.noSuchAccount(opportunity.account, known: accountNames)
        }
        return account
    }
}

/// Keys of the settings the service remembers between runs.
enum Setting {
    static let lastAccount = "board.account"
    static func lastPipeline(_ account: String) -> String { "board.pipeline.\(account)" }
}

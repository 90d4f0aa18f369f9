import Foundation
import PipeboardCore
import PipeboardStore

/// The one API the board and the command line both call. Every change is written to the cache together with
/// its outbox entry and its undo step in one transaction; delivery to the provider happens in `push`.
public actor BoardService {
    let store: CacheStore
    let accounts: [Account]
    /// The time of a change; to the millisecond by default, as providers keep times and as the undo steps keep them.
    let clock: @Sendable () -> Date
    /// The config's per-stage default probabilities, for stages whose provider gives none.
    let stageProbabilities: StageProbabilityDefaults
    /// Accounts whose outbox is being delivered right now, so that two pushes never send the same entry.
    var pushing: Set<String> = []
    /// Boards over several accounts, from the config (see MergedBoards.swift).
    var mergedBoards: [MergedBoardSpec] = []
    /// Outbox entries being sent right now: an undo must not take one of these back silently.
    var inFlight: Set<Int64> = []
    /// Each account's lost reasons as last read from its provider, which a status change names by id.
    var lostReasonLists: [String: [LostReason]] = [:]
    /// The outlines of the board as it was, as last read (see PastBoard.swift): scrolling the past reads only its
    /// windows.
    var keptPast: KeptPast?

    public init(
        store: CacheStore, accounts: [Account],
        stageProbabilities: StageProbabilityDefaults = StageProbabilityDefaults(),
        clock: @escaping @Sendable () -> Date = { Date.nowToTheMillisecond }
    ) {
        precondition(!accounts.isEmpty, "the config always yields at least the local account")
        self.store = store
        self.accounts = accounts
        self.stageProbabilities = stageProbabilities
        self.clock = clock
        for account in accounts { Self.attachMemory(of: account, to: store) }
    }

    /// A client's memory of its server starts from what the cache kept and keeps each change there.
    private static func attachMemory(of account: Account, to store: CacheStore) {
        guard let memory = account.provider.memory else { return }
        let prefix = Setting.providerMemory(account.name)
        memory.attach(stored: (try? store.settings(prefix: prefix)) ?? [:]) { key, value in
            try? store.write { try $0.setSetting(prefix + key, value) }
        }
    }

    package var accountNames: [String] { accounts.map(\.name) }

    /// The named account; with no name, the one used last, else the first.
    package func account(_ name: String?) throws -> Account {
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
    package func pipeline(account name: String?, matching text: String?) throws -> Pipeline {
        let account = try account(name)
        return try pipeline(among: store.pipelines(account: account.name), account: account.name, matching: text)
    }

    private func pipeline(among pipelines: [Pipeline], account: String, matching text: String?) throws -> Pipeline {
        guard !pipelines.isEmpty else { throw ServiceError.noPipelines(account: account) }
        if let text {
            let lowered = text.lowercased()
            if let found = pipelines.first(where: { $0.id == text })
                ?? pipelines.first(where: { $0.name.lowercased() == lowered })
            {
                return found
            }
            throw ServiceError.noSuchPipeline(text, known: pipelines.map(\.name))
        }
        let remembered = try store.setting(Setting.lastPipeline(account))
        return pipelines.first { $0.id == remembered } ?? pipelines[0]
    }

    /// Readies the store's copy of what a search of this pipeline reads (`CacheStore.prepareSearch`): asked when the
    /// board's search opens, off the actor, as it takes about a second at 1M cards. A copy that cannot be made leaves
    /// the search to SQL, as without one.
    public nonisolated func prepareSearch(account: String, pipelineID: String) {
        try? store.prepareSearch(account: account, pipelineID: pipelineID)
    }

    /// Frees that copy: the board closed.
    public nonisolated func releaseSearch() {
        store.releaseSearch()
    }

    /// What the board shows: columns with totals over all their cards and only the requested windows of cards.
    /// `isUnwanted`, asked while the columns are read, ends the reading once it holds: the board throws
    /// `CancellationError` (a search typed on: the board for the longer search is asked for already).
    public func board(_ query: BoardQuery, unwantedWhen isUnwanted: (@Sendable () -> Bool)? = nil) throws
        -> BoardSnapshot
    {
        try snapshot(query, remembering: true, interruption: isUnwanted.map(ReadInterruption.init(when:)))
    }

    /// The board for `query`; `remembering` makes it the account and pipeline shown next time (the board does,
    /// a report does not).
    private func snapshot(_ query: BoardQuery, remembering: Bool, interruption: ReadInterruption? = nil) throws
        -> BoardSnapshot
    {
        if let merged = try mergedBoard(named: query.account) {
            guard query.asOf == nil else { throw ServiceError.pastOfMergedBoard(merged.name) }
            return try board(merged, query: query)
        }
        let account = try account(query.account)
        let pipelines = try store.pipelines(account: account.name)
        let pipeline = try stageProbabilities.applied(
            to: pipeline(among: pipelines, account: account.name, matching: query.pipelineID))
        if let cutoff = query.asOf {
            return try pastBoard(query, account: account, pipelines: pipelines, pipeline: pipeline, cutoff: cutoff)
        }
        if remembering { try remember(account: account.name, pipelineID: pipeline.id) }
        let now = clock()
        // The columns are one transaction; the pictures read other parts of the index, beside them (at 300k cards
        // the won / lost trend is a fifth of a board's reading).
        let (columns, (closeMonths, outcomeWeeks)) = try readBothAtOnce(
            {
                try store.columns(
                    account: account.name, pipeline: pipeline, query: query, now: now, interruption: interruption)
            },
            { () throws -> ([CloseMonthSums], [OutcomeWeekSums]) in
                guard !query.keepsFigures else { return ([], []) }
                return (
                    query.includeForecast ? try store.closeMonthSums(account: account.name, pipeline: pipeline) : [],
                    try store.outcomeWeekSums(
                        account: account.name, pipeline: pipeline, now: now, weeks: WeeklyOutcomes.weeks)
                )
            })
        let sync = try store.syncStates(for: columns.flatMap { $0.cards.map(\.id) })
        let counts = try store.outboxCounts(account: account.name)
        var snapshot = BoardSnapshot(
            account: account.name, accounts: boardNames, providerName: account.provider.displayName,
            pipelines: pipelines, pipeline: pipeline, columns: columns,
            capabilities: account.provider.capabilities, fieldSpecs: account.provider.formFields(for: pipeline),
            pendingChanges: counts.pending, failedChanges: counts.failed, cardSync: sync,
            canUndo: try store.canUndo(), canRedo: try store.canRedo(),
            closeMonths: closeMonths, outcomeWeeks: outcomeWeeks, includesForecast: query.includeForecast,
            deleteWarning: account.provider.deleteWarning,
            attention: try attention(account: account.name)?.description
        )
        snapshot.figuresKept = query.keepsFigures
        return snapshot
    }

    /// Every figure of a pipeline under a status filter, as the board's pictures show them: for `pipeboard report`.
    /// `asOf`: the figures of the board as it was just before that moment.
    package func figures(
        account: String?, pipeline: String?, statuses: Set<OpportunityStatus> = [], asOf: Date? = nil
    ) throws -> PipelineFigures {
        var query = try BoardQuery(
            account: account, pipelineID: pipeline.map { try self.pipeline(account: account, matching: $0).id },
            statuses: statuses, defaultWindow: CardWindow(offset: 0, limit: 0), includeForecast: true)
        query.asOf = asOf
        let snapshot = try snapshot(query, remembering: false)
        return PipelineFigures(snapshot: snapshot, now: asOf.map(AsOf.lastMoment(before:)) ?? clock())
    }

    /// An opportunity by its full local id or a unique prefix of it.
    package func opportunity(matching text: String) throws -> Opportunity {
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

    public func list(
        account name: String?, pipeline pipelineText: String?, stage stageText: String?,
        statuses: Set<OpportunityStatus> = [],
        filter: BoardFilter = .none, sort: ColumnSort = .manual
    ) throws -> [Opportunity] {
        if let name, let merged = try mergedBoard(named: name) {
            return try list(
                merged, pipeline: pipelineText, stage: stageText, statuses: statuses, filter: filter, sort: sort)
        }
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
        return try store.opportunities(
            account: account.name, pipelineID: pipelineID, stageID: stageID, statuses: statuses,
            filter: filter, sort: sort, now: clock())
    }

    /// Values the account's provider suggests for a form field (BrightMove's clients), from what was typed.
    package func lookUp(account name: String?, field: String, matching text: String) async throws -> [String] {
        // Provider text: sanitised before it can reach the screen.
        try await account(name).provider.lookUp(field: field, matching: text).map { ProviderText.clean($0) }.filter {
            !$0.isEmpty
        }
    }

    package func outboxCounts(account name: String?) throws -> (pending: Int, failed: Int) {
        try store.outboxCounts(account: name.map { try account($0).name })
    }

    private func remember(account: String, pipelineID: String) throws {
        let wasMerged = try store.setting(Setting.lastMergedBoard) != nil
        guard
            try wasMerged || store.setting(Setting.lastAccount) != account
                || store.setting(Setting.lastPipeline(account)) != pipelineID
        else { return }
        try store.write { writer in
            try writer.setSetting(Setting.lastMergedBoard, nil)
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
    /// The merged board shown last, if the board showed one rather than an account's pipeline.
    static let lastMergedBoard = "board.merged"
    /// What an account's client learned about its server (Twenty's page size), key by key after this prefix.
    static func providerMemory(_ account: String) -> String { "provider.\(account)." }
}

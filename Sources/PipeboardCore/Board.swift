import Foundation

/// Which cards of one column to load: the board never holds a whole column in memory.
public struct CardWindow: Hashable, Sendable {
    public var offset: Int
    public var limit: Int
    public init(offset: Int, limit: Int) {
        self.offset = max(0, offset)
        self.limit = max(0, limit)
    }
}

/// What the board asks the service for.
public struct BoardQuery: Hashable, Sendable {
    public var account: String?
    public var pipelineID: String?
    /// Statuses shown; empty shows all.
    public var statuses: Set<OpportunityStatus>
    /// Per stage id; stages not named get `defaultWindow`.
    public var windows: [String: CardWindow]
    public var defaultWindow: CardWindow
    /// The search and filters; counts, totals and windows are all over the cards that match.
    public var filter: BoardFilter = .none
    /// Per stage id; stages not named keep the manual order.
    public var sorts: [String: ColumnSort] = [:]
    /// Whether to read the forecast's sums by close month too (the forecast view and the report need them).
    public var includeForecast: Bool
    /// The board as it was just before this moment (the end of a day, `AsOf.endOfDay`): read only. Nil: now.
    public var asOf: Date?
    /// The pipeline's figures on the board already shown (won / lost weeks, the forecast's months) still hold: they do
    /// not depend on the search, so a search typed leaves them unread and the board keeps its own. At 1M cards the
    /// won / lost weeks are the most of a board's reading.
    public var keepsFigures = false

    public init(
        account: String? = nil, pipelineID: String? = nil, statuses: Set<OpportunityStatus> = [],
        windows: [String: CardWindow] = [:], defaultWindow: CardWindow = CardWindow(offset: 0, limit: 50),
        includeForecast: Bool = false
    ) {
        self.account = account
        self.pipelineID = pipelineID
        self.statuses = statuses
        self.windows = windows
        self.defaultWindow = defaultWindow
        self.includeForecast = includeForecast
    }

    public func window(for stageID: String) -> CardWindow { windows[stageID] ?? defaultWindow }

    public func sort(for stageID: String) -> ColumnSort { sorts[stageID] ?? .manual }
}

/// Delivery state of a card's local changes.
public enum CardSyncState: Hashable, Sendable {
    case pending
    case failed(reason: String)
    /// The provider changed the same field (or deleted the record); the user picks a side.
    case conflict(reason: String)
}

/// One column: its stage, its totals over every matching card, and the window of cards loaded.
public struct ColumnSnapshot: Hashable, Sendable {
    public var stage: Stage
    public var count: Int
    public var totals: MoneyTotals
    /// Index in the column of `cards.first`.
    public var offset: Int
    public var cards: [Opportunity]
    /// The open deals among the matching cards: how many, their value, and their weighted forecast.
    public var openCount: Int
    public var openTotals: MoneyTotals
    public var weighted: MoneyTotals
    /// The mean time the open deals entered this stage; nil when the stage has none.
    public var averageStageEntry: Date?
    /// The next step of each card in `cards` that has one, read with the cards.
    public var nextSteps: [UUID: NextStep]
    /// When each card in `cards` last had activity (its latest note or finished task), where it had any.
    public var lastActivity: [UUID: Date] = [:]

    public init(
        stage: Stage, count: Int, totals: MoneyTotals, offset: Int, cards: [Opportunity],
        openCount: Int = 0, openTotals: MoneyTotals = MoneyTotals(), weighted: MoneyTotals = MoneyTotals(),
        averageStageEntry: Date? = nil, nextSteps: [UUID: NextStep] = [:]
    ) {
        self.nextSteps = nextSteps
        self.stage = stage
        self.count = count
        self.totals = totals
        self.offset = offset
        self.cards = cards
        self.openCount = openCount
        self.openTotals = openTotals
        self.weighted = weighted
        self.averageStageEntry = averageStageEntry
    }

    /// Average whole-and-fractional days the open deals have spent in this stage so far.
    public func averageDaysInStage(now: Date) -> Double? {
        averageStageEntry.map { max(0, now.timeIntervalSince($0) / 86_400) }
    }

    /// The average in whole days, cut as a card's `daysInStage` is, so a header never reads a day more than its
    /// only card.
    public func averageWholeDaysInStage(now: Date) -> Int? {
        averageDaysInStage(now: now).map { Int($0) }
    }
}

/// Everything the board shows at one moment, read from the local cache.
public struct BoardSnapshot: Hashable, Sendable {
    public var account: String
    /// Every configured account, for switching.
    public var accounts: [String]
    public var providerName: String
    public var pipelines: [Pipeline]
    public var pipeline: Pipeline
    public var columns: [ColumnSnapshot]
    public var capabilities: Capabilities
    public var fieldSpecs: [FieldSpec]
    public var pendingChanges: Int
    public var failedChanges: Int
    /// Sync marks for the loaded cards that have undelivered or failed changes.
    public var cardSync: [UUID: CardSyncState]
    public var canUndo: Bool
    public var canRedo: Bool
    /// Set on a board merged over several accounts; nil on one account's pipeline.
    public var merge: BoardMerge?
    /// Open and won deals by expected close month (when the query asked for them), and won / lost value by week.
    public var closeMonths: [CloseMonthSums]
    public var outcomeWeeks: [OutcomeWeekSums]
    /// Whether `closeMonths` was read for this snapshot (it is only on request).
    public var includesForecast: Bool
    /// Set when the query kept the figures (`BoardQuery.keepsFigures`): `closeMonths` and `outcomeWeeks` were not read.
    public var figuresKept = false
    /// Said in the delete confirmation where the provider's delete is permanent (BrightMove).
    public var deleteWarning: String?
    /// Set when the provider refused this account's credentials: why, and how to fix it. Its changes wait.
    public var attention: String?
    /// Set on the board as it was at the end of a day (the query's `asOf`): nothing on it can be changed.
    public var asOf: Date?

    public init(
        account: String, accounts: [String] = [], providerName: String, pipelines: [Pipeline], pipeline: Pipeline,
        columns: [ColumnSnapshot],
        capabilities: Capabilities, fieldSpecs: [FieldSpec], pendingChanges: Int = 0, failedChanges: Int = 0,
        cardSync: [UUID: CardSyncState] = [:], canUndo: Bool = false, canRedo: Bool = false,
        closeMonths: [CloseMonthSums] = [], outcomeWeeks: [OutcomeWeekSums] = [], includesForecast: Bool = false,
        deleteWarning: String? = nil, attention: String? = nil
    ) {
        self.attention = attention
        self.account = account
        self.accounts = accounts
        self.providerName = providerName
        self.pipelines = pipelines
        self.pipeline = pipeline
        self.columns = columns
        self.capabilities = capabilities
        self.fieldSpecs = fieldSpecs
        self.pendingChanges = pendingChanges
        self.failedChanges = failedChanges
        self.cardSync = cardSync
        self.canUndo = canUndo
        self.canRedo = canRedo
        self.closeMonths = closeMonths
        self.outcomeWeeks = outcomeWeeks
        self.includesForecast = includesForecast
        self.deleteWarning = deleteWarning
    }
}

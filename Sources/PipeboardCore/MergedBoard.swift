/// One board over several accounts: each account's pipeline is mapped, stage by stage, onto shared columns.
public struct MergedBoardSpec: Hashable, Sendable {
    /// One account's part of the board.
    public struct Source: Hashable, Sendable {
        public var account: String
        /// The account's pipeline by name or id; nil takes its first.
        public var pipeline: String?
        /// The account's stage (name or id) → the board's column name. Stages not named go to the column of the
        /// same name, if there is one.
        public var stages: [String: String]
        /// Shown on each of the account's cards.
        public var badge: String

        public init(account: String, pipeline: String? = nil, stages: [String: String] = [:], badge: String) {
            self.account = account
            self.pipeline = pipeline
            self.stages = stages
            self.badge = badge
        }
    }

    public var name: String
    public var columns: [String]
    public var sources: [Source]

    public init(name: String, columns: [String], sources: [Source]) {
        self.name = name
        self.columns = columns
        self.sources = sources
    }

    /// The stage id of a merged board's column: never the id of a provider's stage.
    public static func columnID(_ column: String) -> String { "merged:" + column }
}

/// What a merged board's snapshot carries beside its columns: whose cards are whose, and where a move lands.
public struct BoardMerge: Hashable, Sendable {
    /// Account name → its badge.
    public var badges: [String: String]
    /// Column stage id → account name → the account's own stage id that a card moved there goes to.
    public var targets: [String: [String: String]]

    public init(badges: [String: String], targets: [String: [String: String]]) {
        self.badges = badges
        self.targets = targets
    }

    /// The stage of `account` a card dropped into `columnID` goes to, if the account maps one there.
    public func stage(for account: String, column columnID: String) -> String? {
        targets[columnID]?[account]
    }
}

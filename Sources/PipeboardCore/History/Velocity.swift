import Foundation

/// What velocity reads of a card: where it is now and its times (the fallback for deals without history).
public struct VelocityCard: Hashable, Sendable {
    public var id: UUID
    public var stageID: String
    public var status: OpportunityStatus
    public var createdAt: Date
    /// When the status last changed (the update time where not known).
    public var statusChangedAt: Date

    public init(id: UUID, stageID: String, status: OpportunityStatus, createdAt: Date, statusChangedAt: Date) {
        self.id = id
        self.stageID = stageID
        self.status = status
        self.createdAt = createdAt
        self.statusChangedAt = statusChangedAt
    }
}

/// A period of time, either end open.
public struct Period: Hashable, Sendable {
    public var since: Date?
    public var until: Date?
    public init(since: Date? = nil, until: Date? = nil) {
        self.since = since
        self.until = until
    }
    public static let always = Period()
    public func contains(_ date: Date) -> Bool {
        (since.map { date >= $0 } ?? true) && (until.map { date < $0 } ?? true)
    }
}

/// Velocity and the funnel from real transitions: how long deals stay in each stage, how many of those that
/// entered a stage went further, the win rate and the time from creation to won. Deals with no stage changes in
/// their history are counted the snapshot way (a deal is taken to have passed every stage before the one it is in),
/// and the figures say how many deals each way counted.
public struct Velocity: Hashable, Sendable {
    public struct StageLine: Hashable, Sendable {
        public var stage: Stage
        /// Whole stays in the stage that ended (left by a move), in days.
        public var stays: Int
        public var medianDays: Double?
        public var meanDays: Double?
        /// Deals that entered the stage in the period, and how many of them later reached a later stage or won.
        public var entered: Int
        public var advanced: Int
        public var conversion: Double? { entered > 0 ? Double(advanced) / Double(entered) : nil }

        public init(stage: Stage, stays: Int, medianDays: Double?, meanDays: Double?, entered: Int, advanced: Int) {
            self.stage = stage
            self.stays = stays
            self.medianDays = medianDays
            self.meanDays = meanDays
            self.entered = entered
            self.advanced = advanced
        }
    }

    public var period: Period
    public var stages: [StageLine]
    /// Deals won and lost in the period, by the status change's own time.
    public var won: Int
    public var lost: Int
    public var winRate: Double? { won + lost > 0 ? Double(won) / Double(won + lost) : nil }
    /// Days from creation to won, over the deals won in the period.
    public var medianDaysToWon: Double?
    public var meanDaysToWon: Double?
    /// How many deals the funnel counted from their transitions, and how many the snapshot way.
    public var fromTransitions: Int
    public var fromSnapshot: Int

    public init(
        period: Period, stages: [StageLine], won: Int, lost: Int, medianDaysToWon: Double?, meanDaysToWon: Double?,
        fromTransitions: Int, fromSnapshot: Int
    ) {
        self.period = period
        self.stages = stages
        self.won = won
        self.lost = lost
        self.medianDaysToWon = medianDaysToWon
        self.meanDaysToWon = meanDaysToWon
        self.fromTransitions = fromTransitions
        self.fromSnapshot = fromSnapshot
    }

    /// The method the funnel shows: "transitions", "snapshot", or "transitions + snapshot" when both counted.
    public var method: String {
        switch (fromTransitions > 0, fromSnapshot > 0) {
        case (true, true): "transitions + snapshot"
        case (false, true): "snapshot"
        default: "transitions"
        }
    }

    /// `changes`: the pipeline's stage and status changes, any order. Changes of cards not in `cards` (deleted
    /// deals, other pipelines) count towards the days in stage only.
    public static func compute(
        pipeline: Pipeline, cards: [VelocityCard], changes: [DealChange], period: Period
    ) -> Velocity {
        var moves: [UUID: [DealChange]] = [:]
        var statusChanges: [UUID: [DealChange]] = [:]
        for change in changes {
            switch change.field {
            case .stage: moves[change.opportunityID, default: []].append(change)
            case .status: statusChanges[change.opportunityID, default: []].append(change)
            default: break
            }
        }
        var tally = VelocityTally(pipeline: pipeline, period: period)
        var seen = Set<UUID>()
        for card in cards where seen.insert(card.id).inserted {
            tally.add(
                card: card, moves: (moves[card.id] ?? []).sorted(by: AsOf.isEarlier),
                statusChanges: statusChanges[card.id] ?? [])
        }
        for (id, dealMoves) in moves where !seen.contains(id) {
            tally.add(card: nil, moves: dealMoves.sorted(by: AsOf.isEarlier), statusChanges: [])
        }
        return tally.velocity()
    }

    /// A deal's moves that stand: an undo takes back the move before it (it is not a stay of its own), a redo
    /// makes it again.
    static func effectiveMoves(_ moves: [DealChange]) -> [DealChange] {
        var kept: [DealChange] = []
        for move in moves {
            if move.origin == .undo, let last = kept.last, last.to == move.from, last.from == move.to {
                kept.removeLast()
            } else {
                kept.append(move)
            }
        }
        return kept
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}

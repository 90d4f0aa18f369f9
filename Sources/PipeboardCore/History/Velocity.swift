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
        let position = Dictionary(
            pipeline.stages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var stageMoves: [UUID: [DealChange]] = [:]
        var statusChanges: [UUID: [DealChange]] = [:]
        for change in changes {
            switch change.field {
            case .stage: stageMoves[change.opportunityID, default: []].append(change)
            case .status: statusChanges[change.opportunityID, default: []].append(change)
            default: break
            }
        }
        var durations = [[Double]](repeating: [], count: pipeline.stages.count)
        var entered = [Int](repeating: 0, count: pipeline.stages.count)
        var advanced = [Int](repeating: 0, count: pipeline.stages.count)
        var fromTransitions = 0, fromSnapshot = 0
        let byID = Dictionary(cards.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        for (id, moves) in stageMoves {
            let effective = effectiveMoves(moves.sorted(by: AsOf.isEarlier))
            guard !effective.isEmpty else { continue }
            for move in effective {
                guard let from = move.from, let index = position[from], let since = move.since,
                    period.contains(move.at)
                else { continue }
                durations[index].append(max(0, move.at.timeIntervalSince(since)) / 86_400)
            }
            guard let card = byID[id] else { continue }
            fromTransitions += 1
            // Entries: the first stage at creation, then each move's target, in time order.
            var entries: [(index: Int, at: Date)] = []
            if let first = effective.first?.from, let index = position[first] {
                entries.append((index, card.createdAt))
            }
            for move in effective {
                if let to = move.to, let index = position[to] { entries.append((index, move.at)) }
            }
            let wonAt = card.status == .won ? card.statusChangedAt : nil
            for (offset, entry) in entries.enumerated() where period.contains(entry.at) {
                entered[entry.index] += 1
                let later = entries[(offset + 1)...].contains { $0.index > entry.index && $0.at >= entry.at }
                if later || (wonAt.map { $0 >= entry.at } ?? false) { advanced[entry.index] += 1 }
            }
        }
        // Deals without moves: the snapshot way, counted when created in the period.
        for card in cards
        where stageMoves[card.id].map({ effectiveMoves($0.sorted(by: AsOf.isEarlier)).isEmpty }) ?? true {
            guard let index = position[card.stageID], period.contains(card.createdAt) else { continue }
            fromSnapshot += 1
            for earlier in 0...index {
                entered[earlier] += 1
                if earlier < index || card.status == .won { advanced[earlier] += 1 }
            }
        }

        var won = 0, lost = 0
        var toWon: [Double] = []
        for card in cards where card.status == .won || card.status == .lost {
            // The status change's own time: the newest change to this status, else the card's status time.
            let closedAt =
                statusChanges[card.id]?.filter { $0.to == card.status.rawValue }.map(\.at).max()
                ?? card.statusChangedAt
            guard period.contains(closedAt) else { continue }
            if card.status == .won {
                won += 1
                toWon.append(max(0, closedAt.timeIntervalSince(card.createdAt)) / 86_400)
            } else {
                lost += 1
            }
        }
        let lines = pipeline.stages.enumerated().map { index, stage in
            StageLine(
                stage: stage, stays: durations[index].count, medianDays: median(durations[index]),
                meanDays: mean(durations[index]), entered: entered[index], advanced: advanced[index])
        }
        return Velocity(
            period: period, stages: lines, won: won, lost: lost, medianDaysToWon: median(toWon),
            meanDaysToWon: mean(toWon), fromTransitions: fromTransitions, fromSnapshot: fromSnapshot)
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

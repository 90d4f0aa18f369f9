import Foundation

/// Velocity built one deal at a time, so that a reader can stream the history in deal order and keep only one
/// deal's changes in memory (`Velocity.compute` groups them first; the cache streams them).
public struct VelocityTally: Sendable {
    private let pipeline: Pipeline
    private let period: Period
    private let position: [String: Int]
    private var durations: [[Double]]
    private var entered: [Int]
    private var advanced: [Int]
    private var fromTransitions = 0
    private var fromSnapshot = 0
    private var won = 0
    private var lost = 0
    private var toWon: [Double] = []

    public init(pipeline: Pipeline, period: Period) {
        self.pipeline = pipeline
        self.period = period
        position = Dictionary(pipeline.stages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        durations = [[Double]](repeating: [], count: pipeline.stages.count)
        entered = [Int](repeating: 0, count: pipeline.stages.count)
        advanced = [Int](repeating: 0, count: pipeline.stages.count)
    }

    /// One deal, once: its card on the pipeline now (nil: deleted or elsewhere, whose moves count towards the days
    /// in stage only), its stage moves oldest first (`AsOf.isEarlier`) and its status changes (any order).
    public mutating func add(card: VelocityCard?, moves: [DealChange], statusChanges: [DealChange]) {
        let effective = Velocity.effectiveMoves(moves)
        for move in effective {
            guard let from = move.from, let index = position[from], let since = move.since, period.contains(move.at)
            else { continue }
            durations[index].append(max(0, move.at.timeIntervalSince(since)) / 86_400)
        }
        guard let card else { return }
        if effective.isEmpty {
            countWithoutMoves(card)
        } else {
            countEntries(card, effective: effective)
        }
        countOutcome(card, statusChanges: statusChanges)
    }

    /// Entries: the first stage at creation, then each move's target, in time order.
    private mutating func countEntries(_ card: VelocityCard, effective: [DealChange]) {
        fromTransitions += 1
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

    /// A deal without moves, the snapshot way: counted when created in the period.
    private mutating func countWithoutMoves(_ card: VelocityCard) {
        guard let index = position[card.stageID], period.contains(card.createdAt) else { return }
        fromSnapshot += 1
        for earlier in 0...index {
            entered[earlier] += 1
            if earlier < index || card.status == .won { advanced[earlier] += 1 }
        }
    }

    /// Won or lost by the status change's own time: the newest change to this status, else the card's status time.
    private mutating func countOutcome(_ card: VelocityCard, statusChanges: [DealChange]) {
        guard card.status == .won || card.status == .lost else { return }
        let closedAt =
            statusChanges.filter { $0.to == card.status.rawValue }.map(\.at).max() ?? card.statusChangedAt
        guard period.contains(closedAt) else { return }
        if card.status == .won {
            won += 1
            toWon.append(max(0, closedAt.timeIntervalSince(card.createdAt)) / 86_400)
        } else {
            lost += 1
        }
    }

    public func velocity() -> Velocity {
        let lines = pipeline.stages.enumerated().map { index, stage in
            Velocity.StageLine(
                stage: stage, stays: durations[index].count, medianDays: Velocity.median(durations[index]),
                meanDays: Velocity.mean(durations[index]), entered: entered[index], advanced: advanced[index])
        }
        return Velocity(
            period: period, stages: lines, won: won, lost: lost, medianDaysToWon: Velocity.median(toWon),
            meanDaysToWon: Velocity.mean(toWon), fromTransitions: fromTransitions, fromSnapshot: fromSnapshot)
    }
}

import Foundation

/// When an open deal reads as stale: days without a stage change or any other change, per stage, with a
/// default for stages the config does not name. A threshold of 0 never marks the stage's cards stale.
public struct StalePolicy: Hashable, Sendable {
    public var defaultDays: Int
    /// Keyed by stage name (lower case) or id, as written in the config.
    public var stageDays: [String: Int]
    /// Whether activity on the deal (a note added, a task finished) counts as a change and resets its clock.
    public var countsActivity: Bool

    public init(defaultDays: Int = 30, stageDays: [String: Int] = [:], countsActivity: Bool = true) {
        self.defaultDays = defaultDays
        self.stageDays = stageDays
        self.countsActivity = countsActivity
    }

    public static let standard = StalePolicy()

    public func threshold(for stage: Stage) -> Int {
        stageDays[stage.id] ?? stageDays[stage.name.lowercased()] ?? defaultDays
    }

    /// Days the card has been idle when it counts as stale in `stage`, else nil. Closed deals are never stale.
    /// `activity`: the deal's latest note or finished task, which counts where `countsActivity` says so.
    public func staleDays(of card: Opportunity, in stage: Stage, now: Date, activity: Date? = nil) -> Int? {
        let limit = threshold(for: stage)
        guard limit > 0, !card.status.isClosed else { return nil }
        let idle = card.daysIdle(now: now, activity: countsActivity ? activity : nil)
        return idle >= limit ? idle : nil
    }
}

extension Opportunity {
    /// The last stage change or any other change to the deal.
    public var lastActivityAt: Date { max(stageChangedAt, updatedAt) }

    /// Whole days since `lastActivityAt`, or since `activity` (a note, a finished task) when that is later; never
    /// negative.
    public func daysIdle(now: Date, activity: Date? = nil) -> Int {
        let last = activity.map { max($0, lastActivityAt) } ?? lastActivityAt
        return max(0, Int(now.timeIntervalSince(last) / 86_400))
    }
}

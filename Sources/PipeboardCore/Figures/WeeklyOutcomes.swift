import Foundation

/// Sums of won or lost deals in one currency for one week back from now, from the cache.
public struct OutcomeWeekSums: Hashable, Sendable {
    public var status: OpportunityStatus
    /// 0 = the last seven days, 1 = the seven before, ...
    public var weeksAgo: Int
    public var currency: String
    public var count: Int
    public var micros: Int64

    public init(status: OpportunityStatus, weeksAgo: Int, currency: String, count: Int, micros: Int64) {
        self.status = status
        self.weeksAgo = weeksAgo
        self.currency = currency
        self.count = count
        self.micros = micros
    }
}

/// Won and lost value per week for the last `weeks` weeks, oldest first, currencies apart.
///
/// A closed deal counts in the week its status changed: set at the local change, or the provider's own time
/// (HighLevel's `lastStatusChangeAt`); where neither is known, the week it was last changed (`updated_at`).
public struct WeeklyOutcomes: Hashable, Sendable {
    public static let weeks = 12
    public static let secondsPerWeek: Double = 7 * 86_400

    public var won: [MoneyTotals]
    public var lost: [MoneyTotals]
    public var wonCount: [Int]
    public var lostCount: [Int]

    public init(sums: [OutcomeWeekSums], weeks: Int = WeeklyOutcomes.weeks) {
        won = Array(repeating: MoneyTotals(), count: weeks)
        lost = Array(repeating: MoneyTotals(), count: weeks)
        wonCount = Array(repeating: 0, count: weeks)
        lostCount = Array(repeating: 0, count: weeks)
        for sum in sums where (0..<weeks).contains(sum.weeksAgo) {
            let slot = weeks - 1 - sum.weeksAgo
            switch sum.status {
            case .won:
                wonCount[slot] += sum.count
                won[slot].addIfValued(sum.micros, sum.currency)
            case .lost:
                lostCount[slot] += sum.count
                lost[slot].addIfValued(sum.micros, sum.currency)
            case .open, .abandoned:
                continue
            }
        }
    }

    /// The currency the sparkline follows: the one with the most won plus lost value.
    public var mainCurrency: String? {
        var all = MoneyTotals()
        for week in won + lost {
            for amount in week.amounts {
                all.add(Money(micros: amount.micros == .min ? .max : abs(amount.micros), currency: amount.currency))
            }
        }
        return all.amounts.first?.currency
    }

    /// One currency's weekly micros, oldest first.
    public func series(_ status: OpportunityStatus, currency: String) -> [Int64] {
        (status == .won ? won : lost).map { $0.microsByCurrency[currency] ?? 0 }
    }

    public var isEmpty: Bool { wonCount.allSatisfy { $0 == 0 } && lostCount.allSatisfy { $0 == 0 } }
}

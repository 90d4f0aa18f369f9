import Foundation

/// Sums of won or lost deals in one currency for one week back from now, from the cache.
public struct OutcomeWeekSums: Hashable, Sendable {
    public var status: OpportunityStatus
    /// 0 = today and the six days before (UTC days), 1 = the seven before, ...
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
/// Weeks are whole UTC days, the last one ending today, so that the cache can keep each day's sums and a board of
/// a million deals reads a few hundred of them instead of every closed deal.
public struct WeeklyOutcomes: Hashable, Sendable {
    public static let weeks = 12
    public static let secondsPerWeek: Double = 7 * 86_400

    /// The UTC day `date` falls on, counted from the reference date (2001-01-01, a midnight).
    public static func dayNumber(of date: Date) -> Int {
        Int((date.timeIntervalSinceReferenceDate / 86_400).rounded(.down))
    }

    /// The week back from the day of `now` that a deal closed on `day` counts in, or nil when that day is after
    /// today or `weeks` weeks back or more.
    public static func weeksAgo(day: Int, now: Date, weeks: Int) -> Int? {
        let daysAgo = dayNumber(of: now) - day
        guard daysAgo >= 0, daysAgo < weeks * 7 else { return nil }
        return daysAgo / 7
    }

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

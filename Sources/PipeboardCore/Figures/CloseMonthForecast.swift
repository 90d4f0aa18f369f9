import Foundation

/// Sums of the open and won deals of one stage, one currency and one expected close month, from the cache.
public struct CloseMonthSums: Hashable, Sendable {
    public var stageID: String
    public var status: OpportunityStatus
    /// "2026-03"; nil for deals without a close date.
    public var month: String?
    public var count: Int
    public var micros: Int64
    public var weighting: WeightedSums
    /// The stage's probability (the provider's, else the config's default), for deals without their own.
    public var stageProbability: Double?

    public init(
        stageID: String, status: OpportunityStatus, month: String?, count: Int, micros: Int64, weighting: WeightedSums,
        stageProbability: Double?
    ) {
        self.stageID = stageID
        self.status = status
        self.month = month
        self.count = count
        self.micros = micros
        self.weighting = weighting
        self.stageProbability = stageProbability
    }

    public var currency: String { weighting.currency }
}

/// Weighted value of the open deals by expected close month for the months ahead, with the pipeline's open,
/// weighted and won totals. Currencies are never added together.
public struct CloseMonthForecast: Hashable, Sendable {
    public struct Month: Hashable, Sendable {
        /// "2026-03".
        public var month: String
        public var count: Int
        /// Deals per currency ("" for deals without a value), so a view of one currency counts only its deals.
        public var countByCurrency: [String: Int] = [:]
        public var open: MoneyTotals
        public var weighted: MoneyTotals

        /// "Mar 2026".
        public var label: String { CloseMonthForecast.label(month) }
    }

    public var months: [Month]
    /// Open deals whose close date has passed, and those without one: kept out of the months, counted apart.
    public var overdue: Month
    public var undated: Month
    public var openTotals: MoneyTotals
    public var weightedTotals: MoneyTotals
    public var wonTotals: MoneyTotals
    public var wonCount: Int

    public static let monthsAhead = 6

    /// The current month (UTC) and the `monthsAhead - 1` after it.
    public init(sums: [CloseMonthSums], now: Date, monthsAhead: Int = CloseMonthForecast.monthsAhead) {
        let keys = CloseMonthForecast.months(from: now, count: monthsAhead)
        var months = Dictionary(
            uniqueKeysWithValues: keys.map {
                ($0, Month(month: $0, count: 0, open: MoneyTotals(), weighted: MoneyTotals()))
            })
        var overdue = Month(month: "overdue", count: 0, open: MoneyTotals(), weighted: MoneyTotals())
        var undated = Month(month: "none", count: 0, open: MoneyTotals(), weighted: MoneyTotals())
        var openTotals = MoneyTotals(), weightedTotals = MoneyTotals(), wonTotals = MoneyTotals()
        var wonCount = 0
        let first = keys.first ?? ""
        for sum in sums {
            switch sum.status {
            case .won:
                wonCount += sum.count
                wonTotals.addIfValued(sum.micros, sum.currency)
            case .open:
                let weighted = sum.weighting.weighted(stageProbability: sum.stageProbability)
                openTotals.addIfValued(sum.micros, sum.currency)
                weightedTotals.addIfValued(weighted.micros, sum.currency)
                func add(to bucket: inout Month) {
                    bucket.count += sum.count
                    bucket.countByCurrency[sum.currency, default: 0] += sum.count
                    bucket.open.addIfValued(sum.micros, sum.currency)
                    bucket.weighted.addIfValued(weighted.micros, sum.currency)
                }
                if let month = sum.month {
                    if month < first { add(to: &overdue) } else if months[month] != nil { add(to: &months[month]!) }
                } else {
                    add(to: &undated)
                }
            case .lost, .abandoned:
                continue
            }
        }
        self.months = keys.compactMap { months[$0] }
        self.overdue = overdue
        self.undated = undated
        self.openTotals = openTotals
        self.weightedTotals = weightedTotals
        self.wonTotals = wonTotals
        self.wonCount = wonCount
    }

    /// Every currency with a weighted amount in the months shown, largest first.
    public var currencies: [String] {
        var all = MoneyTotals()
        for month in months { for amount in month.weighted.amounts { all.add(amount) } }
        for amount in weightedTotals.amounts where all.microsByCurrency[amount.currency] == nil {
            all.add(Money.zero(amount.currency))
        }
        return all.amounts.map(\.currency)
    }

    /// "2026-01", "2026-02", ... starting with `now`'s month in UTC.
    public static func months(from now: Date, count: Int) -> [String] {
        let day = ISODay.string(from: now)
        guard let year = Int(day.prefix(4)), let month = Int(day.dropFirst(5).prefix(2)) else { return [] }
        return (0..<max(0, count)).map { offset in
            let index = (month - 1) + offset
            return ISODay.month(year: year + index / 12, month: index % 12 + 1)
        }
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "2026-03" → "Mar 2026".
    public static func label(_ month: String) -> String {
        guard month.count == 7, let number = Int(month.suffix(2)), (1...12).contains(number) else { return month }
        return "\(monthNames[number - 1]) \(month.prefix(4))"
    }
}

extension MoneyTotals {
    /// Adds an amount unless its deals had no currency (no value at all).
    mutating func addIfValued(_ micros: Int64, _ currency: String) {
        guard !currency.isEmpty else { return }
        add(Money(micros: micros, currency: currency))
    }
}

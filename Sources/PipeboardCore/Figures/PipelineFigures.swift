import Foundation

/// Every figure of one pipeline that the board's pictures and `pipeboard report` show, from one snapshot of the
/// cache. One source of truth: the views and the report only format these.
public struct PipelineFigures: Hashable, Sendable {
    public struct StageLine: Hashable, Sendable {
        public var stage: Stage
        /// Matching deals in the stage (the board's filter), their value, and the open ones among them.
        public var count: Int
        public var totals: MoneyTotals
        public var openCount: Int
        public var openTotals: MoneyTotals
        public var weighted: MoneyTotals
        public var averageDaysInStage: Double?
        /// From the funnel: deals in this stage or a later one, and the share of the previous stage's.
        public var reached: Int
        public var conversion: Double?
    }

    public var account: String
    public var pipeline: Pipeline
    public var now: Date
    public var stages: [StageLine]
    /// The summary line: open and weighted value over the matching deals, per currency.
    public var openTotals: MoneyTotals
    public var weightedTotals: MoneyTotals
    public var openCount: Int
    public var funnel: Funnel
    public var forecast: CloseMonthForecast
    public var outcomes: WeeklyOutcomes

    public init(snapshot: BoardSnapshot, now: Date) {
        account = snapshot.account
        pipeline = snapshot.pipeline
        self.now = now
        funnel = Funnel(columns: snapshot.columns)
        forecast = CloseMonthForecast(sums: snapshot.closeMonths, now: now)
        outcomes = WeeklyOutcomes(sums: snapshot.outcomeWeeks)
        var open = MoneyTotals(), weighted = MoneyTotals()
        var openCount = 0
        stages = zip(snapshot.columns, funnel.steps).map { column, step in
            for amount in column.openTotals.amounts { open.add(amount) }
            for amount in column.weighted.amounts { weighted.add(amount) }
            openCount += column.openCount
            return StageLine(
                stage: column.stage, count: column.count, totals: column.totals, openCount: column.openCount,
                openTotals: column.openTotals, weighted: column.weighted,
                averageDaysInStage: column.averageDaysInStage(now: now), reached: step.reached,
                conversion: step.conversion)
        }
        openTotals = open
        weightedTotals = weighted
        self.openCount = openCount
    }
}

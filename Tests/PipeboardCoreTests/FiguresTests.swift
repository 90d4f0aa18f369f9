import Foundation
import PipeboardCore
import Testing

@Suite("Pipeline figures")
struct FiguresTests {
    static let now = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01 UTC
    static let pipeline = Pipeline(
        id: "p", name: "Sales",
        stages: [
            Stage(id: "a", name: "Lead", position: 0, probability: 0.1),
            Stage(id: "b", name: "Proposal", position: 1),
            Stage(id: "c", name: "Won", position: 2, probability: 1),
        ])

    @Test func probabilityIsTheDealsElseTheStagesElseNothing() {
        #expect(Weighting.probability(deal: 0.3, stage: 0.9) == 0.3)
        #expect(Weighting.probability(deal: nil, stage: 0.9) == 0.9)
        #expect(Weighting.probability(deal: nil, stage: nil) == 0)
        #expect(Weighting.probability(deal: 7, stage: nil) == 1)
        #expect(Weighting.weightedMicros(ownWeighted: 250, withoutOwn: 1_000, stageProbability: 0.5) == 750)
        #expect(Weighting.weightedMicros(ownWeighted: 250, withoutOwn: 1_000, stageProbability: nil) == 250)
    }

    @Test func configDefaultsFillOnlyStagesWithoutAProbability() {
        let defaults = StageProbabilityDefaults(["proposal": 0.6, "A": 0.5, "won": 0.2])
        let applied = defaults.applied(to: Self.pipeline)
        #expect(applied.stages.map(\.probability) == [0.1, 0.6, 1])
        #expect(StageProbabilityDefaults(["B": 0.4]).applied(to: Self.pipeline).stages[1].probability == 0.4)
        #expect(StageProbabilityDefaults().applied(to: Self.pipeline) == Self.pipeline)
    }

    func column(_ index: Int, count: Int, usd: Int64 = 0) -> ColumnSnapshot {
        var totals = MoneyTotals()
        if usd > 0 { totals.add(Money(micros: usd, currency: "USD")) }
        return ColumnSnapshot(stage: Self.pipeline.stages[index], count: count, totals: totals, offset: 0, cards: [])
    }

    @Test func funnelConversionIsTheShareThatReachedTheNextStage() {
        let funnel = Funnel(columns: [column(0, count: 6), column(1, count: 3), column(2, count: 1)])
        #expect(funnel.steps.map(\.reached) == [10, 4, 1])
        #expect(funnel.steps[0].conversion == nil)
        #expect(funnel.steps[1].conversion == 0.4)
        #expect(funnel.steps[2].conversion == 0.25)
        #expect(funnel.overallConversion == 0.1)
        let empty = Funnel(columns: [column(0, count: 0), column(1, count: 0)])
        #expect(empty.steps.map(\.conversion) == [nil, nil])
        #expect(empty.overallConversion == nil)
    }

    func sums(
        _ stage: String, _ status: OpportunityStatus, _ month: String?, _ currency: String, micros: Int64,
        own: Double = 0, without: Int64 = 0
    ) -> CloseMonthSums {
        CloseMonthSums(
            stageID: stage, status: status, month: month, count: 1, micros: micros,
            weighting: WeightedSums(currency: currency, ownWeightedMicros: own, withoutOwnMicros: without),
            stageProbability: Self.pipeline.stages.first { $0.id == stage }?.probability)
    }

    @Test func forecastBucketsByCloseMonthAndKeepsCurrenciesApart() {
        let forecast = CloseMonthForecast(
            sums: [
                sums("a", .open, "2026-01", "USD", micros: 1_000, without: 1_000), // 10% from the stage
                sums("b", .open, "2026-01", "EUR", micros: 2_000, own: 1_000), // its own 50%
                sums("b", .open, "2026-03", "USD", micros: 4_000, without: 4_000), // no probability anywhere
                sums("a", .open, "2026-06", "USD", micros: 500, without: 500),
                sums("a", .open, "2026-07", "USD", micros: 9_000, without: 9_000), // past the six months
                sums("a", .open, "2025-11", "USD", micros: 3_000, without: 3_000), // overdue
                sums("a", .open, nil, "USD", micros: 7_000, without: 7_000), // no close date
                sums("c", .won, "2025-12", "USD", micros: 8_000, without: 8_000),
                sums("c", .won, nil, "", micros: 0), // won without a value
            ], now: Self.now)
        #expect(forecast.months.map(\.month) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"])
        #expect(forecast.months[0].label == "Jan 2026")
        #expect(forecast.months[0].weighted.microsByCurrency == ["USD": 100, "EUR": 1_000])
        #expect(forecast.months[0].count == 2)
        #expect(forecast.months[0].countByCurrency == ["USD": 1, "EUR": 1])
        #expect(forecast.months[2].weighted.microsByCurrency == ["USD": 0])
        #expect(forecast.months[2].open.microsByCurrency == ["USD": 4_000])
        #expect(forecast.months[5].weighted.microsByCurrency == ["USD": 50])
        #expect(forecast.overdue.open.microsByCurrency == ["USD": 3_000])
        #expect(forecast.undated.open.microsByCurrency == ["USD": 7_000])
        #expect(forecast.openTotals.microsByCurrency == ["USD": 24_500, "EUR": 2_000])
        #expect(forecast.weightedTotals.microsByCurrency == ["USD": 100 + 50 + 900 + 300 + 700, "EUR": 1_000])
        #expect(forecast.wonTotals.microsByCurrency == ["USD": 8_000])
        #expect(forecast.wonCount == 2)
        #expect(forecast.currencies == ["EUR", "USD"]) // the largest weighted amount in the months first
    }

    @Test func monthsRollOverTheYear() {
        let november = Date(timeIntervalSince1970: 1_793_491_200) // 2026-11-01
        #expect(CloseMonthForecast.months(from: november, count: 4) == ["2026-11", "2026-12", "2027-01", "2027-02"])
    }

    @Test func weeklyOutcomesPutTheNewestWeekLast() {
        let outcomes = WeeklyOutcomes(sums: [
            OutcomeWeekSums(status: .won, weeksAgo: 0, currency: "USD", count: 2, micros: 500),
            OutcomeWeekSums(status: .won, weeksAgo: 11, currency: "USD", count: 1, micros: 100),
            OutcomeWeekSums(status: .lost, weeksAgo: 3, currency: "EUR", count: 1, micros: 9_000),
            OutcomeWeekSums(status: .won, weeksAgo: 12, currency: "USD", count: 1, micros: 7),
        ])
        #expect(outcomes.series(.won, currency: "USD") == [100] + Array(repeating: 0, count: 10) + [500])
        #expect(outcomes.wonCount.reduce(0, +) == 3)
        #expect(outcomes.lost[8].microsByCurrency == ["EUR": 9_000])
        #expect(outcomes.mainCurrency == "EUR")
        #expect(WeeklyOutcomes(sums: []).isEmpty)
    }

    @Test func figuresAddTheSummaryLineFromTheColumns() {
        var lead = column(0, count: 2, usd: 3_000)
        lead.openCount = 2
        lead.openTotals = MoneyTotals(["USD": 3_000])
        lead.weighted = MoneyTotals(["USD": 300])
        lead.averageStageEntry = Self.now.addingTimeInterval(-3 * 86_400)
        var proposal = column(1, count: 1)
        proposal.openCount = 1
        proposal.openTotals = MoneyTotals(["EUR": 500])
        proposal.weighted = MoneyTotals(["EUR": 250])
        let snapshot = BoardSnapshot(
            account: "x", providerName: "Local", pipelines: [Self.pipeline], pipeline: Self.pipeline,
            columns: [lead, proposal, column(2, count: 1, usd: 1_000)], capabilities: .all, fieldSpecs: [])
        let figures = PipelineFigures(snapshot: snapshot, now: Self.now)
        #expect(figures.openTotals.microsByCurrency == ["USD": 3_000, "EUR": 500])
        #expect(figures.weightedTotals.microsByCurrency == ["USD": 300, "EUR": 250])
        #expect(figures.openCount == 3)
        #expect(figures.stages[0].averageDaysInStage == 3)
        #expect(figures.stages[1].averageDaysInStage == nil)
        #expect(figures.stages[2].conversion == 0.5)
    }
}

import Foundation
import GRDB
import PipeboardCore
import Testing
@testable import PipeboardStore

@Suite("Figure queries")
struct FigureQueryTests {
    static func deal(
        _ name: String, stage: String, value: Money?, status: OpportunityStatus = .open, probability: Double? = nil,
        close: String? = nil, daysInStage: Double = 0, updatedDaysAgo: Double = 0, account: String = "acme"
    ) -> Opportunity {
        Opportunity(
            account: account, pipelineID: "sales", stageID: stage, name: name, value: value, status: status,
            closeDate: close, probability: probability, createdAt: referenceNow.addingTimeInterval(-100 * 86_400),
            updatedAt: referenceNow.addingTimeInterval(-updatedDaysAgo * 86_400),
            stageChangedAt: referenceNow.addingTimeInterval(-daysInStage * 86_400))
    }

    /// Lead (10%): 100 USD with its own 50%, 200 USD on the stage's 10%, 40 EUR on the stage's, a card without value,
    /// a lost 1000 USD. Proposal (50%): 300 USD. Won: 500 USD won a week and a half ago, 70 USD lost today.
    static func seeded() throws -> CacheStore {
        let store = try CacheStore.inMemory()
        try store.seed([
            deal("own", stage: "lead", value: usd(100), probability: 0.5, close: "2026-01-15", daysInStage: 2),
            deal("stage", stage: "lead", value: usd(200), close: "2026-02-01", daysInStage: 4),
            deal("euro", stage: "lead", value: eur(40), close: "2026-01-31", daysInStage: 6),
            deal("novalue", stage: "lead", value: nil, daysInStage: 8),
            deal("lost", stage: "lead", value: usd(1_000), status: .lost, daysInStage: 50, updatedDaysAgo: 20),
            deal("proposal", stage: "proposal", value: usd(300), close: "2025-12-01", daysInStage: 1),
            deal("won", stage: "won", value: usd(500), status: .won, close: "2025-12-20", updatedDaysAgo: 10),
            deal("lost-today", stage: "won", value: usd(70), status: .lost, updatedDaysAgo: 0.5),
            deal("old-win", stage: "won", value: usd(9), status: .won, updatedDaysAgo: 120),
            deal("foreign", stage: "lead", value: usd(999), account: "globex"),
        ])
        return store
    }

    @Test func columnsCarryTheWeightedForecastAndDaysInStageOfTheOpenDeals() throws {
        let columns = try Self.seeded().columns(account: "acme", pipeline: salesPipeline, query: BoardQuery())
        let lead = columns[0]
        #expect(lead.count == 5)
        #expect(lead.openCount == 4)
        #expect(lead.openTotals == MoneyTotals(["USD": 300 * Money.microsPerUnit, "EUR": 40 * Money.microsPerUnit]))
        // 100 × 50% + 200 × 10%; 40 × 10%. The lost card adds nothing.
        #expect(lead.weighted == MoneyTotals(["USD": 70 * Money.microsPerUnit, "EUR": 4 * Money.microsPerUnit]))
        #expect(abs((lead.averageDaysInStage(now: referenceNow) ?? 0) - 5) < 0.0001)
        #expect(columns[1].weighted == MoneyTotals(["USD": 150 * Money.microsPerUnit]))
        #expect(columns[2].openCount == 0 && columns[2].weighted.isEmpty && columns[2].averageStageEntry == nil)
        let openOnly = try Self.seeded().columns(
            account: "acme", pipeline: salesPipeline, query: BoardQuery(statuses: [.lost]))
        #expect(openOnly[0].count == 1 && openOnly[0].weighted.isEmpty)
    }

    @Test func stagesWithoutAProbabilityWeighNothingUnlessTheConfigGivesOne() throws {
        var pipeline = salesPipeline
        pipeline.stages[0].probability = nil
        let store = try Self.seeded()
        #expect(
            try store.columns(account: "acme", pipeline: pipeline, query: BoardQuery())[0].weighted
                == MoneyTotals(["USD": 50 * Money.microsPerUnit, "EUR": 0]))
        let configured = StageProbabilityDefaults(["Lead": 0.25]).applied(to: pipeline)
        #expect(
            try store.columns(account: "acme", pipeline: configured, query: BoardQuery())[0].weighted
                == MoneyTotals(["USD": 100 * Money.microsPerUnit, "EUR": 10 * Money.microsPerUnit]))
    }

    @Test func closeMonthSumsFeedTheForecast() throws {
        let sums = try Self.seeded().closeMonthSums(account: "acme", pipeline: salesPipeline)
        #expect(Set(sums.map(\.status)) == [.open, .won])
        let forecast = CloseMonthForecast(sums: sums, now: referenceNow)
        #expect(
            forecast.months[0].weighted
                == MoneyTotals(["USD": 50 * Money.microsPerUnit, "EUR": 4 * Money.microsPerUnit]))
        #expect(forecast.months[1].weighted == MoneyTotals(["USD": 20 * Money.microsPerUnit]))
        #expect(forecast.overdue.weighted == MoneyTotals(["USD": 150 * Money.microsPerUnit]))
        #expect(forecast.undated.count == 1)
        #expect(forecast.wonTotals == MoneyTotals(["USD": 509 * Money.microsPerUnit]))
        #expect(
            forecast.openTotals == MoneyTotals(["USD": 600 * Money.microsPerUnit, "EUR": 40 * Money.microsPerUnit]))
    }

    @Test func outcomeWeeksCountClosedDealsInTheWeekTheyLastChanged() throws {
        let sums = try Self.seeded().outcomeWeekSums(
            account: "acme", pipeline: salesPipeline, now: referenceNow, weeks: 12)
        let outcomes = WeeklyOutcomes(sums: sums)
        #expect(outcomes.series(.won, currency: "USD").last == 0)
        #expect(outcomes.series(.won, currency: "USD")[10] == 500 * Money.microsPerUnit)
        #expect(outcomes.series(.lost, currency: "USD")[11] == 70 * Money.microsPerUnit)
        #expect(outcomes.series(.lost, currency: "USD")[9] == 1_000 * Money.microsPerUnit)
        #expect(outcomes.wonCount.reduce(0, +) == 1) // the win 120 days ago is out of range
    }

    /// Weeks are whole UTC days ending today, in the cache's kept sums and in a past board's replay alike: a deal
    /// closed just after midnight six days back is this week, one closed just before it the week before, and one
    /// closed later today (a provider's clock ahead of ours) this week too.
    @Test func outcomeWeeksAreWholeUTCDaysEndingToday() throws {
        let midnight = (referenceNow.timeIntervalSinceReferenceDate / 86_400).rounded(.down) * 86_400
        let sixDaysBack = Date(timeIntervalSinceReferenceDate: midnight - 6 * 86_400)
        let tonight = Date(timeIntervalSinceReferenceDate: midnight + 86_400 - 60)
        var cards = [
            Self.deal("after midnight", stage: "won", value: usd(10), status: .won),
            Self.deal("before midnight", stage: "won", value: usd(20), status: .won),
            Self.deal("tonight", stage: "won", value: usd(40), status: .lost),
        ]
        cards[0].statusChangedAt = sixDaysBack.addingTimeInterval(60)
        cards[1].statusChangedAt = sixDaysBack.addingTimeInterval(-60)
        cards[2].statusChangedAt = tonight
        let store = try CacheStore.inMemory()
        try store.seed(cards)
        let sums = try store.outcomeWeekSums(account: "acme", pipeline: salesPipeline, now: referenceNow, weeks: 12)
        let outcomes = WeeklyOutcomes(sums: sums)
        #expect(outcomes.series(.won, currency: "USD")[11] == 10 * Money.microsPerUnit)
        #expect(outcomes.series(.won, currency: "USD")[10] == 20 * Money.microsPerUnit)
        #expect(outcomes.series(.lost, currency: "USD")[11] == 40 * Money.microsPerUnit)
        let replayed = PastColumns.outcomeWeekSums(of: salesPipeline, cards: cards, now: referenceNow, weeks: 12)
        #expect(Set(replayed) == Set(sums))
    }

    /// Every figure reads the covering index in its own order: no table access and no sort.
    @Test func figureQueriesStreamThroughTheCoveringIndex() throws {
        let store = try CacheStore.inMemory()
        let plans = try store.database.read { db in
            try [
                """
                SELECT stage_id, status, currency, COUNT(*), SUM(value_micros * probability), SUM(stage_changed_at)
                FROM opportunity
                WHERE account = 'a' AND pipeline_id = 'p' AND status IN ('open', 'won')
                GROUP BY stage_id, status, currency
                """,
                """
                SELECT stage_id, status, currency, substr(close_date, 1, 7), COUNT(*), SUM(value_micros * probability)
                FROM opportunity
                WHERE account = 'a' AND pipeline_id = 'p' AND status IN ('open', 'won')
                GROUP BY stage_id, status, currency, close_date
                """,
            ].map { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(
                    separator: "\n")
            }
        }
        for plan in plans {
            #expect(plan.contains("COVERING INDEX opportunity_column_totals"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        }
    }
}

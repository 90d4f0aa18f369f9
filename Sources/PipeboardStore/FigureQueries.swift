import Foundation
import GRDB
import PipeboardCore

extension CacheStore {
    /// Open and won deals of a pipeline grouped by stage, status, expected close month and currency, for the
    /// forecast. Over every deal of the pipeline, whatever the board's filter: a forecast is about what is open.
    /// Grouped by day, in the covering index's order so nothing is sorted; `CloseMonthForecast` adds the days up.
    /// Each sum carries its stage's probability from `pipeline`, so sums of several pipelines can be added up.
    package func closeMonthSums(account: String, pipeline: Pipeline) throws -> [CloseMonthSums] {
        let pipelineID = pipeline.id
        let probabilities = Dictionary(
            pipeline.stages.map { ($0.id, $0.probability) }, uniquingKeysWith: { first, _ in first })
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT stage_id, status, currency, substr(close_date, 1, 7) AS month, COUNT(*) AS count,
                           SUM(value_micros) AS micros, SUM(value_micros * probability) AS own_weighted,
                           SUM(CASE WHEN probability IS NULL THEN value_micros END) AS without_own
                    FROM opportunity
                    WHERE account = ? AND pipeline_id = ? AND status IN ('open', 'won')
                    GROUP BY stage_id, status, currency, close_date
                    """, arguments: [account, pipelineID]
            ).map { row in
                let currency: String = try row.checked("currency") as String? ?? ""
                let stageID: String = try row.checked("stage_id")
                return CloseMonthSums(
                    stageID: stageID, status: try status(row), month: try row.checked("month"),
                    count: try row.checked("count"), micros: try row.checked("micros") as Int64? ?? 0,
                    weighting: WeightedSums(
                        currency: currency, ownWeightedMicros: try row.checked("own_weighted") as Double? ?? 0,
                        withoutOwnMicros: try row.checked("without_own") as Int64? ?? 0),
                    stageProbability: probabilities[stageID] ?? nil)
            }
        }
    }

    /// Won and lost deals of a pipeline by the week their status changed (the update time where that is not known),
    /// in the `weeks` weeks up to the day of `now` (`WeeklyOutcomes.weeksAgo`), by week back and currency. Read from
    /// the sums kept per closing day (`outcome_day_totals`), only for the pipeline's own stages, as the board shows.
    package func outcomeWeekSums(account: String, pipeline: Pipeline, now: Date, weeks: Int) throws -> [OutcomeWeekSums]
    {
        let today = WeeklyOutcomes.dayNumber(of: now)
        let stageIDs = pipeline.stages.map(\.id)
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT status, (? - day) / 7 AS weeks_ago, currency, SUM(count) AS count, SUM(micros) AS micros
                    FROM outcome_day_totals
                    WHERE account = ? AND pipeline_id = ? AND status IN ('won', 'lost') AND day > ? AND day <= ?
                      AND stage_id IN (\(stageIDs.map { _ in "?" }.joined(separator: ", ")))
                    GROUP BY status, weeks_ago, currency
                    """,
                arguments: StatementArguments(
                    [today, account, pipeline.id, today - weeks * 7, today] as [any DatabaseValueConvertible])
                    + StatementArguments(stageIDs)
            ).map { row in
                OutcomeWeekSums(
                    status: try status(row), weeksAgo: try row.checked("weeks_ago"),
                    currency: try row.checked("currency"), count: try row.checked("count"),
                    micros: try row.checked("micros"))
            }
        }
    }
}

private func status(_ row: Row) throws -> OpportunityStatus {
    let text: String = try row.checked("status")
    guard let status = OpportunityStatus(rawValue: text) else { throw StoreError.corrupt("value in column status") }
    return status
}

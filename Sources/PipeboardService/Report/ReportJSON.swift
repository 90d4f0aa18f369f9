import Foundation
import PipeboardCore

/// The shape of `pipeboard report --format json`. Amounts are objects from currency code to an exact decimal
/// string ("USD": "12500.5"), so currencies are never added together and no amount goes through a float.
struct ReportJSON: Encodable {
    struct Stage: Encodable {
        let id: String
        let name: String
        let count: Int
        let value: [String: String]
        let open_count: Int
        let open: [String: String]
        let weighted: [String: String]
        let probability: Double?
        let reached: Int
        let conversion: Double?
        let average_days_in_stage: Double?
    }

    struct Month: Encodable {
        let month: String
        let count: Int
        let open: [String: String]
        let weighted: [String: String]
    }

    struct Forecast: Encodable {
        let months: [Month]
        let overdue: Month
        let undated: Month
        let open: [String: String]
        let weighted: [String: String]
        let won: [String: String]
        let won_count: Int
    }

    struct Week: Encodable {
        let week_ending: String
        let won_count: Int
        let won: [String: String]
        let lost_count: Int
        let lost: [String: String]
    }

    let account: String
    let pipeline: String
    let pipeline_id: String
    let as_of: String
    let open_count: Int
    let open: [String: String]
    let weighted: [String: String]
    let stages: [Stage]
    let forecast: Forecast
    let weeks: [Week]

    init(_ figures: PipelineFigures) {
        account = figures.account
        pipeline = figures.pipeline.name
        pipeline_id = figures.pipeline.id
        as_of = ISOTime.string(from: figures.now)
        open_count = figures.openCount
        open = Self.amounts(figures.openTotals)
        weighted = Self.amounts(figures.weightedTotals)
        stages = figures.stages.map { line in
            Stage(
                id: line.stage.id, name: line.stage.name, count: line.count, value: Self.amounts(line.totals),
                open_count: line.openCount, open: Self.amounts(line.openTotals), weighted: Self.amounts(line.weighted),
                probability: line.stage.probability, reached: line.reached, conversion: line.conversion,
                average_days_in_stage: line.averageDaysInStage.map { ($0 * 10).rounded() / 10 })
        }
        let forecast = figures.forecast
        func month(_ month: CloseMonthForecast.Month) -> Month {
            Month(
                month: month.month, count: month.count, open: Self.amounts(month.open),
                weighted: Self.amounts(month.weighted))
        }
        self.forecast = Forecast(
            months: forecast.months.map(month), overdue: month(forecast.overdue), undated: month(forecast.undated),
            open: Self.amounts(forecast.openTotals), weighted: Self.amounts(forecast.weightedTotals),
            won: Self.amounts(forecast.wonTotals), won_count: forecast.wonCount)
        weeks = FiguresReport.weekRows(figures).map {
            Week(
                week_ending: $0.ending, won_count: $0.wonCount, won: Self.amounts($0.won), lost_count: $0.lostCount,
                lost: Self.amounts($0.lost))
        }
    }

    static func amounts(_ totals: MoneyTotals) -> [String: String] {
        totals.microsByCurrency.mapValues { Money(micros: $0, currency: "").decimalString }
    }
}

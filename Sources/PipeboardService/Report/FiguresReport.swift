import Foundation
import PipeboardCore

/// `pipeboard report` as text: the figures the board's pictures show, in Markdown, CSV or JSON.
/// Pure functions of `PipelineFigures`, so the report and the views never disagree.
package enum FiguresReport {
    package enum Format: String, CaseIterable, Sendable {
        case md, csv, json
    }

    /// With `velocity`, each format gains the figures from the deals' transitions (VelocityReport.swift).
    package static func render(_ figures: PipelineFigures, velocity: Velocity? = nil, as format: Format) throws
        -> String
    {
        guard let velocity else {
            switch format {
            case .md: return markdown(figures)
            case .csv: return csv(figures)
            case .json: return try json(figures)
            }
        }
        switch format {
        case .md: return markdown(figures) + "\n" + markdown(velocity)
        case .csv: return csv(figures, velocity: velocity)
        case .json: return try json(figures, velocity: velocity)
        }
    }

    // MARK: Markdown

    package static func markdown(_ figures: PipelineFigures) -> String {
        var lines = [
            "# \(cell(figures.pipeline.name)) (\(cell(figures.account)))", "",
            "As of \(ISODay.string(from: figures.now)).", "",
            "- Open: \(list(figures.openTotals)) (\(deals(figures.openCount)))",
            "- Weighted: \(list(figures.weightedTotals))", "",
            "## Stages", "",
            "| Stage | Deals | Value | Open | Weighted | Probability | Conversion | Avg days in stage |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for line in figures.stages {
            lines.append(
                "| \(cell(line.stage.name)) | \(line.count) | \(list(line.totals)) | \(list(line.openTotals)) | "
                    + "\(list(line.weighted)) | \(percent(line.stage.probability)) | \(percent(line.conversion)) | "
                    + "\(days(line.averageDaysInStage)) |"
            )
        }
        lines += [
            "",
            "Conversion: deals in the stage or a later one, as a share of those in the previous stage or a later one "
                + "(the cache knows where deals are now, not the path they took).", "",
            "## Forecast by expected close month", "",
            "| Month | Deals | Open | Weighted |", "|---|---:|---:|---:|",
        ]
        for month in forecastRows(figures.forecast) {
            lines.append(
                "| \(month.label) | \(month.row.count) | \(list(month.row.open)) | \(list(month.row.weighted)) |")
        }
        lines += [
            "", "- Open: \(list(figures.forecast.openTotals))", "- Weighted: \(list(figures.forecast.weightedTotals))",
            "- Won: \(list(figures.forecast.wonTotals)) (\(deals(figures.forecast.wonCount)))", "",
            "## Won and lost, last \(WeeklyOutcomes.weeks) weeks", "",
            "| Week ending | Won deals | Won | Lost deals | Lost |", "|---|---:|---:|---:|---:|",
        ]
        for week in weekRows(figures) {
            lines.append(
                "| \(week.ending) | \(week.wonCount) | \(list(week.won)) | \(week.lostCount) | \(list(week.lost)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "1 deal", "2 deals".
    private static func deals(_ count: Int) -> String { count == 1 ? "1 deal" : "\(count) deals" }

    // MARK: CSV

    /// One table for scripts: a `section` column (total, stage, forecast, week) and the figures it has.
    /// Amounts are exact decimal strings, one row per currency; never added across currencies.
    package static func csv(_ figures: PipelineFigures) -> String {
        var rows = [
            [
                "section", "name", "currency", "count", "value", "open", "weighted", "probability", "conversion",
                "avg_days_in_stage", "won", "lost",
            ]
        ]
        func amount(_ totals: MoneyTotals, _ currency: String) -> String {
            totals.microsByCurrency[currency].map { Money(micros: $0, currency: currency).decimalString } ?? ""
        }
        func currencies(_ all: [MoneyTotals]) -> [String] {
            let codes = Set(all.flatMap { $0.microsByCurrency.keys }).sorted()
            return codes.isEmpty ? [""] : codes
        }
        func currencies(_ all: MoneyTotals...) -> [String] { currencies(all) }
        // A total row for every currency any figure holds, so none that the other formats list goes missing.
        var value = MoneyTotals()
        for line in figures.stages { for money in line.totals.amounts { value.add(money) } }
        let everywhere =
            [
                value, figures.openTotals, figures.weightedTotals, figures.forecast.openTotals,
                figures.forecast.weightedTotals, figures.forecast.wonTotals,
            ]
            + forecastRows(figures.forecast).flatMap { [$0.row.open, $0.row.weighted] }
            + weekRows(figures).flatMap { [$0.won, $0.lost] }
        for currency in currencies(everywhere) {
            rows.append([
                "total", figures.pipeline.name, currency, String(figures.openCount), amount(value, currency),
                amount(figures.openTotals, currency), amount(figures.weightedTotals, currency), "", "", "",
                amount(figures.forecast.wonTotals, currency), "",
            ])
        }
        for line in figures.stages {
            for currency in currencies(line.totals, line.openTotals, line.weighted) {
                rows.append([
                    "stage", line.stage.name, currency, String(line.count), amount(line.totals, currency),
                    amount(line.openTotals, currency), amount(line.weighted, currency),
                    line.stage.probability.map { decimal($0) } ?? "", line.conversion.map { decimal($0) } ?? "",
                    line.averageDaysInStage.map { String(format: "%.1f", $0) } ?? "", "", "",
                ])
            }
        }
        for month in forecastRows(figures.forecast) {
            for currency in currencies(month.row.open, month.row.weighted) {
                rows.append([
                    "forecast", month.key, currency, String(month.row.count), "", amount(month.row.open, currency),
                    amount(month.row.weighted, currency), "", "", "", "", "",
                ])
            }
        }
        for week in weekRows(figures) {
            for currency in currencies(week.won, week.lost) {
                rows.append([
                    "week", week.ending, currency, String(week.wonCount + week.lostCount), "", "", "", "", "", "",
                    amount(week.won, currency), amount(week.lost, currency),
                ])
            }
        }
        return rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    package static func json(_ figures: PipelineFigures) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(ReportJSON(figures)), as: UTF8.self)
    }

    // MARK: Shared rows

    struct MonthRow { var key: String; var label: String; var row: CloseMonthForecast.Month }

    /// The six months, then overdue and undated deals when there are any.
    static func forecastRows(_ forecast: CloseMonthForecast) -> [MonthRow] {
        var rows = forecast.months.map { MonthRow(key: $0.month, label: $0.label, row: $0) }
        if forecast.overdue.count > 0 { rows.append(MonthRow(key: "overdue", label: "Overdue", row: forecast.overdue)) }
        if forecast.undated.count > 0 {
            rows.append(MonthRow(key: "none", label: "No close date", row: forecast.undated))
        }
        return rows
    }

    struct WeekRow {
        var ending: String; var wonCount: Int; var won: MoneyTotals; var lostCount: Int; var lost: MoneyTotals
    }

    /// Oldest first; each week ends on the day shown (the last one today).
    static func weekRows(_ figures: PipelineFigures) -> [WeekRow] {
        let outcomes = figures.outcomes
        return outcomes.won.indices.map { slot in
            let weeksAgo = outcomes.won.count - 1 - slot
            let ending = figures.now.addingTimeInterval(-Double(weeksAgo) * WeeklyOutcomes.secondsPerWeek)
            return WeekRow(
                ending: ISODay.string(from: ending), wonCount: outcomes.wonCount[slot], won: outcomes.won[slot],
                lostCount: outcomes.lostCount[slot], lost: outcomes.lost[slot])
        }
    }

    static func list(_ totals: MoneyTotals) -> String {
        totals.isEmpty ? "—" : totals.amounts.map(\.formatted).joined(separator: " + ")
    }

    static func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "—" }
    static func days(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "—" }
    static func decimal(_ value: Double) -> String { String(format: "%.4f", value) }

    /// Markdown table cells: no pipe or newline from a stage or pipeline name can break the table.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// Quoted where needed; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula.
    static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

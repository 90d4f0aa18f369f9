import Foundation
import PipeboardCore

/// The forecast over the board, in one currency: per expected close month the weighted value of the open deals
/// as a bar, with the rest of their open value after it; then overdue and undated deals, and the totals.
func drawForecast(_ figures: PipelineFigures, currency wanted: String?, charset: Charset, into screen: inout Screen) {
    let forecast = figures.forecast
    let currency = wanted ?? forecast.currencies.first
    var rows = forecast.months.map { ($0.label, $0) }
    if forecast.overdue.count > 0 { rows.append(("Overdue", forecast.overdue)) }
    if forecast.undated.count > 0 { rows.append(("No date", forecast.undated)) }
    let totals = forecastTotals(forecast)
    // Border, a blank line, the heading, the months, a blank line, the legend, the totals, a blank line.
    let height = currency == nil ? 5 : 2 + 1 + 1 + rows.count + 1 + 1 + totals.count + 1
    let inner = drawOverlay(
        width: overlayWidth(screen.width, screen: screen), height: overlayHeight(height, screen: screen),
        title: "Forecast · \(figures.pipeline.name)" + (currency.map { " · \($0)" } ?? ""), into: &screen)
    var y = inner.y + 1
    guard let currency else {
        screen.write(
            "No open deals with a value in this pipeline.", x: inner.x, y: y, width: inner.width,
            style: CellStyle(.muted))
        return
    }
    let amounts = rows.map { row in
        (weighted: row.1.weighted.microsByCurrency[currency] ?? 0, open: row.1.open.microsByCurrency[currency] ?? 0)
    }
    let labelWidth = 9
    let weightedWidth = max(
        8, amounts.map { TextWidth.cells(Money(micros: $0.weighted, currency: currency).compact) }.max() ?? 0)
    let openWidth = max(
        13, amounts.map { TextWidth.cells("of " + Money(micros: $0.open, currency: currency).compact) }.max() ?? 0)
    let countWidth = 9
    let barWidth = inner.width - labelWidth - weightedWidth - openWidth - countWidth - 4
    let barsX = inner.x + labelWidth + 1
    let weightedX = barsX + max(0, barWidth) + 1
    let openX = weightedX + weightedWidth + 1
    let countX = openX + openWidth + 1
    let heading = CellStyle(.overlayTitle, bold: true)
    screen.write("Closes", x: inner.x, y: y, width: labelWidth, style: heading)
    screen.writeRight("weighted", x: weightedX, y: y, width: weightedWidth, style: heading)
    screen.writeRight("open", x: openX, y: y, width: openWidth, style: heading)
    screen.writeRight("deals", x: countX, y: y, width: countWidth, style: heading)
    y += 1
    let peak = amounts.map { max($0.open, $0.weighted) }.max() ?? 0
    let lastRow = inner.maxY - totals.count - 2
    for (index, row) in rows.enumerated() where y < lastRow {
        let amount = amounts[index]
        screen.write(
            row.0, x: inner.x, y: y, width: labelWidth, style: CellStyle(.text, bold: index < forecast.months.count))
        if barWidth > 0, peak > 0 {
            let weightedBar = Bars.bar(Double(amount.weighted) / Double(peak), width: barWidth, charset: charset)
            let drawn = screen.write(weightedBar, x: barsX, y: y, width: barWidth, style: CellStyle(.chartWeighted))
            let openCells = Int((Double(amount.open) / Double(peak) * Double(barWidth)).rounded())
            let rest = String(
                repeating: charset == .unicode ? "░" : "-", count: max(0, min(barWidth - drawn, openCells - drawn)))
            screen.write(rest, x: barsX + drawn, y: y, width: barWidth - drawn, style: CellStyle(.chartBar))
        }
        screen.writeRight(
            Money(micros: amount.weighted, currency: currency).compact, x: weightedX, y: y, width: weightedWidth,
            style: CellStyle(.chartWeighted, bold: true))
        screen.writeRight(
            "of " + Money(micros: amount.open, currency: currency).compact, x: openX, y: y, width: openWidth,
            style: CellStyle(.value))
        screen.writeRight(
            String(row.1.countByCurrency[currency] ?? 0), x: countX, y: y, width: countWidth, style: CellStyle(.muted))
        y += 1
    }
    y = max(y + 1, lastRow + 1)
    let legend = charset == .unicode ? "█ weighted  ░ rest of the open value" : "# weighted  - rest of the open value"
    screen.write(legend, x: inner.x, y: y - 1, width: inner.width, style: CellStyle(.muted))
    for (label, text, role) in totals where y < inner.maxY {
        let used = screen.write(label, x: inner.x, y: y, width: inner.width, style: CellStyle(.muted))
        screen.write(text, x: inner.x + used, y: y, width: inner.width - used, style: CellStyle(role, bold: true))
        y += 1
    }
}

/// The totals under the forecast, every currency apart: open, weighted, won.
func forecastTotals(_ forecast: CloseMonthForecast) -> [(String, String, ColorRole)] {
    func list(_ totals: MoneyTotals) -> String {
        totals.isEmpty ? "—" : totals.amounts.map(\.formatted).joined(separator: "  ")
    }
    return [
        ("Open      ", list(forecast.openTotals), .value),
        ("Weighted  ", list(forecast.weightedTotals), .chartWeighted),
        (
            "Won       ",
            list(forecast.wonTotals) + (forecast.wonCount == 1 ? " (1 deal)" : " (\(forecast.wonCount) deals)"), .won
        ),
    ]
}

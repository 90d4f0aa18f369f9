import Foundation
import PipeboardCore

/// The pipeline summary line: open total and weighted total per currency, then won and lost value per week
/// for the last twelve weeks as sparklines (in the currency with the most closed value), right-aligned.
func drawSummaryLine(_ figures: PipelineFigures, charset: Charset, y: Int, width: Int, into screen: inout Screen) {
    var x = 1
    let totalsWidth = max(8, (width - 40) / 2)
    x += screen.write("Open ", x: x, y: y, width: width - x, style: CellStyle(.muted))
    x += screen.write(
        figures.openTotals.isEmpty ? "—" : Formatting.totals(figures.openTotals, width: totalsWidth),
        x: x, y: y, width: width - x, style: CellStyle(.value, bold: true))
    x += screen.write("  Weighted ", x: x, y: y, width: width - x, style: CellStyle(.muted))
    x += screen.write(
        figures.weightedTotals.isEmpty ? "—" : Formatting.totals(figures.weightedTotals, width: totalsWidth),
        x: x, y: y, width: width - x, style: CellStyle(.chartWeighted, bold: true))
    drawTrend(figures.outcomes, charset: charset, y: y, left: x + 2, right: width - 1, into: &screen)
}

/// "12 wk  won $ ▁▂▅█  lost $ ▁▁▃" ending at `right`, or nothing when it does not fit.
private func drawTrend(
    _ outcomes: WeeklyOutcomes, charset: Charset, y: Int, left: Int, right: Int, into screen: inout Screen
) {
    let label = "\(WeeklyOutcomes.weeks) wk"
    guard let currency = outcomes.mainCurrency else {
        let text = "\(label): nothing won or lost"
        if right - left >= TextWidth.cells(text) {
            screen.writeRight(text, x: left, y: y, width: right - left, style: CellStyle(.muted))
        }
        return
    }
    let symbol = Money.symbol(for: currency).trimmingCharacters(in: .whitespaces)
    let won = Bars.sparkline(outcomes.series(.won, currency: currency), charset: charset)
    let lost = Bars.sparkline(outcomes.series(.lost, currency: currency), charset: charset)
    // The full form, else a compact one without the period and currency labels.
    let forms: [[(String, ColorRole)]] = [
        [("\(label)  won \(symbol) ", .muted), (won, .won), ("  lost \(symbol) ", .muted), (lost, .lost)],
        [("won ", .muted), (won, .won), (" lost ", .muted), (lost, .lost)],
    ]
    guard let parts = forms.first(where: { form in right - left >= form.reduce(0) { $0 + TextWidth.cells($1.0) } })
    else { return }
    var x = right - parts.reduce(0) { $0 + TextWidth.cells($1.0) }
    for (text, role) in parts { x += screen.write(text, x: x, y: y, width: right - x, style: CellStyle(role)) }
}

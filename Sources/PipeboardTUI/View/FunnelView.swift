import Foundation
import PipeboardCore

/// The funnel over the board: one bar per stage (deals, or value in one currency), the stage-to-stage
/// conversion beside it, and the average days in stage.
func drawFunnel(_ figures: PipelineFigures, measure: ChartMeasure, charset: Charset, into screen: inout Screen) {
    let what: String
    switch measure {
    case .count: what = "deals"
    case .value(let currency): what = "value in \(currency)"
    }
    let width = overlayWidth(screen.width, screen: screen)
    let footer = funnelFooter(figures.funnel).flatMap { wrap($0, width: width - 4) }
    // Border, a blank line, the heading, one line per stage, a blank line, the footer, a blank line.
    let height = 2 + 1 + 1 + figures.stages.count + 1 + footer.count + 1
    let inner = drawOverlay(
        width: width, height: overlayHeight(height, screen: screen),
        title: "Funnel · \(figures.pipeline.name) · \(what)", into: &screen)
    let lines = figures.stages.map {
        line -> (name: String, amount: Double, label: String, conversion: String, days: String) in
        let amount: Double
        let label: String
        switch measure {
        case .count:
            amount = Double(line.count)
            label = String(line.count)
        case .value(let currency):
            let micros = line.totals.microsByCurrency[currency] ?? 0
            amount = Double(micros)
            label = Money(micros: micros, currency: currency).compact
        }
        let conversion = line.conversion.map { "\(Int(($0 * 100).rounded()))%" } ?? ""
        let days = line.averageDaysInStage.map { "\(Int($0))d" } ?? "–"
        return (line.stage.name, amount, label, conversion, days)
    }
    let nameWidth = min(18, max(5, lines.map { TextWidth.cells($0.name) }.max() ?? 0))
    let labelWidth = max(5, lines.map { TextWidth.cells($0.label) }.max() ?? 0)
    let conversionWidth = 5, daysWidth = 8
    let barWidth = inner.width - nameWidth - labelWidth - conversionWidth - daysWidth - 4
    let peak = lines.map(\.amount).max() ?? 0
    var y = inner.y + 1
    let heading = CellStyle(.overlayTitle, bold: true)
    screen.write("Stage", x: inner.x, y: y, width: nameWidth, style: heading)
    let barsX = inner.x + nameWidth + 1
    let labelX = barsX + max(0, barWidth) + 1
    let conversionX = labelX + labelWidth + 1
    let daysX = conversionX + conversionWidth + 1
    screen.writeRight(measure == .count ? "deals" : "value", x: labelX, y: y, width: labelWidth, style: heading)
    screen.writeRight("conv", x: conversionX, y: y, width: conversionWidth, style: heading)
    screen.writeRight("in stage", x: daysX, y: y, width: daysWidth, style: heading)
    y += 1
    let footerLines = footer
    let lastRow = inner.maxY - footerLines.count - 1
    for line in lines where y < lastRow {
        screen.write(line.name, x: inner.x, y: y, width: nameWidth, style: CellStyle(.text, bold: true))
        if barWidth > 0, peak > 0 {
            screen.write(
                Bars.bar(line.amount / peak, width: barWidth, charset: charset), x: barsX, y: y, width: barWidth,
                style: CellStyle(.chartBar))
        }
        screen.writeRight(
            line.label, x: labelX, y: y, width: labelWidth, style: CellStyle(measure == .count ? .text : .value))
        screen.writeRight(line.conversion, x: conversionX, y: y, width: conversionWidth, style: CellStyle(.accent))
        screen.writeRight(line.days, x: daysX, y: y, width: daysWidth, style: CellStyle(.muted))
        y += 1
    }
    y = max(y + 1, lastRow + 1)
    for text in footerLines where y < inner.maxY {
        screen.write(text, x: inner.x, y: y, width: inner.width, style: CellStyle(.muted))
        y += 1
    }
}

/// What the conversion figures mean, in the view itself, and the funnel's overall rate.
func funnelFooter(_ funnel: Funnel) -> [String] {
    var lines = ["conv: deals in this stage or a later one, as a share of those in the previous stage or a later one."]
    if let overall = funnel.overallConversion {
        lines.append("\(funnel.entered) deals entered; \(Int((overall * 100).rounded()))% reached the last stage.")
    }
    return lines
}

import Foundation
import PipeboardCore

/// Velocity over the board: per stage the days deals stayed (median and mean, from real moves), how many entered
/// it in the period and what share went further; then the win rate and the time from creation to won. It says
/// which way the funnel was counted (transitions, or the snapshot for deals without history).
func drawVelocity(_ velocity: Velocity?, span: VelocitySpan, into screen: inout Screen) {
    let width = overlayWidth(78, screen: screen)
    let title = "Velocity · \(span.label)"
    guard let velocity else {
        let area = drawOverlay(width: width, height: 5, title: title, into: &screen)
        screen.writeCentered(
            "Reading the transitions…", x: area.x, y: area.y + 1, width: area.width, style: CellStyle(.overlay))
        return
    }
    let footer = velocityFooter(velocity).flatMap { wrap($0, width: width - 4) }
    let height = overlayHeight(2 + 1 + 1 + velocity.stages.count + 1 + footer.count + 1, screen: screen)
    let area = drawOverlay(width: width, height: height, title: title, into: &screen)
    let columns = [("median", 7), ("mean", 7), ("stays", 6), ("entered", 8), ("further", 8)]
    let numbersWidth = columns.reduce(0) { $0 + $1.1 + 1 }
    let nameWidth = max(5, area.width - numbersWidth)
    let heading = CellStyle(.overlayTitle, bold: true)
    var y = area.y + 1
    screen.write("Stage", x: area.x, y: y, width: nameWidth, style: heading)
    var x = area.x + nameWidth
    for (label, cells) in columns {
        screen.writeRight(label, x: x + 1, y: y, width: cells, style: heading)
        x += cells + 1
    }
    y += 1
    let lastRow = area.maxY - footer.count - 1
    for line in velocity.stages where y < lastRow {
        screen.write(line.stage.name, x: area.x, y: y, width: nameWidth, style: CellStyle(.text, bold: true))
        let values: [(String, ColorRole)] = [
            (line.medianDays.map { String(format: "%.1fd", $0) } ?? "–", .accent),
            (line.meanDays.map { String(format: "%.1fd", $0) } ?? "–", .muted),
            (String(line.stays), .muted),
            (String(line.entered), .text),
            (line.conversion.map { "\(Int(($0 * 100).rounded()))%" } ?? "–", .accent),
        ]
        var x = area.x + nameWidth
        for ((text, role), (_, cells)) in zip(values, columns) {
            screen.writeRight(text, x: x + 1, y: y, width: cells, style: CellStyle(role))
            x += cells + 1
        }
        y += 1
    }
    y = max(y + 1, lastRow + 1)
    for text in footer where y < area.maxY {
        screen.write(text, x: area.x, y: y, width: area.width, style: CellStyle(.muted))
        y += 1
    }
}

/// The win rate, creation to won, and how the funnel was counted.
func velocityFooter(_ velocity: Velocity) -> [String] {
    let rate = velocity.winRate.map { "\(Int(($0 * 100).rounded()))%" } ?? "–"
    let toWon = velocity.medianDaysToWon.map { String(format: "%.1f days", $0) } ?? "–"
    return [
        "Win rate \(rate) (\(velocity.won) won, \(velocity.lost) lost) · created to won: median \(toWon)",
        "Funnel by \(velocity.method): \(velocity.fromTransitions) deals by their moves, \(velocity.fromSnapshot) "
            + "without history by where they are now.",
    ]
}

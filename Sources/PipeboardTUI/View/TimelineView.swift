import Foundation
import PipeboardCore

/// One deal's history over the board: when, what changed (stage moves with the days spent in the stage left), and
/// who, where not this device. The newest lines are kept when they do not all fit.
func drawTimeline(_ card: Opportunity, state: AppState, into screen: inout Screen) {
    let width = overlayWidth(76, screen: screen)
    guard let loaded = state.timeline, loaded.id == card.id else {
        let area = drawOverlay(width: width, height: 5, title: "Timeline · \(card.name)", into: &screen)
        screen.writeCentered(
            "Reading the history…", x: area.x, y: area.y + 1, width: area.width, style: CellStyle(.overlay))
        return
    }
    let names = Dictionary(
        (state.snapshot?.pipeline.stages ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    let entries = DealTimeline.entries(of: card, changes: loaded.changes, stageNames: names, now: state.now)
    let height = overlayHeight(entries.count + 4, screen: screen)
    let area = drawOverlay(width: width, height: height, title: "Timeline · \(card.name)", into: &screen)
    let rows = max(0, area.height - 2)
    let shown = entries.suffix(rows)
    var y = area.y + 1
    if shown.count < entries.count {
        screen.write(
            "… \(entries.count - shown.count) earlier", x: area.x, y: area.y, width: area.width,
            style: CellStyle(.muted))
    }
    let dayWidth = 10
    for entry in shown {
        let day = entry.at.map { ISODay.string(from: $0) } ?? "now"
        screen.write(day, x: area.x, y: y, width: dayWidth, style: CellStyle(.muted))
        let role: ColorRole =
            switch entry.kind {
            case .stage: .accent
            case .value: .value
            case .status: .won
            case .now: .text
            case .created, .other: .text
            }
        let origin = entry.origin.map { "  (\($0))" } ?? ""
        let x = area.x + dayWidth + 2
        let used = screen.write(
            entry.text, x: x, y: y, width: area.width - dayWidth - 2, style: CellStyle(role, bold: entry.kind == .now))
        if !origin.isEmpty, x + used < area.maxX {
            screen.write(origin, x: x + used, y: y, width: area.maxX - x - used, style: CellStyle(.muted))
        }
        y += 1
    }
    if loaded.changes.isEmpty, y < area.maxY {
        screen.write(
            "No changes remembered yet: history starts with this version.", x: area.x, y: y, width: area.width,
            style: CellStyle(.muted))
    }
}

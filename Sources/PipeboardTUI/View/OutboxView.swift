import Foundation
import PipeboardCore

/// The outbox overlay: one row per undelivered change (state, card, what it does), and below the list the
/// chosen change's reason in full.
func drawOutbox(_ list: OutboxListState, state: AppState, into screen: inout Screen) {
    let count = list.items?.count ?? 0
    let height = overlayHeight(max(count, 1) + 8, screen: screen)
    let area = drawOverlay(width: overlayWidth(90, screen: screen), height: height, title: "Outbox", into: &screen)
    guard let items = list.items else {
        screen.write("Loading…", x: area.x, y: area.y + 1, width: area.width, style: CellStyle(.muted))
        return
    }
    guard !items.isEmpty else {
        screen.write(
            "Every change has reached the provider.", x: area.x, y: area.y + 1, width: area.width,
            style: CellStyle(.text))
        return
    }
    let detailRows = 3
    let rows = max(1, area.height - 2 - detailRows)
    let first = max(0, min(list.selection - rows + 1, items.count - rows))
    for (row, item) in items.dropFirst(first).prefix(rows).enumerated() {
        let chosen = first + row == list.selection
        let y = area.y + 1 + row
        let style = CellStyle(chosen ? .inputFocused : .overlay, bold: chosen, reverse: chosen)
        screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
        let mark = outboxMark(item.state)
        var x = area.x
        x += screen.write((chosen ? "› " : "  "), x: x, y: y, width: area.width, style: style)
        x += screen.write(
            mark.text.padding(toLength: 10, withPad: " ", startingAt: 0) + " ", x: x, y: y,
            width: area.x + area.width - x,
            style: CellStyle(mark.role, bold: true, reverse: chosen))
        let text =
            "\(item.cardName) · \(item.summary)" + (item.account == state.snapshot?.account ? "" : " · \(item.account)")
        screen.write(text, x: x, y: y, width: area.x + area.width - x, style: style)
    }
    guard let chosen = list.chosen else { return }
    var lines: [String] = []
    let retryKey = state.keyMaps.board.keyLabel(for: .refresh)
    if let reason = chosen.attention?.sentence(retryKey: retryKey) ?? chosen.reason {
        lines += wrap(reason, width: area.width)
    }
    if chosen.attempts > 0 {
        lines.append(
            "\(chosen.attempts) attempt(s)"
                + (chosen.nextTry.map {
                    " · next try in \(max(0, Int($0.timeIntervalSince(state.now).rounded(.up)))) s"
                } ?? ""))
    }
    for (index, line) in lines.prefix(detailRows).enumerated() {
        screen.write(
            line, x: area.x, y: area.y + area.height - detailRows + index, width: area.width,
            style: CellStyle(chosen.state == .pending ? .muted : .failed))
    }
}

func outboxMark(_ state: OutboxItem.State) -> (text: String, role: ColorRole) {
    switch state {
    case .pending: return ("↻ pending", .pending)
    case .failed: return ("! failed", .failed)
    case .conflict: return ("≠ conflict", .failed)
    case .paused: return ("‖ paused", .failed)
    }
}

/// One conflict: mine and theirs side by side, field by field.
func drawConflict(_ item: OutboxItem, into screen: inout Screen) {
    guard let detail = item.conflict else { return }
    let height = overlayHeight(detail.rows.count + 8, screen: screen)
    let area = drawOverlay(
        width: overlayWidth(84, screen: screen), height: height, title: "Conflict: \(item.cardName)", into: &screen)
    let intro =
        detail.deletedAtProvider
        ? "Deleted at the provider while you changed it. Keep mine creates it again; take theirs removes it here."
        : "Changed at the provider since your last sync. Keep mine sends yours; "
            + "take theirs drops yours for these fields."
    let introLines = wrap(intro, width: area.width)
    for (index, line) in introLines.prefix(2).enumerated() {
        screen.write(line, x: area.x, y: area.y + 1 + index, width: area.width, style: CellStyle(.text))
    }
    let labelWidth = min(16, (detail.rows.map { TextWidth.cells($0.field) }.max() ?? 5) + 2)
    let column = (area.width - labelWidth) / 2
    let top = area.y + 2 + min(2, introLines.count)
    screen.write("Mine", x: area.x + labelWidth, y: top, width: column - 1, style: CellStyle(.overlayTitle, bold: true))
    screen.write(
        "Theirs", x: area.x + labelWidth + column, y: top, width: column, style: CellStyle(.overlayTitle, bold: true))
    for (index, row) in detail.rows.prefix(max(0, area.y + area.height - top - 1)).enumerated() {
        let y = top + 1 + index
        screen.write(row.field, x: area.x, y: y, width: labelWidth - 1, style: CellStyle(.muted))
        screen.write(row.mine, x: area.x + labelWidth, y: y, width: column - 1, style: CellStyle(.text, bold: true))
        screen.write(
            row.theirs, x: area.x + labelWidth + column, y: y, width: column, style: CellStyle(.value, bold: true))
    }
}

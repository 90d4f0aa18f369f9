import PipeboardCore

/// A custom command's output in a box over the board, scrolled to `output.top`; the last line says where it is.
func drawCommandOutput(_ output: CommandOutputState, into screen: inout Screen) {
    let inner = CommandOutputState.innerSize(screenWidth: screen.width, screenHeight: screen.height)
    let rows = output.rows(width: inner.width)
    let shown = min(rows.count, inner.rows)
    let more = rows.count > inner.rows
    let box = drawOverlay(
        width: overlayWidth(max(40, (rows.map(TextWidth.cells).max() ?? 0) + 4), screen: screen),
        height: overlayHeight(shown + (more ? 4 : 3), screen: screen), title: output.title, into: &screen)
    let top = min(max(0, output.top), max(0, rows.count - shown))
    for (offset, row) in rows.dropFirst(top).prefix(shown).enumerated() {
        screen.write(row, x: box.x, y: box.y + 1 + offset, width: box.width, style: CellStyle(.text))
    }
    if more {
        let note = "lines \(top + 1)-\(top + shown) of \(rows.count)"
        screen.writeCentered(note, x: box.x, y: box.maxY - 1, width: box.width, style: CellStyle(.muted))
    }
}

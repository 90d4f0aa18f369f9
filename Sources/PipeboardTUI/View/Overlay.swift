import PipeboardCore

/// Clears a centred box over the board (leaving the status bar alone) and returns the area inside its border,
/// with one cell of padding left and right.
func drawOverlay(width: Int, height: Int, title: String, into screen: inout Screen) -> Rect {
    let area = Rect(x: 0, y: 0, width: screen.width, height: screen.height - 1)
    let rect = area.centered(width: width, height: height)
    screen.fill(rect, style: CellStyle(.overlay))
    screen.box(
        rect, style: CellStyle(.overlayBorder), title: TextWidth.truncate(title, to: rect.width - 6),
        titleStyle: CellStyle(.overlayTitle, bold: true))
    return rect.inset(dx: 2, dy: 1)
}

/// Overlay width for a screen: `preferred`, but never touching the screen's edges.
func overlayWidth(_ preferred: Int, screen: Screen) -> Int {
    min(preferred, screen.width - 4)
}

/// Overlay height for a screen: `preferred`, but never over the status bar.
func overlayHeight(_ preferred: Int, screen: Screen) -> Int {
    min(preferred, screen.height - 3)
}

import PipeboardCore

/// The stage picker: the filter as typed, then the matching stages with the choice highlighted.
func drawPicker(_ picker: PickerState, into screen: inout Screen) {
    let matches = picker.targets
    let height = overlayHeight(max(matches.count, 1) + 7, screen: screen)
    let area = drawOverlay(
        width: overlayWidth(44, screen: screen), height: height, title: "Move to stage", into: &screen)
    screen.write(picker.cardName, x: area.x, y: area.y + 1, width: area.width, style: CellStyle(.muted))
    let label = screen.write("Filter ", x: area.x, y: area.y + 2, width: area.width, style: CellStyle(.text))
    drawInput(
        picker.filter, focused: true, in: Rect(x: area.x + label, y: area.y + 2, width: area.width - label, height: 1),
        into: &screen)
    guard !matches.isEmpty else {
        screen.write(
            "No stage matches “\(picker.filter.text)”", x: area.x, y: area.y + 4, width: area.width,
            style: CellStyle(.error))
        return
    }
    let rows = area.height - 4
    let first = max(0, min(picker.selection - rows + 1, matches.count - rows))
    for (row, target) in matches.dropFirst(first).prefix(rows).enumerated() {
        let chosen = first + row == picker.selection
        let style = CellStyle(chosen ? .inputFocused : .overlay, bold: chosen, reverse: chosen)
        var current = ""
        switch target {
        case .stage(let stage): if stage.id == picker.currentStageID { current = "  (current)" }
        case .status: current = "  (status)"
        }
        let y = area.y + 4 + row
        screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
        screen.write(
            (chosen ? "› " : "  ") + target.name, x: area.x, y: y,
            width: area.width - TextWidth.cells(current), style: style)
        screen.writeRight(current, x: area.x, y: y, width: area.width, style: CellStyle(.muted, reverse: chosen))
    }
}

import PipeboardCore

/// "Delete this card?" naming the card, with the answers from the key map.
func drawConfirmDelete(_ card: Opportunity, state: AppState, into screen: inout Screen) {
    let warning = state.snapshot?.deleteWarning
    let area = drawOverlay(
        width: overlayWidth(56, screen: screen), height: warning == nil ? 8 : 10, title: "Delete opportunity",
        into: &screen)
    screen.write(
        "Delete “\(card.name)”?", x: area.x, y: area.y + 1, width: area.width, style: CellStyle(.text, bold: true))
    let detail = [card.value?.formatted, card.counterparty].compactMap { $0 }.joined(separator: " · ")
    screen.write(detail, x: area.x, y: area.y + 2, width: area.width, style: CellStyle(.muted))
    // A provider whose delete cannot be taken back there (BrightMove) says so before the answer.
    if let warning {
        for (index, line) in wrap(warning, width: area.width).prefix(2).enumerated() {
            screen.write(line, x: area.x, y: area.y + 3 + index, width: area.width, style: CellStyle(.lost, bold: true))
        }
    }
    let answers = area.y + (warning == nil ? 4 : 6)
    var x = area.x
    for binding in state.keyMaps.confirmDelete.bindings {
        x += screen.write(
            binding.keyLabel, x: x, y: answers, width: area.maxX - x, style: CellStyle(.statusKey, bold: true))
        x += screen.write(
            " " + binding.summary.lowercased() + "    ", x: x, y: answers, width: area.maxX - x, style: CellStyle(.text)
        )
    }
}

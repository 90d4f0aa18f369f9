import PipeboardCore

/// "Delete this card?" naming the card, with the answers from the key map.
func drawConfirmDelete(_ card: Opportunity, state: AppState, into screen: inout Screen) {
    let area = drawOverlay(width: overlayWidth(56, screen: screen), height: 8, title: "Delete opportunity", into: &screen)
    screen.write("Delete “\(card.name)”?", x: area.x, y: area.y + 1, width: area.width, style: CellStyle(.text, bold: true))
    let detail = [card.value?.formatted, card.counterparty].compactMap { $0 }.joined(separator: " · ")
    screen.write(detail, x: area.x, y: area.y + 2, width: area.width, style: CellStyle(.muted))
    var x = area.x
    for binding in state.keyMaps.confirmDelete.bindings {
        x += screen.write(binding.keyLabel, x: x, y: area.y + 4, width: area.maxX - x, style: CellStyle(.statusKey, bold: true))
        x += screen.write(" " + binding.summary.lowercased() + "    ", x: x, y: area.y + 4, width: area.maxX - x, style: CellStyle(.text))
    }
}

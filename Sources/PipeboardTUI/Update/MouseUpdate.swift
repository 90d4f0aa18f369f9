import PipeboardCore

/// The mouse on the board: a click focuses a column or a card, dragging a card to another column moves it
/// (through the same path as the keys), the wheel scrolls the column under the pointer. Overlays ignore it.
func handleMouse(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
    guard state.mode == .board, state.snapshot != nil else { return [] }
    let hit = state.hit(x: event.x, y: event.y)
    switch (event.button, event.kind) {
    case (.wheelUp, _), (.wheelDown, _):
        return scroll(&state, column: hit?.column ?? state.focus.column, by: event.button == .wheelUp ? -1 : 1)
    case (.left, .press):
        state.status = nil
        state.drag = nil
        switch hit {
        case .card(let column, let card)?:
            state.focus = Focus(column: column, card: card)
            state.clampFocusAndScroll()
            if let opportunity = state.focusedCard {
                state.drag = CardDrag(cardID: opportunity.id, fromColumn: column, overColumn: column)
            }
            return state.loadIfNeeded()
        case .column(let column)?:
            return moveFocus(&state, columns: column - state.focus.column)
        case nil:
            // The "◀ N" / "N ▶" gutters show stages off screen: a click there brings the next one in.
            let layout = state.layout
            guard layout.gutter > 0, event.y < layout.cardsTop else { return [] }
            if event.x < layout.gutter {
                return moveFocus(&state, columns: state.firstVisibleColumn - 1 - state.focus.column)
            }
            if event.x >= layout.width - layout.gutter {
                return moveFocus(&state, columns: state.firstVisibleColumn + layout.columnsShown - state.focus.column)
            }
            return []
        }
    case (.left, .drag):
        guard var drag = state.drag else { return [] }
        if let status = state.dropZone(x: event.x, y: event.y) {
            drag.overStatus = status
            state.drag = drag
            if let card = state.card(id: drag.cardID) {
                state.status = .info("Drop \(card.name) to mark it \(status.rawValue)")
            }
            return []
        }
        guard let column = hit?.column else { return [] }
        drag.overColumn = column
        drag.overStatus = nil
        state.drag = drag
        if let card = state.card(id: drag.cardID), column != drag.fromColumn {
            state.status = .info("Drop \(card.name) in \(state.columns[column].stage.name)")
        }
        return []
    case (.left, .release):
        guard let drag = state.drag else { return [] }
        let zone = state.dropZone(x: event.x, y: event.y) ?? (hit == nil ? drag.overStatus : nil)
        state.drag = nil
        state.status = nil
        if let zone, state.focusedCard?.id == drag.cardID { return markStatus(zone, state: &state) }
        let target = hit?.column ?? drag.overColumn
        guard target != drag.fromColumn, let snapshot = state.snapshot, let card = state.card(id: drag.cardID),
            allowed(.move, in: snapshot, state: &state)
        else { return [] }
        return moveOptimistically(card, toColumn: target, state: &state)
    default:
        return []
    }
}

/// Scrolls one column by `delta` cards; the focus, if it is in that column, stays on a visible card.
func scroll(_ state: inout AppState, column index: Int, by delta: Int) -> [Effect] {
    guard state.columns.indices.contains(index) else { return [] }
    let column = state.columns[index]
    let visible = state.layout.cardsPerColumn
    let top = min(max(0, state.scrollOffset(ofColumn: index) + delta), max(0, column.count - visible))
    state.scroll[column.stage.id] = top
    if index == state.focus.column {
        state.focus.card = min(max(state.focus.card, top), top + visible - 1)
    }
    state.clampFocusAndScroll()
    return state.loadIfNeeded()
}

import PipeboardCore

/// Keys while typing a search: each character filters the board at once; Enter keeps it, Esc clears it.
func handleSearchKey(_ key: Key, field: inout TextField, state: inout AppState) -> [Effect] {
    switch state.keyMaps.search.action(for: key) {
    case .save:
        // The focus goes to the first match, now and when the board for the last letter typed arrives.
        state.mode = .board
        state.pendingFocus = .firstMatch
        guard let column = state.columns.firstIndex(where: { $0.count > 0 }) else { return [] }
        state.focus = Focus(column: column, card: 0)
        state.clampFocusAndScroll()
        return state.loadIfNeeded()
    case .cancel:
        state.mode = .board
        guard !state.filter.search.isEmpty else { return [] }
        state.filter.search = ""
        return state.refilter()
    case .some(let action):
        field.edit(action)
    case nil:
        guard case .character(let character) = key, TextField.accepts(character) else { return [] }
        field.insert(character)
    }
    state.mode = .search(field)
    guard field.text != state.filter.search else { return [] }
    state.filter.search = field.text
    return state.refilter(keepingFigures: true)
}

/// 1-9: the view of that number from the config.
func showView(_ key: Key, state: inout AppState) -> [Effect] {
    guard case .character(let character) = key, let number = character.wholeNumberValue, number >= 1 else { return [] }
    guard state.views.indices.contains(number - 1) else {
        state.status = .info(
            state.views.isEmpty
                ? "No saved views; add [[views]] to the config" : "No view \(number); views are 1-\(state.views.count)")
        return []
    }
    let view = state.views[number - 1]
    state.activeView = number - 1
    state.filter = view.filter
    state.showClosed = view.showClosed
    if let sort = view.sort {
        // The view's order for every column; manual leaves each column's order to J / K.
        state.sorts =
            sort == .manual ? [:] : Dictionary(state.columns.map { ($0.stage.id, sort) }) { first, _ in first }
    }
    state.status = .info("View \(number): \(view.name)")
    return state.refilter()
}

/// `s`: the focused stage's next order (manual, value, age, close date, name, next step).
func cycleSort(_ state: inout AppState) -> [Effect] {
    guard let column = state.focusedColumn else { return [] }
    let next = (state.sorts[column.stage.id] ?? .manual).next
    state.sorts[column.stage.id] = next == .manual ? nil : next
    state.status = .info("\(column.stage.name): \(next == .manual ? "manual order" : "sorted by \(next.label)")")
    state.scroll[column.stage.id] = 0
    state.windows[column.stage.id] = nil
    state.focus.card = 0
    return [.load(state.boardQuery)]
}

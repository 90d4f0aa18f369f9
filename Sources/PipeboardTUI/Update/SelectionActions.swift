import PipeboardCore

/// `v` / Space: the focused card joins or leaves the selection.
func toggleSelect(_ state: inout AppState) -> [Effect] {
    guard let card = state.focusedCard else { return [] }
    if state.selection.removeValue(forKey: card.id) != nil {
        state.selectionOrder.removeAll { $0 == card.id }
    } else {
        state.selection[card.id] = card
        state.selectionOrder.append(card.id)
    }
    // The status bar's summary counts the selection (and says how to clear it): only its end needs a word.
    if state.selection.isEmpty { state.status = .info("Nothing selected") }
    return []
}

/// Opens the preview of a change to the selection; nothing is sent until it is confirmed.
func preview(_ operation: BulkOperation, title: String, state: inout AppState) -> [Effect] {
    state.mode = .bulkPreview(state.bulkPlan(operation, title: title))
    return []
}

/// Keys in the preview: confirm sends the change for the cards it counts, cancel changes nothing.
func handleBulkKey(_ key: Key, plan: BulkPlan, state: inout AppState) -> [Effect] {
    switch state.keyMaps.bulk.action(for: key) {
    case .confirm:
        state.mode = .board
        guard !plan.ids.isEmpty else {
            state.status = .info("Nothing to send: \(plan.leftOut ?? "no card would change")")
            return []
        }
        state.pendingCardIDs.formUnion(plan.ids)
        state.clearSelection()
        return [.bulk(plan.operation, ids: plan.ids)]
    case .cancel:
        state.mode = .board
        state.status = .info("Nothing changed")
        return []
    default:
        return []
    }
}

extension AppState {
    mutating func clearSelection() {
        selection = [:]
        selectionOrder = []
    }

    /// After the search, filters or closed toggle change: every column from its top, loaded afresh. `keepingFigures`
    /// (a search typed): the pipeline's figures are not read again where the board shown has them
    /// (`BoardQuery.keepsFigures`).
    mutating func refilter(keepingFigures: Bool = false) -> [Effect] {
        scroll = [:]
        windows = [:]
        focus.card = 0
        var query = boardQuery
        if keepingFigures, target == nil, let snapshot, snapshot.merge == nil, snapshot.asOf == nil,
            snapshot.account == query.account, snapshot.pipeline.id == query.pipelineID,
            snapshot.includesForecast || !query.includeForecast
        {
            query.keepsFigures = true
        }
        return [.load(query)]
    }
}

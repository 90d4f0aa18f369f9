import PipeboardCore

/// What a board key does. Operations the provider lacks are refused with a message instead of an effect.
func perform(_ action: Action, on state: inout AppState) -> [Effect] {
    if let day = state.pastDay, action.changesDeals {
        state.status = .error(pastRefusal(action, day: day))
        return []
    }
    switch action {
    case .help:
        state.mode = .help
        state.helpPage = 0
        return []
    case .quit:
        return [.quit]
    case .refresh:
        state.status = .info("Refreshing…")
        return [.refresh]
    case .search:
        state.mode = .search(TextField(state.filter.search))
        // The board as of a past day is read from history, not from the cache's cards.
        guard let board = state.snapshot, state.pastDay == nil else { return [] }
        return [.prepareSearch(account: board.account, pipelineID: board.pipeline.id)]
    case .filter:
        state.mode = .form(FormBuilder.filter(state.filter))
        return []
    case .toggleClosed:
        state.showClosed.toggle()
        // Shown, the status bar's summary says "closed shown"; hidden, nothing there says it.
        if !state.showClosed { state.status = .info("Closed deals hidden") }
        return state.refilter()
    case .clearView:
        state.status = .info("No view: search and filters cleared")
        // Closed deals shown by the view go back to hidden; shown with C they stay shown.
        if let index = state.activeView, state.views.indices.contains(index), state.views[index].showClosed {
            state.showClosed = false
        }
        state.activeView = nil
        state.filter = .none
        return state.refilter()
    case .nextTheme:
        state.display.theme = state.display.nextTheme
        state.status = .info("Theme: \(state.display.theme)")
        return [.setTheme(state.display.theme)]
    case .showFunnel, .showForecast, .showVelocity:
        return showChart(action, state: &state)
    case .openOutbox:
        state.mode = .outbox(OutboxListState())
        return [.loadOutbox]
    case .showAgenda:
        return openAgenda(&state)
    default:
        break
    }
    guard let snapshot = state.snapshot, !snapshot.columns.isEmpty else { return [] }
    let page = state.layout.cardsPerColumn
    switch action {
    case .focusLeft: return moveFocus(&state, columns: -1)
    case .focusRight: return moveFocus(&state, columns: 1)
    case .focusUp: return moveFocus(&state, cards: -1)
    case .focusDown: return moveFocus(&state, cards: 1)
    case .pageUp: return moveFocus(&state, cards: -page)
    case .pageDown: return moveFocus(&state, cards: page)
    case .firstCard: return moveFocus(&state, cards: -state.focus.card)
    case .lastCard: return moveFocus(&state, cards: (state.focusedColumn?.count ?? 0) - 1 - state.focus.card)
    case .openDetail:
        guard let card = state.focusedCard else { return [] }
        return state.openDetail(card)
    case .openInCrm:
        return openPage(of: state.focusedCard, state: &state)
    case .addNote, .addTask, .markStepDone:
        return performActivity(action, state: &state)
    case .quickAdd:
        guard snapshot.merge == nil else {
            state.status = .error("A merged board adds to no one account: add on the account's own board")
            return []
        }
        guard allowed(.create, in: snapshot, state: &state), let column = state.focusedColumn else { return [] }
        state.mode = .form(FormBuilder.quickAdd(into: column, snapshot: snapshot))
        return []
    case .edit:
        guard let card = state.focusedCard, allowed(.update, in: snapshot, state: &state) else { return [] }
        state.mode = .form(FormBuilder.edit(card, snapshot: snapshot))
        return []
    case .pickStage where !state.selection.isEmpty:
        guard let first = state.selectionOrder.first.flatMap({ state.selection[$0] }) else { return [] }
        var picker = PickerState(card: first, stages: snapshot.pipeline.stages)
        picker.cardName = state.selection.count == 1 ? first.name : "\(state.selection.count) selected deals"
        picker.isBulk = true
        picker.statuses = closingTargets(snapshot)
        state.mode = .stagePicker(picker)
        return []
    case .pickStage:
        guard let card = state.focusedCard, allowed(.move, in: snapshot, state: &state) else { return [] }
        // On a merged board the card's stage is its column, whatever its account calls it.
        var shown = card
        if snapshot.merge != nil, let column = state.focusedColumn { shown.stageID = column.stage.id }
        var picker = PickerState(card: shown, stages: snapshot.pipeline.stages)
        picker.statuses = closingTargets(snapshot)
        state.mode = .stagePicker(picker)
        return []
    case .moveCardLeft where !state.selection.isEmpty, .moveCardRight where !state.selection.isEmpty:
        return preview(
            .shift(by: action == .moveCardLeft ? -1 : 1),
            title: action == .moveCardLeft ? "Move to the previous stage" : "Move to the next stage", state: &state)
    case .delete where !state.selection.isEmpty:
        return preview(.delete, title: "Delete", state: &state)
    case .moveCardLeft, .moveCardRight:
        let target = state.focus.column + (action == .moveCardLeft ? -1 : 1)
        guard let card = state.focusedCard else { return [] }
        guard snapshot.columns.indices.contains(target) else {
            let right = action == .moveCardRight
            state.status = .info(atTheEnd(card, right: right, snapshot: snapshot, keys: state.keyMaps.board))
            return []
        }
        guard allowed(.move, in: snapshot, state: &state) else { return [] }
        return moveOptimistically(card, toColumn: target, state: &state)
    case .reorderUp, .reorderDown:
        if let column = state.focusedColumn, let sort = state.sorts[column.stage.id], sort != .manual {
            let sorted = "\(column.stage.name) is sorted by \(sort.rawValue.replacingOccurrences(of: "_", with: " "))"
            let how = state.keyMaps.board.keyLabel(for: .cycleSort).map { "press \($0) until manual to reorder" }
            state.status = .info("\(sorted); \(how ?? "only a manual sort can be reordered")")
            return []
        }
        return reorder(&state, by: action == .reorderUp ? -1 : 1)
    case .delete:
        guard let card = state.focusedCard, allowed(.delete, in: snapshot, state: &state) else { return [] }
        state.mode = .confirmDelete(card.id)
        return []
    case .markWon: return markStatus(.won, state: &state)
    case .markLost: return markStatus(.lost, state: &state)
    case .markAbandoned: return markStatus(.abandoned, state: &state)
    case .reopen: return markStatus(.open, state: &state)
    case .toggleSelect: return toggleSelect(&state)
    case .clearSelection:
        // The selection first; with none, a search kept with Enter (the filters stay: 0 clears those).
        if state.selection.isEmpty {
            guard !state.filter.search.isEmpty else { return [] }
            state.filter.search = ""
            state.status = .info("Search cleared")
            return state.refilter()
        }
        state.status = .info("Selection cleared")
        state.clearSelection()
        return []
    case .cycleSort: return cycleSort(&state)
    case .nextPipeline:
        guard snapshot.pipelines.count > 1 else {
            state.status = .info("\(snapshot.account) has one pipeline"); return []
        }
        let index = snapshot.pipelines.firstIndex { $0.id == snapshot.pipeline.id } ?? -1
        let next = snapshot.pipelines[(index + 1) % snapshot.pipelines.count]
        state.status = .info("Pipeline: \(next.name)")
        return state.switchBoard(to: BoardTarget(account: snapshot.account, pipelineID: next.id))
    case .nextAccount:
        guard snapshot.accounts.count > 1 else {
            state.status = .info("\(snapshot.account) is the only account"); return []
        }
        let index = snapshot.accounts.firstIndex(of: snapshot.account) ?? -1
        let next = snapshot.accounts[(index + 1) % snapshot.accounts.count]
        state.status = .info("Account: \(next)")
        return state.switchBoard(to: BoardTarget(account: next, pipelineID: nil))
    case .undo:
        guard snapshot.canUndo || state.changedSinceLoad else { state.status = .info("Nothing to undo"); return [] }
        return [.undo]
    case .redo:
        guard snapshot.canRedo || state.changedSinceLoad else { state.status = .info("Nothing to redo"); return [] }
        return [.redo]
    default:
        return []
    }
}

/// Won and Lost beside the stages, where the provider can set a deal's status.
func closingTargets(_ snapshot: BoardSnapshot) -> [OpportunityStatus] {
    snapshot.capabilities.contains(.setStatus) ? [.won, .lost] : []
}

/// What H on the first stage and L on the last say: there is no stage beyond, and winning a deal is a status.
func atTheEnd(_ card: Opportunity, right: Bool, snapshot: BoardSnapshot, keys: KeyMap) -> String {
    guard right else { return "\(card.name) is already in the first stage" }
    let last = snapshot.columns.last?.stage.name ?? "the last stage"
    guard snapshot.capabilities.contains(.setStatus) else { return "\(card.name) is in \(last), the last stage" }
    guard let won = keys.keyLabel(for: .markWon) else {
        return "\(card.name) is in \(last), the last stage; won is a status"
    }
    return "\(card.name) is in \(last), the last stage: \(won) marks it won"
}

/// Checks the provider's capabilities; on refusal says why in the status bar.
func allowed(_ operation: ProviderOperation, in snapshot: BoardSnapshot, state: inout AppState) -> Bool {
    if let day = state.pastDay {
        state.status = .error(
            "\(operation.verb.prefix(1).uppercased() + operation.verb.dropFirst()) is off: " + pastReason(day))
        return false
    }
    guard !snapshot.capabilities.contains(operation.capability) else { return true }
    state.status = .error("\(snapshot.providerName)'s API does not offer \(operation.verb)")
    return false
}

func moveFocus(_ state: inout AppState, columns: Int = 0, cards: Int = 0) -> [Effect] {
    if columns != 0 {
        // Keep the focus on the same row of the screen, whatever each column's scroll.
        let row = state.focus.card - state.scrollOffset(ofColumn: state.focus.column)
        state.focus.column = min(max(0, state.focus.column + columns), state.columns.count - 1)
        state.focus.card = state.scrollOffset(ofColumn: state.focus.column) + row
    }
    state.focus.card += cards
    state.clampFocusAndScroll()
    return state.loadIfNeeded()
}

/// Moves a card to the top of another stage at once, marks it pending, and asks the runtime to do it for real.
func moveOptimistically(_ card: Opportunity, toColumn target: Int, state: inout AppState) -> [Effect] {
    guard var snapshot = state.snapshot else { return [] }
    let columnID = snapshot.columns[target].stage.id
    var stageID = columnID
    if let merge = snapshot.merge {
        // On a merged board the card goes to its own account's stage for that column.
        guard let own = merge.stage(for: card.account, column: columnID) else {
            state.status = .error("\(card.account) has no stage mapped to \(snapshot.columns[target].stage.name)")
            return []
        }
        stageID = own
    }
    guard card.stageID != stageID else { return [] }
    var moving = card
    moving.stageID = stageID
    snapshot.moveCard(moving, toColumn: target, at: state.now)
    state.snapshot = snapshot
    state.pendingCardIDs.insert(card.id)
    state.focus = Focus(column: target, card: 0)
    state.scroll[columnID] = 0
    state.clampFocusAndScroll()
    return [.move(id: card.id, toStageID: stageID)] + state.loadIfNeeded()
}

/// Swaps the focused card with its neighbour at once and asks the runtime to keep the new order.
func reorder(_ state: inout AppState, by offset: Int) -> [Effect] {
    guard let card = state.focusedCard, let column = state.focusedColumn else { return [] }
    let target = state.focus.card + offset
    guard (0..<column.count).contains(target) else { return [] }
    state.snapshot?.columns[state.focus.column].swapCards(state.focus.card, target)
    state.pendingCardIDs.insert(card.id)
    state.focus.card = target
    state.clampFocusAndScroll()
    return [.reorder(id: card.id, offset: offset, statuses: state.shownStatuses, filter: state.filter)]
        + state.loadIfNeeded()
}

extension AppState {
    /// Asks for another account or pipeline; the view keeps the current board until it arrives.
    mutating func switchBoard(to target: BoardTarget) -> [Effect] {
        self.target = target
        clearSelection()
        sorts = [:]
        focus = Focus()
        scroll = [:]
        windows = [:]
        firstVisibleColumn = 0
        return [.load(boardQuery)]
    }
}

extension Action {
    /// Keys that change deals or the queue of changes: off on the board as it was.
    var changesDeals: Bool {
        switch self {
        case .quickAdd, .edit, .pickStage, .moveCardLeft, .moveCardRight, .reorderUp, .reorderDown, .delete, .undo,
            .redo, .markWon, .markLost, .markAbandoned, .reopen, .toggleSelect, .openOutbox, .addNote, .addTask,
            .markStepDone, .toggleTask:
            true
        default: false
        }
    }
}

/// Why a key that changes things does nothing on the board as it was.
func pastRefusal(_ action: Action, day: String) -> String {
    let what: String =
        switch action {
        case .quickAdd: "Adding"
        case .edit: "Editing"
        case .pickStage, .moveCardLeft, .moveCardRight: "Moving"
        case .reorderUp, .reorderDown: "Reordering"
        case .delete: "Deleting"
        case .undo: "Undo"
        case .redo: "Redo"
        case .markWon, .markLost, .markAbandoned, .reopen: "Setting a status"
        case .toggleSelect: "Selecting"
        case .addNote: "Adding a note"
        case .addTask: "Adding a task"
        case .markStepDone, .toggleTask: "Finishing a task"
        default: "The outbox"
        }
    return "\(what) is off: \(pastReason(day))"
}

/// "the board as of 2026-11-01 is the past, read only; open it without --as-of to change deals".
func pastReason(_ day: String) -> String {
    "the board as of \(day) is the past, read only; open it without --as-of to change deals"
}

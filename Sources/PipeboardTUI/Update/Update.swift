import Foundation
import PipeboardCore

/// The one entry point for change: applies `event` to `state` in place and returns the effects for the runtime.
/// Pure: no I/O, no clock, no randomness; the same state and event always give the same result.
public func update(_ state: inout AppState, _ event: AppEvent) -> [Effect] {
    let effects = apply(event, to: &state)
    if effects.contains(where: \.changesCards) { state.changedSinceLoad = true }
    return effects
}

private func apply(_ event: AppEvent, to state: inout AppState) -> [Effect] {
    switch event {
    case .terminal(.key(let key)):
        state.status = nil
        state.pendingFocus = nil
        return handleKey(&state, key)
    case .terminal(.resize(let width, let height)):
        return state.relayout(width: width, height: height)
    case .terminal(.mouse(let event)):
        state.pendingFocus = nil
        return handleMouse(&state, event)
    case .boardLoaded(let snapshot):
        return state.receive(snapshot)
    case .refused(let error):
        return failed(error.sentence(retryKey: state.keyMaps.board.keyLabel(for: .refresh)), state: &state)
    case .operationFailed(let message):
        return failed(message, state: &state)
    case .syncFailed(let problem):
        return failed(problem.sentence(retryKey: state.keyMaps.board.keyLabel(for: .refresh)), state: &state)
    case .notice(let message):
        state.status = .info(message)
        return []
    case let .themeFailed(name, reason):
        state.status = .info("theme \(name): \(reason)")
        return []
    case .themeNotRemembered(let reason):
        state.status = .info("the theme could not be remembered: \(reason)")
        return []
    case .deleted(let name):
        state.status = .info("Deleted \(name)" + undoHint(state.keyMaps))
        return []
    case let .statusSet(name, status):
        let done = status == .open ? "Reopened \(name)" : "Marked \(name) \(status.rawValue)"
        state.status = .info(done + undoHint(state.keyMaps))
        return []
    case .bulkApplied(let outcome):
        state.status = .info(bulkSentence(outcome, keys: state.keyMaps))
        return []
    case let .created(name, id):
        state.status = .info("Added \(name)" + undoHint(state.keyMaps))
        if let id { state.focus(on: id) }
        return []
    case .saved(let name):
        state.status = .info("Saved \(name)" + undoHint(state.keyMaps))
        return []
    case let .undone(label, broughtBack):
        state.status = .info("Undid: \(label)")
        if let id = broughtBack.first { state.focus(on: id) }
        return []
    case let .redone(label, broughtBack):
        state.status = .info("Redid: \(label)")
        if let id = broughtBack.first { state.focus(on: id) }
        return []
    case .upToDate(let budget):
        state.status = .info(["Up to date", budget].compactMap { $0 }.joined(separator: " · "))
        return []
    case .lookUpFailed(let reason):
        state.status = .info("no suggestions: \(reason)")
        return []
    case .tick(let date):
        // The board as it was keeps its own moment.
        state.now = state.asOf.map(AsOf.lastMoment(before:)) ?? date
        return []
    case .pullProgress(let progress):
        state.pull = progress
        return []
    case let .lookedUp(field, text, values):
        receiveSuggestions(field: field, text: text, values: values, state: &state)
        return []
    case .outboxLoaded(let items):
        state.receiveOutbox(items)
        return []
    case .lostReasonsLoaded(let reasons):
        receiveLostReasons(reasons, state: &state)
        return []
    case let .timelineLoaded(id, changes):
        state.timeline = LoadedTimeline(id: id, changes: changes)
        return []
    case .velocityLoaded(let velocity):
        state.velocity = velocity
        return []
    case .noteAdded(let deal):
        state.status = .info("Added a note to \(deal)" + undoHint(state.keyMaps))
        return []
    case let .taskAdded(title, deal, due):
        state.status = .info(taskAddedSentence(title: title, deal: deal, due: due, state: state))
        return []
    case let .taskDone(title, done):
        state.status = .info((done ? "Done: \(title)" : "Reopened: \(title)") + undoHint(state.keyMaps))
        return []
    case let .activityLoaded(id, notes, tasks):
        state.receiveActivity(LoadedActivity(id: id, notes: notes, tasks: tasks))
        return []
    case .agendaLoaded(let agenda):
        state.receiveAgenda(agenda)
        return []
    case let .cardLocated(id, place):
        return state.reveal(id, at: place)
    case .commandFinished(let result):
        receiveCommandResult(result, state: &state)
        return []
    case .lostReasonsFailed(let reason):
        if case .lostReason = state.mode { state.mode = .board }
        state.status = .error("could not read the lost reasons: \(reason)")
        return []
    }
}

/// The optimistic change did not happen: show why and ask for the truth.
private func failed(_ message: String, state: inout AppState) -> [Effect] {
    state.status = .error(message)
    // An agenda that could not be read closes rather than say "Loading…" for ever.
    if case .agenda(let list) = state.mode, list.rows == nil { state.mode = .board }
    state.pendingCardIDs = []
    state.target = nil
    return [.load(state.boardQuery)]
}

/// Routes a key to the handler of the current mode.
func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    switch state.mode {
    case .board:
        guard let action = state.keyMaps.board.action(for: key) else {
            return state.keyMaps.command(for: key).map { runCommand($0, state: &state) } ?? []
        }
        if action == .showView { return showView(key, state: &state) }
        return perform(action, on: &state)
    case .search(var field):
        return handleSearchKey(key, field: &field, state: &state)
    case .bulkPreview(let plan):
        return handleBulkKey(key, plan: plan, state: &state)
    case .lostReason(var prompt):
        return handleLostReasonKey(key, prompt: &prompt, state: &state)
    case .detail(let id):
        return handleDetailKey(key, id: id, state: &state)
    case .timeline(let id):
        // The timeline closes back to the details it was opened from.
        let action = state.keyMaps.detail.action(for: key)
        if action == .close || action == .openTimeline { state.mode = .detail(id) }
        return []
    case .help:
        switch state.keyMaps.help.action(for: key) {
        case .close: state.mode = .board
        case .pageDown: state.helpPage = min(state.helpPage + 1, state.helpPageCount - 1)
        case .pageUp: state.helpPage = max(0, state.helpPage - 1)
        default: break
        }
        return []
    case .funnel, .forecast, .velocity:
        return handleChartKey(key, state: &state)
    case .confirmDelete(let id):
        return confirmDelete(id, key: key, state: &state)
    case .form(var form):
        return handleFormKey(key, form: &form, state: &state)
    case .stagePicker(var picker):
        return handlePickerKey(key, picker: &picker, state: &state)
    case .outbox(var list):
        return handleOutboxKey(key, list: &list, state: &state)
    case .conflict(let item):
        return handleConflictKey(key, item: item, state: &state)
    case .agenda(var list):
        return handleAgendaKey(key, list: &list, state: &state)
    case .commandOutput(var output):
        return handleCommandOutputKey(key, output: &output, state: &state)
    }
}

func confirmDelete(_ id: UUID, key: Key, state: inout AppState) -> [Effect] {
    switch state.keyMaps.confirmDelete.action(for: key) {
    case .confirm:
        state.mode = .board
        return [.delete(id: id)]
    case .cancel:
        state.mode = .board
        return []
    default:
        return []
    }
}

extension AppState {
    /// Takes a snapshot as the truth: keeps the focused card by id when it is still there, else clamps.
    mutating func receive(_ newSnapshot: BoardSnapshot) -> [Effect] {
        if let target {
            // A load asked for before the switch answers with the old board: wait for the one asked for.
            guard target.isShown(by: newSnapshot) else { return [] }
            self.target = nil
        }
        var newSnapshot = newSnapshot
        var figuresMissing = false
        if newSnapshot.figuresKept {
            if let kept = snapshot, kept.account == newSnapshot.account, kept.pipeline.id == newSnapshot.pipeline.id {
                newSnapshot.closeMonths = kept.closeMonths
                newSnapshot.outcomeWeeks = kept.outcomeWeeks
                newSnapshot.includesForecast = kept.includesForecast
            } else {
                figuresMissing = true
            }
            newSnapshot.figuresKept = false
        }
        let focusedID = focusedCard?.id
        snapshot = newSnapshot
        // No figures to keep after all (another board was shown): they are read.
        var effects: [Effect] = figuresMissing ? [.load(boardQuery)] : []
        pendingCardIDs = []
        changedSinceLoad = false
        // Selected cards keep their newest loaded version for the preview.
        for column in newSnapshot.columns {
            for card in column.cards where selection[card.id] != nil { selection[card.id] = card }
        }
        if let focusedID, let found = newSnapshot.locate(focusedID) { focus = found }
        switch pendingFocus {
        case .card(let id)?:
            if let found = newSnapshot.locate(id) {
                focus = found
                pendingFocus = nil
            }
        case .firstMatch?:
            if let column = newSnapshot.columns.firstIndex(where: { $0.count > 0 }) {
                focus = Focus(column: column, card: 0)
            }
        case nil:
            break
        }
        switch mode {
        case .detail(let id), .confirmDelete(let id), .timeline(let id):
            if card(id: id) == nil {
                mode = .board
            } else if case .detail = mode, activity?.id == id {
                // A change may have touched the deal's notes or tasks: its details read them again.
                effects.append(.loadActivity(id: id))
            }
        default:
            break
        }
        clampFocusAndScroll()
        return effects + loadIfNeeded()
    }
}

extension BoardSnapshot {
    /// Where a loaded card is: its column and its index in the whole column.
    func locate(_ id: UUID) -> Focus? {
        for (columnIndex, column) in columns.enumerated() {
            if let local = column.cards.firstIndex(where: { $0.id == id }) {
                return Focus(column: columnIndex, card: column.offset + local)
            }
        }
        return nil
    }
}

/// " (u to undo)" with the key bound now; nothing when the config unbound undo.
func undoHint(_ keys: KeyMaps) -> String {
    keys.board.phrase(.undo, "to undo").map { " (\($0))" } ?? ""
}

/// "Changed 5 deals (u to undo); 2 unchanged; 1 refused: ..." for the status bar.
func bulkSentence(_ outcome: BulkOutcome, keys: KeyMaps) -> String {
    var parts = ["Changed \(outcome.changed == 1 ? "1 deal" : "\(outcome.changed) deals")" + undoHint(keys)]
    if outcome.unchanged > 0 { parts.append("\(outcome.unchanged) unchanged") }
    if let first = outcome.refused.first { parts.append("\(outcome.refused.count) refused: \(first)") }
    return parts.joined(separator: "; ")
}

extension AppState {
    /// Focuses a card now if the board shows it, else once a load does (until the next key).
    mutating func focus(on id: UUID) {
        pendingFocus = .card(id)
        guard let found = snapshot?.locate(id) else { return }
        focus = found
        pendingFocus = nil
        clampFocusAndScroll()
    }
}

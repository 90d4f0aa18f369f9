import PipeboardCore

/// The bottom row: where you are, what is undelivered, what narrows the board, the last message, and the keys of the
/// current mode. The last two keys (help and quit, save and cancel) always keep their room: a message too long for
/// what is left takes the row above, whole, instead of pushing them off.
func drawStatusBar(_ state: AppState, into screen: inout Screen) {
    let y = screen.height - 1
    let bar = CellStyle(.statusBar)
    screen.fill(Rect(x: 0, y: y, width: screen.width, height: 1), style: bar)
    if case .search(let field) = state.mode {
        drawSearchBar(field, state: state, y: y, into: &screen)
        return
    }
    let zones = state.dropZones
    let hints = zones.isEmpty ? state.hints : []
    let kept = hints.suffix(2).reduce(0) { $0 + TextWidth.cells($1) } + (hints.count > 1 ? 2 : 0)
    let end = kept > 0 ? screen.width - 3 - kept : screen.width
    var x = 1
    if let snapshot = state.snapshot {
        // A merged board is named once: its name is both its "account" and its pipeline.
        let place =
            snapshot.merge == nil
            ? "\(snapshot.account) · \(snapshot.pipeline.name)"
            : "\(snapshot.account) · \(snapshot.merge!.badges.count) accounts"
        x += screen.write(place, x: x, y: y, width: screen.width - x, style: CellStyle(.statusBar, bold: true))
        if let day = state.pastDay {
            x += screen.write(
                "  as of \(day), read only", x: x, y: y, width: screen.width - x, style: CellStyle(.accent, bold: true))
        }
        let pending = snapshot.pendingChanges + state.pendingCardIDs.count
        if pending > 0 {
            x += screen.write("  \(pending) pending", x: x, y: y, width: screen.width - x, style: CellStyle(.pending))
        }
        if snapshot.failedChanges > 0 {
            x += screen.write(
                "  \(snapshot.failedChanges) failed", x: x, y: y, width: screen.width - x,
                style: CellStyle(.failed, bold: true))
        }
        if snapshot.attention != nil {
            let outbox = state.keyMaps.board.keyLabel(for: .openOutbox).map { " (\($0))" } ?? ""
            x += screen.write(
                "  paused: check credentials" + outbox, x: x, y: y, width: screen.width - x,
                style: CellStyle(.failed, bold: true))
        }
    }
    if var shown = shownSummary(state) {
        // Short of room, the selection's "(Esc clears)" goes first.
        if TextWidth.cells(shown) + 2 > end - x { shown = shownSummary(state, sayingHowToClear: false) ?? shown }
        x += screen.write("  " + shown, x: x, y: y, width: end - x, style: CellStyle(.accent, bold: true))
    }
    if let pull = state.pull {
        x += drawPullProgress(pull, charset: state.charset, x: x, y: y, width: end - x, into: &screen)
    }
    if let message = state.status {
        let style = CellStyle(message.kind == .error ? .error : .statusMessage, bold: message.kind == .error)
        if TextWidth.cells(message.text) + 2 <= end - x {
            x += screen.write("  " + message.text, x: x, y: y, width: end - x, style: style)
        } else {
            screen.fill(Rect(x: 0, y: y - 1, width: screen.width, height: 1), style: bar)
            screen.write(message.text, x: 1, y: y - 1, width: screen.width - 2, style: style)
        }
    }
    guard zones.isEmpty else {
        for zone in zones {
            let over = state.drag?.overStatus == zone.status
            screen.write(
                zone.label, x: zone.cells.lowerBound, y: y, width: zone.cells.count,
                style: CellStyle(zone.status == .won ? .accent : .error, bold: true, reverse: over))
        }
        return
    }
    drawHints(hints, keepingFirst: state.hintPriority, from: x + 2, y: y, into: &screen)
}

extension AppState {
    /// The status-bar hints of the current mode: "a add".
    var hints: [String] { hinted.map(\.hint) }

    /// Which hints keep their room first when not all fit, as indices of `hints`: on the board quit and help, then
    /// adding and editing, then the rest by how often they are wanted (`boardHintRanking`); elsewhere the last first.
    var hintPriority: [Int] {
        let hinted = self.hinted
        guard case .board = mode else { return Array(hinted.indices.reversed()) }
        let rank = { (action: Action) in Self.boardHintRanking.firstIndex(of: action) ?? Self.boardHintRanking.count }
        return hinted.indices.sorted { (rank(hinted[$0].action), $0) < (rank(hinted[$1].action), $1) }
    }

    /// The board's hints from the most wanted: at 80 columns the first seven or so fit, at 120 all of them unless
    /// a message or a filter takes the room. Moving a card has H / L and the mouse besides m.
    static let boardHintRanking: [Action] = [
        .quit, .help, .quickAdd, .edit, .search, .filter, .addTask, .markStepDone, .showAgenda, .pickStage, .addNote,
    ]

    /// The hints with their actions. The charts share one map, and Tab, which switches what the funnel measures,
    /// switches the forecast's currency and velocity's period: there it says so.
    private var hinted: [(action: Action, hint: String)] {
        var map = keyMaps.current(for: mode)
        if let index = map.bindings.firstIndex(where: { $0.action == .nextMeasure }) {
            switch mode {
            case .forecast: map.bindings[index].hint = "currency"
            case .velocity: map.bindings[index].hint = "period"
            default: break
            }
        }
        // On a done task in the details, Enter opens it again.
        if case .detail = mode, let chosen = chosenTask, activity?.task(id: chosen)?.isDone == true,
            let index = map.bindings.firstIndex(where: { $0.action == .toggleTask })
        {
            map.bindings[index].hint = "reopen"
        }
        return map.hinted { offers($0) }
    }

    /// False for an action that would do nothing here: its hint is left out.
    func offers(_ action: Action) -> Bool {
        switch (mode, action) {
        case (.help, .pageDown): helpPage < helpPageCount - 1
        case (.help, .pageUp): helpPage > 0
        case (.funnel, .nextMeasure): funnelMeasures.count > 1
        case (.forecast, .nextMeasure): (figures?.forecast.currencies.count ?? 0) > 1
        // In the details, ↑ ↓ and Enter work on tasks; the history shares their map and only closes.
        case (.detail, .choosePrevious), (.detail, .chooseNext), (.detail, .toggleTask):
            snapshot?.capabilities.contains(.tasks) ?? false
        case (.timeline, _): action == .close || action == .openTimeline
        default: snapshot?.offers(action) ?? true
        }
    }

    /// Pages of the help overlay at the current size.
    var helpPageCount: Int { helpPages(keyMaps, width: width, height: height).count }
}

extension BoardSnapshot {
    /// False for an action this board refuses (the provider lacks the operation, or adding on a merged board):
    /// its hint is left out. Pressing its key still says why.
    func offers(_ action: Action) -> Bool {
        switch action {
        case .quickAdd: merge == nil && capabilities.contains(.create)
        case .edit: capabilities.contains(.update)
        case .pickStage, .moveCardLeft, .moveCardRight: capabilities.contains(.move)
        case .delete: capabilities.contains(.delete)
        case .addNote: capabilities.contains(.notes)
        case .addTask, .markStepDone, .showAgenda: capabilities.contains(.tasks)
        default: true
        }
    }
}

/// Key hints right-aligned in the space left, in their own order; when not all fit, they keep their room in the order
/// of `priority` (indices of `hints`; by default the last ones, help and quit, first).
func drawHints(
    _ hints: [String], keepingFirst priority: [Int]? = nil, from left: Int, y: Int, into screen: inout Screen
) {
    let separator = 2
    var room = screen.width - 1 - left
    var kept = Set<Int>()
    for index in priority ?? Array(hints.indices.reversed()) where hints.indices.contains(index) {
        let cells = TextWidth.cells(hints[index]) + (kept.isEmpty ? 0 : separator)
        if cells <= room {
            kept.insert(index)
            room -= cells
        }
    }
    let text = hints.indices.filter(kept.contains).map { hints[$0] }
    var x = screen.width - 1 - text.reduce(0) { $0 + TextWidth.cells($1) } - separator * max(0, text.count - 1)
    for hint in text {
        // "a add": the key stands out from what it does.
        let parts = hint.split(separator: " ", maxSplits: 1).map(String.init)
        x += screen.write(parts[0], x: x, y: y, width: screen.width - x, style: CellStyle(.statusKey, bold: true))
        if parts.count > 1 {
            x += screen.write(" " + parts[1], x: x, y: y, width: screen.width - x, style: CellStyle(.statusBar))
        }
        x += separator
    }
}

extension KeyMaps {
    /// The map whose keys the current mode answers to.
    func current(for mode: Mode) -> KeyMap {
        switch mode {
        case .board: return board
        case .detail: return detail
        case .help: return help
        case .confirmDelete: return confirmDelete
        case .form: return form
        case .stagePicker: return picker
        case .search: return search
        case .bulkPreview: return bulk
        case .lostReason: return lostReason
        case .funnel, .forecast, .velocity: return chart
        case .timeline: return detail
        case .outbox: return outbox
        case .conflict: return conflict
        case .agenda: return agenda
        case .commandOutput: return commandOutput
        }
    }
}

/// What narrows the board, for the status bar: "[Mine] owner Ana · closed shown · 3 selected (Esc clears)".
/// Messages do not repeat it: C and v say nothing when the summary says it already.
func shownSummary(_ state: AppState, sayingHowToClear: Bool = true) -> String? {
    var parts: [String] = []
    if let index = state.activeView, state.views.indices.contains(index) {
        parts.append("[\(index + 1) \(state.views[index].name)]")
    }
    let filter = FilterInput.summary(of: state.filter)
    if !filter.isEmpty {
        // A search kept with Enter is cleared by the board's Esc once nothing is selected.
        let clears =
            sayingHowToClear && state.mode == .board && state.selection.isEmpty && !state.filter.search.isEmpty
            ? state.keyMaps.board.phrase(.clearSelection, "clears the search").map { " (\($0))" } : nil
        parts.append(filter + (clears ?? ""))
    }
    if state.showClosed { parts.append("closed shown") }
    if !state.selection.isEmpty {
        // Only the board's Esc clears it: in a preview or a form Esc cancels.
        let clears =
            sayingHowToClear && state.mode == .board
            ? state.keyMaps.board.phrase(.clearSelection, "clears").map { " (\($0))" } : nil
        parts.append("\(state.selection.count) selected\(clears ?? "")")
    }
    return parts.isEmpty ? nil : parts.joined(separator: " · ")
}

/// The search as it is typed: "/ acme", with the number of matches and the keys to keep or clear it.
func drawSearchBar(_ field: TextField, state: AppState, y: Int, into screen: inout Screen) {
    var x = 1
    x += screen.write("/ ", x: x, y: y, width: screen.width - x, style: CellStyle(.statusKey, bold: true))
    let matches = state.columns.reduce(0) { $0 + $1.count }
    let count = state.snapshot == nil ? "" : (matches == 1 ? "1 match" : "\(matches) matches")
    let hints = state.keyMaps.search.hints
    let hintCells = hints.reduce(0) { $0 + TextWidth.cells($1) + 2 }
    let inputWidth = max(10, min(40, screen.width - x - hintCells - TextWidth.cells(count) - 4))
    drawInput(field, focused: true, in: Rect(x: x, y: y, width: inputWidth, height: 1), into: &screen)
    x += inputWidth + 2
    x += screen.write(count, x: x, y: y, width: screen.width - x, style: CellStyle(.statusMessage))
    drawHints(hints, from: x + 2, y: y, into: &screen)
}

/// "  pulling ▇▇▇░░░ 45%" (or "pulling 1200" when the provider gives no total); returns the cells used.
func drawPullProgress(
    _ pull: PullProgress, charset: Charset, x: Int, y: Int, width: Int, into screen: inout Screen
) -> Int {
    var used = screen.write("  pulling ", x: x, y: y, width: width, style: CellStyle(.statusMessage))
    guard let fraction = pull.fraction else {
        return used
            + screen.write(
                "\(pull.received)", x: x + used, y: y, width: width - used, style: CellStyle(.statusMessage))
    }
    used += screen.write(
        Bars.progress(fraction, width: 8, charset: charset), x: x + used, y: y, width: width - used,
        style: CellStyle(.progress))
    return used
        + screen.write(
            " \(Int((fraction * 100).rounded(.down)))%", x: x + used, y: y, width: width - used,
            style: CellStyle(.statusMessage))
}

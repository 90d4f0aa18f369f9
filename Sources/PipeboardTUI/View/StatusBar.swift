import PipeboardCore

/// The bottom row: where you are, what is undelivered, the last message, and the keys of the current mode.
func drawStatusBar(_ state: AppState, into screen: inout Screen) {
    let y = screen.height - 1
    let bar = CellStyle(.statusBar)
    screen.fill(Rect(x: 0, y: y, width: screen.width, height: 1), style: bar)
    if case .search(let field) = state.mode {
        drawSearchBar(field, state: state, y: y, into: &screen)
        return
    }
    var x = 1
    if let snapshot = state.snapshot {
        // A merged board is named once: its name is both its "account" and its pipeline.
        let place =
            snapshot.merge == nil
            ? "\(snapshot.account) · \(snapshot.pipeline.name)"
            : "\(snapshot.account) · \(snapshot.merge!.badges.count) accounts"
        x += screen.write(place, x: x, y: y, width: screen.width - x, style: CellStyle(.statusBar, bold: true))
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
    if let shown = shownSummary(state) {
        x += screen.write("  " + shown, x: x, y: y, width: screen.width - x, style: CellStyle(.accent, bold: true))
    }
    if let pull = state.pull { x += drawPullProgress(pull, charset: state.charset, x: x, y: y, into: &screen) }
    if let message = state.status {
        let style = CellStyle(message.kind == .error ? .error : .statusMessage, bold: message.kind == .error)
        x += screen.write("  " + message.text, x: x, y: y, width: screen.width - x, style: style)
    }
    let zones = state.dropZones
    guard zones.isEmpty else {
        for zone in zones {
            let over = state.drag?.overStatus == zone.status
            screen.write(
                zone.label, x: zone.cells.lowerBound, y: y, width: zone.cells.count,
                style: CellStyle(zone.status == .won ? .accent : .error, bold: true, reverse: over))
        }
        return
    }
    drawHints(state.keyMaps.current(for: state.mode).hints { state.offers($0) }, from: x + 2, y: y, into: &screen)
}

extension AppState {
    /// False for an action that would do nothing here: its hint is left out.
    func offers(_ action: Action) -> Bool {
        switch (mode, action) {
        case (.help, .pageDown): helpPage < helpPageCount - 1
        case (.help, .pageUp): helpPage > 0
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
        default: true
        }
    }
}

/// Key hints right-aligned in the space left; when not all fit, the last ones (help, quit) are kept first.
func drawHints(_ hints: [String], from left: Int, y: Int, into screen: inout Screen) {
    let separator = 2
    var room = screen.width - 1 - left
    var kept: [Int] = []
    for index in hints.indices.reversed() {
        let cells = TextWidth.cells(hints[index]) + (kept.isEmpty ? 0 : separator)
        if cells <= room { kept.insert(index, at: 0); room -= cells }
    }
    let text = kept.map { hints[$0] }
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
        case .funnel, .forecast: return chart
        case .outbox: return outbox
        case .conflict: return conflict
        }
    }
}

/// What narrows the board, for the status bar: "[Mine] owner Ana · closed shown · 3 selected".
func shownSummary(_ state: AppState) -> String? {
    var parts: [String] = []
    if let index = state.activeView, state.views.indices.contains(index) {
        parts.append("[\(index + 1) \(state.views[index].name)]")
    }
    let filter = FilterInput.summary(of: state.filter)
    if !filter.isEmpty { parts.append(filter) }
    if state.showClosed { parts.append("closed shown") }
    if !state.selection.isEmpty { parts.append("\(state.selection.count) selected") }
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
func drawPullProgress(_ pull: PullProgress, charset: Charset, x: Int, y: Int, into screen: inout Screen) -> Int {
    var used = screen.write("  pulling ", x: x, y: y, width: screen.width - x, style: CellStyle(.statusMessage))
    guard let fraction = pull.fraction else {
        return used
            + screen.write(
                "\(pull.received)", x: x + used, y: y, width: screen.width - x - used, style: CellStyle(.statusMessage))
    }
    used += screen.write(
        Bars.progress(fraction, width: 8, charset: charset), x: x + used, y: y, width: screen.width - x - used,
        style: CellStyle(.progress))
    return used
        + screen.write(
            " \(Int((fraction * 100).rounded(.down)))%", x: x + used, y: y, width: screen.width - x - used,
            style: CellStyle(.statusMessage))
}

import PipeboardCore

/// The bottom row: where you are, what is undelivered, the last message, and the keys of the current mode.
func drawStatusBar(_ state: AppState, into screen: inout Screen) {
    let y = screen.height - 1
    let bar = CellStyle(.statusBar)
    screen.fill(Rect(x: 0, y: y, width: screen.width, height: 1), style: bar)
    var x = 1
    if let snapshot = state.snapshot {
        x += screen.write("\(snapshot.account) · \(snapshot.pipeline.name)", x: x, y: y, width: screen.width - x, style: CellStyle(.statusBar, bold: true))
        let pending = snapshot.pendingChanges + state.pendingCardIDs.count
        if pending > 0 { x += screen.write("  \(pending) pending", x: x, y: y, width: screen.width - x, style: CellStyle(.pending)) }
        if snapshot.failedChanges > 0 {
            x += screen.write("  \(snapshot.failedChanges) failed", x: x, y: y, width: screen.width - x, style: CellStyle(.failed, bold: true))
        }
        if snapshot.attention != nil {
            x += screen.write("  paused: check credentials (o)", x: x, y: y, width: screen.width - x, style: CellStyle(.failed, bold: true))
        }
    }
    if let message = state.status {
        let style = CellStyle(message.kind == .error ? .error : .statusMessage, bold: message.kind == .error)
        x += screen.write("  " + message.text, x: x, y: y, width: screen.width - x, style: style)
    }
    drawHints(state.keyMaps.current(for: state.mode).hints, from: x + 2, y: y, into: &screen)
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
        if parts.count > 1 { x += screen.write(" " + parts[1], x: x, y: y, width: screen.width - x, style: CellStyle(.statusBar)) }
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
        case .outbox: return outbox
        case .conflict: return conflict
        }
    }
}

import PipeboardCore

/// Draws the whole state into a `state.width` x `state.height` grid of styled cells. Pure.
public func view(_ state: AppState) -> Screen {
    var screen = Screen(width: state.width, height: state.height)
    let layout = state.layout
    guard !layout.isTooSmall else {
        drawTooSmall(&screen)
        return screen
    }
    drawBoard(state, layout: layout, into: &screen)
    if state.mode.dimsBoard { screen.dimAll() }
    switch state.mode {
    case .board: break
    case .detail(let id): if let card = state.card(id: id) { drawDetail(card, state: state, into: &screen) }
    case .form(let form): drawForm(form, keys: state.keyMaps.form, into: &screen)
    case .stagePicker(let picker): drawPicker(picker, into: &screen)
    case .confirmDelete(let id):
        if let card = state.card(id: id) { drawConfirmDelete(card, state: state, into: &screen) }
    case .help: drawHelp(state.keyMaps, page: state.helpPage, into: &screen)
    case .search: break // typed in the status bar, over the live board
    case .bulkPreview(let plan): drawBulkPreview(plan, state: state, into: &screen)
    case .lostReason(let prompt): drawLostReason(prompt, into: &screen)
    case .funnel(let measure):
        if let figures = state.figures { drawFunnel(figures, measure: measure, charset: state.charset, into: &screen) }
    case .forecast(let currency):
        if let figures = state.figures, state.snapshot?.includesForecast == true {
            drawForecast(figures, currency: currency, charset: state.charset, into: &screen)
        } else {
            _ = drawOverlay(width: overlayWidth(40, screen: screen), height: 5, title: "Forecast", into: &screen)
            screen.writeCentered(
                "Reading the forecast…", x: 0, y: (screen.height - 1) / 2, width: screen.width,
                style: CellStyle(.overlay))
        }
    case .outbox(let list): drawOutbox(list, state: state, into: &screen)
    case .timeline(let id):
        if let card = state.card(id: id) { drawTimeline(card, state: state, into: &screen) }
    case .velocity(let span): drawVelocity(state.velocity, span: span, into: &screen)
    case .conflict(let item): drawConflict(item, into: &screen)
    case .agenda(let list): drawAgenda(list, state: state, into: &screen)
    case .commandOutput(let output): drawCommandOutput(output, into: &screen)
    }
    drawStatusBar(state, into: &screen)
    return screen
}

/// A plain centred message, wrapped to the width, for a terminal too small to hold the board.
func drawTooSmall(_ screen: inout Screen) {
    let lines = [
        "Terminal too small",
        "Needs at least \(BoardLayout.minWidth)×\(BoardLayout.minHeight),",
        "now \(screen.width)×\(screen.height)",
    ].flatMap { wrap($0, width: screen.width) }
    let top = max(0, (screen.height - lines.count) / 2)
    for (index, line) in lines.enumerated() {
        screen.writeCentered(line, x: 0, y: top + index, width: screen.width, style: CellStyle(.text))
    }
}

/// Greedy word wrap by cells; a word longer than the width is cut with an ellipsis.
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ").map(String.init) {
        let candidate = line.isEmpty ? word : line + " " + word
        if TextWidth.cells(candidate) <= width {
            line = candidate
        } else {
            if !line.isEmpty { lines.append(line) }
            line = TextWidth.truncate(word, to: width)
        }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}

extension Screen {
    /// Fades everything drawn so far, so an overlay stands out from the board under it.
    mutating func dimAll() {
        for index in cells.indices { cells[index].style.dim = true }
    }
}

extension Mode {
    /// Overlays fade the board under them; the search bar leaves it bright, since it filters as you type.
    var dimsBoard: Bool {
        switch self {
        case .board, .search: return false
        default: return true
        }
    }
}

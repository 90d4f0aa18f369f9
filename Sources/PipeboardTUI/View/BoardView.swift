import PipeboardCore

/// The columns of the board, the stage strip in the narrow layout, and the markers for stages off screen.
func drawBoard(_ state: AppState, layout: BoardLayout, into screen: inout Screen) {
    guard let snapshot = state.snapshot else {
        screen.writeCentered(
            "Loading the board…", x: 0, y: layout.statusRow / 2, width: screen.width, style: CellStyle(.muted))
        return
    }
    guard !snapshot.columns.isEmpty else {
        screen.writeCentered(
            "\(snapshot.pipeline.name) has no stages yet", x: 0, y: layout.statusRow / 2, width: screen.width,
            style: CellStyle(.muted))
        return
    }
    let first =
        layout.isNarrow
        ? state.focus.column : max(0, min(state.firstVisibleColumn, snapshot.columns.count - layout.columnsShown))
    if layout.isNarrow {
        drawStageStrip(snapshot.pipeline.stages, current: state.focus.column, width: layout.width, into: &screen)
    }
    if layout.showsSummary, let day = state.pastDay {
        drawPastBanner(day, y: layout.summaryRow, width: layout.width, into: &screen)
    } else if layout.showsSummary, let figures = state.figures {
        drawSummaryLine(figures, charset: state.charset, y: layout.summaryRow, width: layout.width, into: &screen)
    }
    for slot in 0..<layout.columnsShown {
        let index = first + slot
        let x = layout.gutter + slot * layout.columnWidth
        // One cell of each column's share is the gap to the next; the narrow layout's single column needs none.
        let width = layout.isNarrow ? layout.width : layout.columnWidth - 1
        drawColumn(
            index, state: state, layout: layout,
            area: Rect(x: x, y: layout.columnTop, width: width, height: layout.height - 1 - layout.columnTop),
            into: &screen)
    }
    drawHiddenColumnMarkers(
        left: first, right: snapshot.columns.count - first - layout.columnsShown, layout: layout, into: &screen)
}

/// "◀ 2" and "3 ▶" in the gutters when stages are off screen.
func drawHiddenColumnMarkers(left: Int, right: Int, layout: BoardLayout, into screen: inout Screen) {
    guard layout.gutter > 0 else { return }
    let style = CellStyle(.accent, bold: true)
    if left > 0 {
        screen.write("◀", x: 0, y: layout.columnTop, width: 1, style: style)
        screen.write(String(left), x: 0, y: layout.columnTop + 1, width: layout.gutter, style: CellStyle(.muted))
    }
    if right > 0 {
        screen.write("▶", x: layout.width - 1, y: layout.columnTop, width: 1, style: style)
        screen.writeRight(
            String(right), x: layout.width - layout.gutter, y: layout.columnTop + 1, width: layout.gutter,
            style: CellStyle(.muted))
    }
}

/// One stage: header (name, count, totals), its visible cards, and the scroll footer.
func drawColumn(_ index: Int, state: AppState, layout: BoardLayout, area: Rect, into screen: inout Screen) {
    let column = state.columns[index]
    // While a card is dragged over another column, that column's header shows where it will drop.
    let isDropTarget = state.drag.map { $0.overColumn == index && $0.fromColumn != index } ?? false
    let isFocused = index == state.focus.column
    let highlighted = isFocused || isDropTarget
    let headerStyle = CellStyle(highlighted ? .columnHeaderFocused : .columnHeader, bold: true, underline: isDropTarget)
    // Only the name line is highlighted: the totals below keep their colours, and moving the focus to another
    // column repaints one line of each header, not three.
    screen.fill(
        Rect(x: area.x, y: area.y, width: area.width, height: BoardLayout.headerHeight), style: CellStyle(.columnHeader)
    )
    if highlighted {
        screen.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: CellStyle(.columnHeaderFocused))
    }
    let sort = state.sorts[column.stage.id].map { " " + $0.label + " " } ?? ""
    let count = sort + String(column.count)
    let inner = area.width - 2
    screen.writeRight(count, x: area.x + 1, y: area.y, width: inner, style: headerStyle)
    screen.write(
        column.stage.name, x: area.x + 1, y: area.y, width: max(0, inner - TextWidth.cells(count) - 1),
        style: headerStyle)
    screen.write(
        Formatting.totals(column.totals, width: inner), x: area.x + 1, y: area.y + 1, width: inner,
        style: CellStyle(.value, on: .columnHeader))
    drawForecastLine(column, state: state, x: area.x + 1, y: area.y + 2, width: inner, into: &screen)

    let visible = layout.cardsPerColumn
    let top = min(state.scrollOffset(ofColumn: index), max(0, column.count - visible))
    if column.count == 0 {
        screen.writeCentered(
            "No opportunities", x: area.x, y: layout.cardsTop + 1, width: area.width, style: CellStyle(.muted))
    }
    for slot in 0..<visible where top + slot < column.count {
        let cardIndex = top + slot
        let rect = Rect(
            x: area.x, y: layout.cardsTop + slot * layout.cardHeight, width: area.width, height: layout.cardHeight)
        drawCard(
            column.card(at: cardIndex), focused: isFocused && cardIndex == state.focus.card, state: state, in: rect,
            into: &screen)
    }
    let below = column.count - top - visible
    if top > 0 {
        screen.write("↑ \(top) above", x: area.x + 1, y: layout.footerRow, width: inner, style: CellStyle(.muted))
    }
    if below > 0 {
        screen.writeRight("+\(below) more", x: area.x + 1, y: layout.footerRow, width: inner, style: CellStyle(.muted))
    }
}

/// The narrow layout's strip of stage names, the current one bracketed, highlighted and always in view.
func drawStageStrip(_ stages: [Stage], current: Int, width: Int, into screen: inout Screen) {
    screen.fill(Rect(x: 0, y: 0, width: width, height: 1), style: CellStyle(.columnHeader))
    let labels = stages.indices.map { $0 == current ? "[\(stages[$0].name)]" : " \(stages[$0].name) " }
    var start = 0
    // Drop stages from the left until the current one fits (leaving room for the markers).
    while start < current, labels[start...current].reduce(0, { $0 + TextWidth.cells($1) + 1 }) > width - 2 {
        start += 1
    }
    var x = start > 0 ? 2 : 0
    if start > 0 { screen.write("‹", x: 0, y: 0, width: 1, style: CellStyle(.accent, bold: true)) }
    for index in start..<stages.count {
        guard x < width - 1 else {
            screen.write("›", x: width - 1, y: 0, width: 1, style: CellStyle(.accent, bold: true))
            break
        }
        let style =
            index == current ? CellStyle(.columnHeaderFocused, bold: true, reverse: true) : CellStyle(.columnHeader)
        x += screen.write(labels[index], x: x, y: 0, width: width - 1 - x, style: style) + 1
    }
}

/// The header's third row: "w $5.1k" (weighted forecast of the open deals) and "avg 12d" in stage.
func drawForecastLine(_ column: ColumnSnapshot, state: AppState, x: Int, y: Int, width: Int, into screen: inout Screen)
{
    var days = ""
    if let average = column.averageWholeDaysInStage(now: state.now) { days = "avg \(average)d" }
    let daysWidth = TextWidth.cells(days)
    screen.writeRight(days, x: x, y: y, width: width, style: CellStyle(.muted, on: .columnHeader))
    guard !column.weighted.isEmpty else { return }
    let room = width - daysWidth - (daysWidth > 0 ? 1 : 0) - 2
    screen.write(
        "w " + Formatting.totals(column.weighted, width: max(0, room)), x: x, y: y,
        width: max(0, width - daysWidth - 1),
        style: CellStyle(.chartWeighted, on: .columnHeader))
}

/// The board as it was says so across its top, where the summary line is on the present board.
func drawPastBanner(_ day: String, y: Int, width: Int, into screen: inout Screen) {
    let forms = [
        "THE PAST · the board as it was at the end of \(day) · read only",
        "THE PAST · as of \(day) · read only",
        "as of \(day)",
    ]
    let text = forms.first { TextWidth.cells($0) + 2 <= width } ?? forms[forms.count - 1]
    let style = CellStyle(.accent, bold: true, reverse: true)
    screen.fill(Rect(x: 0, y: y, width: width, height: 1), style: style)
    screen.writeCentered(text, x: 0, y: y, width: width, style: style)
}

import PipeboardCore

/// Scrolling and the windows of cards asked of the service: the board never holds a whole column.
extension AppState {
    /// Cards kept loaded beyond the visible ones on each side, so that small scrolls need no load.
    static let windowMargin = 4

    var defaultWindow: CardWindow {
        CardWindow(offset: 0, limit: layout.cardsPerColumn + 2 * Self.windowMargin)
    }

    /// What to load now: for each column the window around its scroll offset.
    public var boardQuery: BoardQuery {
        var query =
            target.map {
                BoardQuery(
                    account: $0.account ?? snapshot?.account, pipelineID: $0.pipelineID, windows: windows,
                    defaultWindow: defaultWindow)
            }
            ?? BoardQuery(
                account: snapshot?.account, pipelineID: snapshot?.pipeline.id, windows: windows,
                defaultWindow: defaultWindow)
        query.statuses = shownStatuses
        query.filter = filter
        query.sorts = target == nil ? sorts : [:]
        query.asOf = asOf
        // The forecast's sums by close month are read only while the forecast view is open.
        if case .forecast = mode { query.includeForecast = true }
        return query
    }

    /// The first load, asked before the terminal opens (its size is not known yet): what `boardQuery` asks of a
    /// board just opened with this state's settings, with a window that covers any screen's first rows.
    package var openingQuery: BoardQuery {
        var query = boardQuery
        query.windows = [:]
        query.defaultWindow = CardWindow(offset: 0, limit: Self.openingWindow)
        return query
    }

    static let openingWindow = 50

    /// Open deals only, unless closed ones are toggled on or the filter names a status.
    var shownStatuses: Set<OpportunityStatus> { showClosed || filter.namesStatus ? [] : [.open] }

    func scrollOffset(ofColumn index: Int) -> Int {
        columns.indices.contains(index) ? scroll[columns[index].stage.id] ?? 0 : 0
    }

    /// Clamps focus to the board, scrolls the focused column so its card is drawn, and keeps its stage on screen.
    mutating func clampFocusAndScroll() {
        guard !columns.isEmpty else { focus = Focus(); return }
        focus.column = min(max(0, focus.column), columns.count - 1)
        let column = columns[focus.column]
        focus.card = min(max(0, focus.card), max(0, column.count - 1))
        let visible = layout.cardsPerColumn
        var top = scroll[column.stage.id] ?? 0
        if focus.card < top { top = focus.card }
        if focus.card >= top + visible { top = focus.card - visible + 1 }
        top = min(top, max(0, column.count - visible))
        scroll[column.stage.id] = max(0, top)
        firstVisibleColumn = layout.firstColumn(keeping: focus.column, from: firstVisibleColumn)
    }

    /// Re-centres the window of every column whose visible cards fall outside it; `.load` when any did.
    mutating func loadIfNeeded() -> [Effect] {
        var changed = false
        let visible = layout.cardsPerColumn
        for column in columns {
            let top = scroll[column.stage.id] ?? 0
            let needed = top..<min(column.count, top + visible)
            let window = boardQuery.window(for: column.stage.id)
            let covered =
                needed.isEmpty
                || (needed.lowerBound >= window.offset && needed.upperBound <= window.offset + window.limit)
            if !covered {
                windows[column.stage.id] = CardWindow(
                    offset: top - Self.windowMargin, limit: visible + 2 * Self.windowMargin)
                changed = true
            }
        }
        return changed ? [.load(boardQuery)] : []
    }

    /// After a resize every window is sized afresh for the new number of visible rows.
    mutating func relayout(width: Int, height: Int) -> [Effect] {
        self.width = width
        self.height = height
        windows = [:]
        clampFocusAndScroll()
        for column in columns where (scroll[column.stage.id] ?? 0) > 0 {
            let top = scroll[column.stage.id] ?? 0
            windows[column.stage.id] = CardWindow(
                offset: top - Self.windowMargin, limit: layout.cardsPerColumn + 2 * Self.windowMargin)
        }
        return [.load(boardQuery)]
    }
}

/// Where the board's parts go for a screen size. Shared by `view` (to draw) and `update` (to know how many
/// cards a column shows, which drives scrolling and the windows asked of the service).
struct BoardLayout: Hashable {
    static let minColumnWidth = 22
    static let minWidth = 30
    static let minHeight = 10
    /// Below this width one stage is shown at a time under a strip of stage names.
    static let narrowBelow = 60
    /// Cells at each side that hold the "more stages" markers when not every stage fits.
    static let gutter = 2

    let width: Int
    let height: Int
    let stageCount: Int
    /// Rows of one card: its lines (1 to 3) inside a border.
    var cardHeight: Int = 5

    init(width: Int, height: Int, stageCount: Int, cardLines: Int = 3) {
        self.width = width
        self.height = height
        self.stageCount = stageCount
        cardHeight = min(max(cardLines, 1), 3) + 2
    }

    var isTooSmall: Bool { width < Self.minWidth || height < Self.minHeight }
    var isNarrow: Bool { width < Self.narrowBelow }
    var statusRow: Int { height - 1 }
    /// The pipeline summary line (open and weighted totals, won / lost trend) where the height leaves room for it.
    static let summaryFrom = 16
    var showsSummary: Bool { height >= Self.summaryFrom }
    /// Row of the summary line: under the stage strip in the narrow layout.
    var summaryRow: Int { isNarrow ? 1 : 0 }
    /// First row of the column headers: below the stage strip and the summary line.
    var columnTop: Int { (isNarrow ? 1 : 0) + (showsSummary ? 1 : 0) }
    /// Column header: name and count, the total value, then the weighted forecast and the average days in stage.
    static let headerHeight = 3
    var cardsTop: Int { columnTop + Self.headerHeight }
    /// The row under the cards for "↑ N above" and "+N more".
    var footerRow: Int { height - 2 }
    var cardsPerColumn: Int { max(1, (footerRow - cardsTop) / cardHeight) }

    var allColumnsFit: Bool { isNarrow || stageCount * Self.minColumnWidth <= width }
    var gutter: Int { allColumnsFit || isNarrow ? 0 : Self.gutter }

    /// How many stages are drawn side by side.
    var columnsShown: Int {
        if isNarrow { return min(1, stageCount) }
        if allColumnsFit { return stageCount }
        return max(1, (width - 2 * Self.gutter) / Self.minColumnWidth)
    }

    var columnWidth: Int { columnsShown == 0 ? 0 : (width - 2 * gutter) / columnsShown }

    /// The first visible stage moved as little as possible so that `focused` is drawn.
    func firstColumn(keeping focused: Int, from current: Int) -> Int {
        let shown = max(1, columnsShown)
        let first = min(max(current, focused - shown + 1), focused)
        return max(0, min(first, stageCount - shown))
    }
}

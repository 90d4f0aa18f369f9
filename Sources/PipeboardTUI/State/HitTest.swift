import PipeboardCore

/// What is under a screen cell on the board.
enum BoardHit: Hashable {
    /// A column's header, its empty space or its footer.
    case column(Int)
    /// A card, by its column and its index in the whole column.
    case card(column: Int, card: Int)

    var column: Int {
        switch self {
        case .column(let column), .card(let column, _): column
        }
    }
}

extension AppState {
    /// The column or card drawn at (x, y), worked out from the same layout `view` draws with.
    func hit(x: Int, y: Int) -> BoardHit? {
        let layout = self.layout
        guard !layout.isTooSmall, !columns.isEmpty, y >= layout.columnTop, y < layout.statusRow else { return nil }
        let column: Int
        if layout.isNarrow {
            column = focus.column
        } else {
            guard x >= layout.gutter, layout.columnWidth > 0 else { return nil }
            let slot = (x - layout.gutter) / layout.columnWidth
            guard slot < layout.columnsShown else { return nil }
            column = max(0, min(firstVisibleColumn, columns.count - layout.columnsShown)) + slot
        }
        guard columns.indices.contains(column) else { return nil }
        guard y >= layout.cardsTop, y < layout.footerRow else { return .column(column) }
        let slot = (y - layout.cardsTop) / layout.cardHeight
        guard slot < layout.cardsPerColumn else { return .column(column) }
        let count = columns[column].count
        let top = min(scrollOffset(ofColumn: column), max(0, count - layout.cardsPerColumn))
        return top + slot < count ? .card(column: column, card: top + slot) : .column(column)
    }
}

extension AppState {
    /// While a card is dragged, Won and Lost are drop targets at the right of the status bar (where the provider
    /// can set a deal's status): each status with the cells it covers. The view draws them from the same list.
    var dropZones: [(status: OpportunityStatus, label: String, cells: Range<Int>)] {
        guard drag != nil, let snapshot, snapshot.capabilities.contains(.setStatus), !layout.isTooSmall else {
            return []
        }
        var right = layout.width - 1
        var zones: [(status: OpportunityStatus, label: String, cells: Range<Int>)] = []
        for (status, label) in [(OpportunityStatus.lost, " ✗ Lost "), (.won, " ✓ Won ")] {
            let width = TextWidth.cells(label)
            zones.insert((status, label, (right - width)..<right), at: 0)
            right -= width + 1
        }
        return zones
    }

    /// The drop zone at (x, y), if any.
    func dropZone(x: Int, y: Int) -> OpportunityStatus? {
        guard y == layout.statusRow else { return nil }
        return dropZones.first { $0.cells.contains(x) }?.status
    }
}

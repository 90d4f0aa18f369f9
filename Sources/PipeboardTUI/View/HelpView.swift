import PipeboardCore

/// Every key of every mode, straight from the key maps, flowed into as many columns as the height needs.
/// When the columns are wider than the screen they go on pages, turned with the help map's keys.
func drawHelp(_ maps: KeyMaps, page: Int = 0, into screen: inout Screen) {
    let gap = helpColumnGap
    let pages = helpPages(maps, width: screen.width, height: screen.height)
    let shown = min(max(0, page), pages.count - 1)
    let columns = pages[shown]
    if pages.count > 1 {
        let note = "page \(shown + 1) of \(pages.count) · PgDn / PgUp"
        screen.writeCentered(note, x: 0, y: screen.height - 2, width: screen.width, style: CellStyle(.muted))
    }
    let columnWidths = columns.map { column in column.map(\.width).max() ?? 0 }
    let contentWidth = columnWidths.reduce(0, +) + gap * max(0, columns.count - 1)
    let contentHeight = columns.map { $0.reduce(0) { $0 + $1.lines.count } + max(0, $0.count - 1) }.max() ?? 0
    let inner = drawOverlay(
        width: overlayWidth(contentWidth + 4, screen: screen), height: overlayHeight(contentHeight + 4, screen: screen),
        title: "Keys", into: &screen)
    var x = inner.x
    for (index, column) in columns.enumerated() {
        let width = min(columnWidths[index], inner.maxX - x)
        var y = inner.y + 1
        for section in column {
            for line in section.lines where y < inner.maxY {
                if let binding = line {
                    screen.write(
                        binding.keyLabel, x: x, y: y, width: section.keyWidth, style: CellStyle(.statusKey, bold: true))
                    screen.write(
                        binding.summary, x: x + section.keyWidth + 2, y: y, width: width - section.keyWidth - 2,
                        style: CellStyle(.text))
                } else {
                    screen.write(
                        section.title, x: x, y: y, width: width,
                        style: CellStyle(.overlayTitle, bold: true, underline: true))
                }
                y += 1
            }
            y += 1
        }
        x += columnWidths[index] + gap
        guard x < inner.maxX else { break }
    }
}

private let helpColumnGap = 4

/// The help's pages on a screen of this size, each a list of columns of sections.
func helpPages(_ maps: KeyMaps, width: Int, height: Int) -> [[[HelpSection]]] {
    let size = Screen(width: width, height: 0) // the overlay's limits need only the size
    let rows = max(1, min(height - 1, height - 3) - 5) // overlayHeight of the area above the status bar, less its frame
    let sections = maps.all.map(HelpSection.init)
    return paginate(
        flow(sections.flatMap { $0.split(rows: rows) }, rows: rows), width: overlayWidth(width, screen: size) - 4,
        gap: helpColumnGap)
}

/// A key map as help lines: the title (nil) then one line per binding.
struct HelpSection {
    var title: String
    var lines: [KeyBinding?]
    var keyWidth: Int

    /// A section taller than `rows` as several, the later ones titled "… (more)".
    func split(rows: Int) -> [HelpSection] {
        guard lines.count > rows, rows > 1 else { return [self] }
        let bindings = lines.compactMap { $0 }
        var parts: [HelpSection] = []
        var start = 0
        while start < bindings.count {
            let end = min(bindings.count, start + rows - 1)
            var part = self
            part.title = start == 0 ? title : title + " (more)"
            part.lines = [nil] + bindings[start..<end].map { $0 }
            parts.append(part)
            start = end
        }
        return parts
    }

    init(_ map: KeyMap) {
        title = map.title
        lines = [nil] + map.bindings.map { $0 }
        keyWidth = map.bindings.map { TextWidth.cells($0.keyLabel) }.max() ?? 0
    }

    var width: Int {
        let summaries = lines.compactMap { $0.map { TextWidth.cells($0.summary) } }.max() ?? 0
        return max(TextWidth.cells(title), keyWidth + 2 + summaries)
    }
}

/// Sections packed into columns of at most `rows` lines, a section never split unless it alone is too tall.
func flow(_ sections: [HelpSection], rows: Int) -> [[HelpSection]] {
    var columns: [[HelpSection]] = [[]]
    var used = 0
    for section in sections {
        let needed = section.lines.count + (used > 0 ? 1 : 0)
        if used > 0 && used + needed > rows {
            columns.append([])
            used = 0
        }
        columns[columns.count - 1].append(section)
        used += section.lines.count + (used > 0 ? 1 : 0)
    }
    return columns
}

/// Columns grouped into pages that each fit `width` cells.
func paginate(_ columns: [[HelpSection]], width: Int, gap: Int) -> [[[HelpSection]]] {
    var pages: [[[HelpSection]]] = [[]]
    var used = 0
    for column in columns {
        let columnWidth = column.map(\.width).max() ?? 0
        let needed = columnWidth + (used > 0 ? gap : 0)
        if used > 0 && used + needed > width {
            pages.append([])
            used = 0
        }
        pages[pages.count - 1].append(column)
        used += columnWidth + (used > 0 ? gap : 0)
    }
    return pages
}

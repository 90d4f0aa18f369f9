import PipeboardCore

/// Every key of every mode, straight from the key maps, flowed into as many columns as the height needs.
func drawHelp(_ maps: KeyMaps, into screen: inout Screen) {
    let sections = maps.all.map(HelpSection.init)
    let area = Rect(x: 0, y: 0, width: screen.width, height: screen.height - 1)
    let rows = max(1, overlayHeight(area.height, screen: screen) - 4)
    let columns = flow(sections, rows: rows)
    let columnWidths = columns.map { column in column.map(\.width).max() ?? 0 }
    let gap = 4
    let contentWidth = columnWidths.reduce(0, +) + gap * max(0, columns.count - 1)
    let contentHeight = columns.map { $0.reduce(0) { $0 + $1.lines.count } + max(0, $0.count - 1) }.max() ?? 0
    let inner = drawOverlay(width: overlayWidth(contentWidth + 4, screen: screen), height: overlayHeight(contentHeight + 4, screen: screen),
                            title: "Keys", into: &screen)
    var x = inner.x
    for (index, column) in columns.enumerated() {
        let width = min(columnWidths[index], inner.maxX - x)
        var y = inner.y + 1
        for section in column {
            for line in section.lines where y < inner.maxY {
                if let binding = line {
                    screen.write(binding.keyLabel, x: x, y: y, width: section.keyWidth, style: CellStyle(.statusKey, bold: true))
                    screen.write(binding.summary, x: x + section.keyWidth + 2, y: y, width: width - section.keyWidth - 2, style: CellStyle(.text))
                } else {
                    screen.write(section.title, x: x, y: y, width: width, style: CellStyle(.overlayTitle, bold: true, underline: true))
                }
                y += 1
            }
            y += 1
        }
        x += columnWidths[index] + gap
        guard x < inner.maxX else { break }
    }
}

/// A key map as help lines: the title (nil) then one line per binding.
struct HelpSection {
    var title: String
    var lines: [KeyBinding?]
    var keyWidth: Int

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

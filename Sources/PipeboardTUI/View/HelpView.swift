import PipeboardCore

/// Every key of every mode, straight from the key maps, flowed into as many columns as the height needs, then what
/// the board's signs mean. When the columns are wider than the screen they go on pages, turned with the help map's
/// keys; the page line sits inside the box, under the keys.
func drawHelp(_ maps: KeyMaps, page: Int = 0, into screen: inout Screen) {
    let gap = helpColumnGap
    let pages = helpPages(maps, width: screen.width, height: screen.height)
    let shown = min(max(0, page), pages.count - 1)
    let columns = pages[shown]
    let columnWidths = columns.map { column in column.map(\.width).max() ?? 0 }
    let contentWidth = columnWidths.reduce(0, +) + gap * max(0, columns.count - 1)
    let contentHeight = columns.map { $0.reduce(0) { $0 + $1.lines.count } + max(0, $0.count - 1) }.max() ?? 0
    let note = pages.count > 1 ? pageNote(shown + 1, of: pages.count, maps: maps, width: contentWidth) : nil
    let inner = drawOverlay(
        width: overlayWidth(max(contentWidth, note.map(TextWidth.cells) ?? 0) + 4, screen: screen),
        height: overlayHeight(contentHeight + (note == nil ? 4 : 5), screen: screen), title: "Keys", into: &screen)
    if let note {
        screen.writeCentered(note, x: inner.x, y: inner.maxY - 1, width: inner.width, style: CellStyle(.muted))
    }
    let bottom = inner.maxY - (note == nil ? 0 : 2)
    var x = inner.x
    for (index, column) in columns.enumerated() {
        let width = min(columnWidths[index], inner.maxX - x)
        var y = inner.y + 1
        for section in column {
            for line in section.lines where y < bottom {
                if let line {
                    screen.write(
                        line.key, x: x, y: y, width: section.keyWidth, style: CellStyle(.statusKey, bold: true))
                    screen.write(
                        line.text, x: x + section.keyWidth + 2, y: y, width: width - section.keyWidth - 2,
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

/// "page 1 of 2 · PgDn / PgUp", with the keys the help map binds; shorter where the box is narrow.
func pageNote(_ page: Int, of count: Int, maps: KeyMaps, width: Int) -> String {
    let keys = [maps.help.keyLabel(for: .pageDown), maps.help.keyLabel(for: .pageUp)].compactMap { $0 }
    let long = "page \(page) of \(count)" + (keys.isEmpty ? "" : " · " + keys.joined(separator: " / "))
    return TextWidth.cells(long) <= width
        ? long : "\(page)/\(count)" + (keys.isEmpty ? "" : " " + keys.joined(separator: "/"))
}

private let helpColumnGap = 4

/// The help's pages on a screen of this size, each a list of columns of sections.
func helpPages(_ maps: KeyMaps, width: Int, height: Int) -> [[[HelpSection]]] {
    let size = Screen(width: width, height: 0) // the overlay's limits need only the size
    let rows = max(1, min(height - 1, height - 3) - 5) // overlayHeight of the area above the status bar, less its frame
    var sections = maps.all.map(HelpSection.init) + [HelpSection.signs(maps)]
    if !maps.commands.isEmpty {
        // The config's own commands, beside the board's keys they share.
        let lines = maps.commands.map { HelpLine(key: $0.key.label, text: $0.name) }
        sections.insert(HelpSection(title: "Your commands", lines: lines), at: 1)
    }
    return paginate(
        flow(sections.flatMap { $0.split(rows: rows) }, rows: rows), width: overlayWidth(width, screen: size) - 4,
        gap: helpColumnGap)
}

/// One line of the help: a key (or a sign of the board) and what it does (or means).
struct HelpLine {
    var key: String
    var text: String
}

/// A key map as help lines: the title (nil) then one line per binding.
struct HelpSection {
    var title: String
    var lines: [HelpLine?]
    var keyWidth: Int

    /// A section taller than `rows` as several, the later ones titled "… (more)".
    func split(rows: Int) -> [HelpSection] {
        guard lines.count > rows, rows > 1 else { return [self] }
        let entries = lines.compactMap { $0 }
        var parts: [HelpSection] = []
        var start = 0
        while start < entries.count {
            let end = min(entries.count, start + rows - 1)
            var part = self
            part.title = start == 0 ? title : title + " (more)"
            part.lines = [nil] + entries[start..<end].map { $0 }
            parts.append(part)
            start = end
        }
        return parts
    }

    init(title: String, lines: [HelpLine]) {
        self.title = title
        self.lines = [nil] + lines
        keyWidth = lines.map { TextWidth.cells($0.key) }.max() ?? 0
    }

    init(_ map: KeyMap) {
        self.init(title: map.title, lines: map.bindings.map { HelpLine(key: $0.keyLabel, text: $0.summary) })
    }

    /// What the board's marks mean: the headers' "+2" (currencies not shown, never added in), "w", the cards' marks.
    static func signs(_ maps: KeyMaps) -> HelpSection {
        let funnel = maps.board.keyLabel(for: .showFunnel).map { "; \($0) shows each" } ?? ""
        return HelpSection(
            title: "Signs on the board",
            lines: [
                HelpLine(key: "+2", text: "2 more currencies, not added in\(funnel)"),
                HelpLine(key: "w", text: "weighted: value × chance of winning"),
                HelpLine(key: "avg 9d", text: "average days in the stage"),
                HelpLine(key: "\(CardMarks.staleGlyph)40d", text: "stale: 40 days in the stage"),
                HelpLine(key: "↻ ! ≠", text: "waiting to be sent, refused, conflict"),
                HelpLine(key: "▲ ● ○", text: "next step overdue, due today, later"),
                HelpLine(key: "∅", text: "an open deal with no next step"),
                HelpLine(key: "◀ ▶", text: "stages off screen"),
            ])
    }

    var width: Int {
        let texts = lines.compactMap { $0.map { TextWidth.cells($0.text) } }.max() ?? 0
        return max(TextWidth.cells(title), keyWidth + 2 + texts)
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

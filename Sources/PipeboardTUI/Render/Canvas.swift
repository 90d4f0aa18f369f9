import PipeboardCore

/// A rectangle of cells on the screen.
package struct Rect: Hashable, Sendable {
    package var x: Int
    package var y: Int
    package var width: Int
    package var height: Int

    package init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    var maxX: Int { x + width }
    var maxY: Int { y + height }

    /// The rectangle shrunk by `dx` cells left and right and `dy` rows top and bottom.
    func inset(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }

    /// A `width` x `height` rectangle centred in this one (clamped to fit).
    func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width)
        let ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }
}

/// Line-drawing characters for boxes.
struct BoxStyle {
    let topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String

    static let rounded = BoxStyle(
        topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯", horizontal: "─", vertical: "│")
}

/// Drawing primitives. Every write is clipped to the screen and to the width it is given, is measured in cells,
/// and never leaves half of a wide character behind.
extension Screen {
    /// Writes `text` from (x, y) within `width` cells (default: to the right edge), cut with "…" when it does not fit.
    /// Returns the number of cells written.
    @discardableResult
    mutating func write(_ text: String, x: Int, y: Int, width: Int? = nil, style: CellStyle = .plain) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width ?? (self.width - x), self.width - x)
        guard limit > 0 else { return 0 }
        // Most of what a board writes is one scalar per cell (see TextWidth.simpleCells): no grapheme breaking.
        if let cells = TextWidth.simpleCells(text) {
            let cut = cells > limit ? TextWidth.truncate(text, to: limit) : text
            return placeNarrow(cut.unicodeScalars.lazy.map(Self.glyph), x: x, y: y, style: style)
        }
        var column = x
        let cut = TextWidth.truncate(text, to: limit)
        for character in cut {
            let cells = TextWidth.cells(character)
            guard cells > 0 else { continue }
            if column >= 0 { place(String(character), cells: cells, x: column, y: y, style: style) }
            column += cells
        }
        return column - x
    }

    /// Writes `text` so that it ends at the right edge of `width` cells starting at x.
    @discardableResult
    mutating func writeRight(_ text: String, x: Int, y: Int, width: Int, style: CellStyle = .plain) -> Int {
        let cut = TextWidth.truncate(text, to: width)
        return write(cut, x: x + width - TextWidth.cells(cut), y: y, width: TextWidth.cells(cut), style: style)
    }

    /// Writes `text` centred within `width` cells from x.
    mutating func writeCentered(_ text: String, x: Int, y: Int, width: Int, style: CellStyle = .plain) {
        let cut = TextWidth.truncate(text, to: width)
        write(cut, x: x + (width - TextWidth.cells(cut)) / 2, y: y, width: width, style: style)
    }

    /// Paints every cell of `rect` blank in `style`.
    mutating func fill(_ rect: Rect, style: CellStyle) {
        for row in rect.y..<rect.maxY {
            placeNarrow(repeatElement(" ", count: rect.width), x: rect.x, y: row, style: style)
        }
    }

    /// Draws a box border around `rect`, with an optional title in the top edge.
    mutating func box(_ rect: Rect, style: CellStyle, title: String? = nil, titleStyle: CellStyle? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let lines = BoxStyle.rounded
        let inner = rect.width - 2
        if rect.x >= 0, rect.maxX <= width {
            // Every box glyph is one cell: placed as they are, with no string to build and measure (a board draws
            // a box per card per frame).
            func edge(_ row: Int, _ left: String, _ right: String) {
                placeNarrow(CollectionOfOne(left), x: rect.x, y: row, style: style)
                placeNarrow(repeatElement(lines.horizontal, count: inner), x: rect.x + 1, y: row, style: style)
                placeNarrow(CollectionOfOne(right), x: rect.maxX - 1, y: row, style: style)
            }
            edge(rect.y, lines.topLeft, lines.topRight)
            edge(rect.maxY - 1, lines.bottomLeft, lines.bottomRight)
            for row in (rect.y + 1)..<(rect.maxY - 1) {
                placeNarrow(CollectionOfOne(lines.vertical), x: rect.x, y: row, style: style)
                placeNarrow(CollectionOfOne(lines.vertical), x: rect.maxX - 1, y: row, style: style)
            }
        } else {
            let horizontal = String(repeating: lines.horizontal, count: inner)
            write(lines.topLeft + horizontal + lines.topRight, x: rect.x, y: rect.y, width: rect.width, style: style)
            write(
                lines.bottomLeft + horizontal + lines.bottomRight, x: rect.x, y: rect.maxY - 1, width: rect.width,
                style: style)
            for row in (rect.y + 1)..<(rect.maxY - 1) {
                write(lines.vertical, x: rect.x, y: row, width: 1, style: style)
                write(lines.vertical, x: rect.maxX - 1, y: row, width: 1, style: style)
            }
        }
        if let title, inner > 4 {
            write(" \(title) ", x: rect.x + 2, y: rect.y, width: inner - 2, style: titleStyle ?? style)
        }
    }

    private static let asciiGlyphs: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    /// A lone scalar as a cell's text.
    private static func glyph(_ scalar: Unicode.Scalar) -> String {
        scalar.isASCII ? asciiGlyphs[Int(scalar.value)] : String(Character(scalar))
    }

    /// Puts one-cell glyphs from (x, y) rightwards, clipped to the row, and returns the cells the run spans
    /// (clipped or not). A wide glyph the run cuts into at either end is blanked, as `place` does cell by cell;
    /// inside the run every cell is overwritten anyway. One pass over the row's storage: text and fills are
    /// most of a frame's cells.
    @discardableResult
    private mutating func placeNarrow(_ glyphs: some Sequence<String>, x: Int, y: Int, style: CellStyle) -> Int {
        guard y >= 0, y < height else { return 0 }
        let width = self.width, rowStart = y * width
        var column = x
        cells.withUnsafeMutableBufferPointer { storage in
            var drewAny = false
            for glyph in glyphs {
                defer { column += 1 }
                guard column >= 0, column < width else { continue }
                if !drewAny, column > 0, storage[rowStart + column].isContinuation {
                    storage[rowStart + column - 1].text = " "
                }
                drewAny = true
                storage[rowStart + column] = Cell(glyph, style: style)
            }
            if drewAny, column < width, storage[rowStart + column].isContinuation {
                storage[rowStart + column].text = " "
            }
        }
        return column - x
    }

    /// Puts one glyph of `cells` width at (x, y); a wide glyph that would cross the edge becomes a blank,
    /// and any wide glyph it overlaps is blanked so that no half of one survives.
    private mutating func place(_ glyph: String, cells: Int, x: Int, y: Int, style: CellStyle) {
        guard y >= 0, y < height, x >= 0, x < width else { return }
        guard x + cells <= width else {
            self[x, y] = Cell(" ", style: style)
            return
        }
        if self[x, y].isContinuation, x > 0 { self[x - 1, y] = Cell(" ", style: self[x - 1, y].style) }
        let after = x + cells
        if after < width, self[after, y].isContinuation { self[after, y] = Cell(" ", style: self[after, y].style) }
        self[x, y] = Cell(glyph, style: style)
        if cells == 2 { self[x + 1, y] = Cell("", style: style) }
    }
}

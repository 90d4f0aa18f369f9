import CNcurses
import Glibc
import PipeboardTUI

/// Draws Screens onto stdscr, touching only the cells that changed since the previous frame.
struct Renderer {
    private let depth: ColorDepth
    private var pairs: ColorPairs
    private var previous: Screen?
    private var theme: Theme?
    private var styles: [CellStyle: DrawnStyle] = [:]
    /// The style of the cell drawn last, which is what the terminal's attributes are set to now.
    private var current: DrawnStyle?
    /// The last style looked up and what it resolved to: neighbouring cells mostly share a style, and a full
    /// repaint (an overlay dims the whole board) would otherwise hash every cell's style.
    private var lastLookup: (style: CellStyle, drawn: DrawnStyle)?
    /// The characters of the cell being drawn (see `fillWideCharacters`).
    private var characters = [wchar_t](repeating: 0, count: Renderer.glyphCapacity)
    /// Characters ncurses keeps in a cell, and the NUL after them.
    static let glyphCapacity = Int(CCHARW_MAX) + 1

    /// A style as ncurses takes it, plus what decides whether a blank cell looks the same in another style.
    private struct DrawnStyle {
        var attributes: attr_t
        var pair: Int32
        var background: Int?
        /// Reverse video and underline show on a blank; colour, bold and dim do not.
        var marksBlanks: Bool

        var look: BlankStyle.Look { BlankStyle.Look(background: background, marksBlanks: marksBlanks) }
    }

    init(depth: ColorDepth, hasDefaultColors: Bool) {
        self.depth = depth
        pairs = ColorPairs(depth: depth, hasDefaultColors: hasDefaultColors)
    }

    /// The next frame repaints everything, including the physical screen (after a resize the terminal's
    /// contents no longer match what ncurses believes is there).
    mutating func invalidate() {
        previous = nil
        clearok(pb_curscr(), true)
    }

    mutating func draw(_ screen: Screen, theme: Theme) {
        if theme != self.theme {
            self.theme = theme
            styles = [:]
            lastLookup = nil
            pairs.reset()
            previous = nil
        }
        if previous.map({ $0.width != screen.width || $0.height != screen.height }) ?? true {
            previous = nil
            werase(pb_stdscr()) // the new frame may not cover the whole window
        }
        let window = pb_stdscr()
        current = nil
        let rows = min(screen.height, Int(pb_lines())), columns = min(screen.width, Int(pb_cols()))
        for y in 0..<max(rows, 0) {
            for run in RowDiff.changedRuns(old: previous?.row(y), new: screen.row(y)) {
                for x in run where x < columns {
                    drawCell(screen, x: x, y: y, runEnd: min(run.upperBound, columns), in: window, theme: theme)
                }
            }
        }
        previous = screen
        wnoutrefresh(window)
        doupdate()
    }

    /// `runEnd`: where the run of changed cells being drawn ends, so a blank can look ahead to the text after it.
    private mutating func drawCell(
        _ screen: Screen, x: Int, y: Int, runEnd: Int, in window: UnsafeMutablePointer<WINDOW>?, theme: Theme
    ) {
        let cell = screen[x, y]
        guard !cell.isContinuation else { return }
        var drawn = lookUp(cell.style, theme: theme)
        if cell.text == " " {
            // Looking ahead only when the style set now will not do: the blanks after this one keep its choice.
            var nextDrawn: DrawnStyle?
            if BlankStyle.choose(own: drawn.look, current: current?.look, next: nil) == .own,
                let next = (x + 1..<runEnd).lazy.map({ screen[$0, y] }).first(where: { $0.text != " " })
            {
                nextDrawn = lookUp(next.style, theme: theme)
            }
            switch BlankStyle.choose(own: drawn.look, current: current?.look, next: nextDrawn?.look) {
            case .own: break
            case .current: drawn = current ?? drawn
            case .next: drawn = nextDrawn ?? drawn
            }
        }
        current = drawn
        var (attributes, pair) = (drawn.attributes, drawn.pair)
        Self.fillWideCharacters(cell.text, into: &characters)
        var glyph = cchar_t()
        setcchar(&glyph, &characters, attributes, 0, &pair)
        mvwadd_wch(window, Int32(y), Int32(x), &glyph)
        // The view measured this character as wide but the C library calls it narrow: blank the continuation
        // cell so nothing stale shows through. (ASCII is never wide: no lookup.)
        let nextIsContinuation = x + 1 < screen.width && screen[x + 1, y].isContinuation
        if nextIsContinuation, characters[0] >= 0x7F, pb_wcwidth(characters[0]) < 2 {
            var blank: [wchar_t] = [wchar_t(UInt8(ascii: " ")), 0]
            setcchar(&glyph, &blank, attributes, 0, &pair)
            mvwadd_wch(window, Int32(y), Int32(x + 1), &glyph)
        }
    }

    /// A cell's text as ncurses wants it: one spacing character plus the zero-width ones after it (combining
    /// marks, variation selectors), at most CCHARW_MAX, NUL-terminated; unprintable text becomes "?". Written
    /// into a buffer of CCHARW_MAX + 1 that the renderer reuses, so drawing a cell allocates nothing.
    /// Returns the number of characters before the NUL.
    @discardableResult
    static func fillWideCharacters(_ text: String, into buffer: inout [wchar_t]) -> Int {
        var scalars = text.unicodeScalars.makeIterator()
        let first = scalars.next()
        // A lone printable ASCII character, most cells of a frame, needs no width lookup.
        if let first, first.value >= 0x20, first.value < 0x7F, text.utf8.count == 1 {
            buffer[0] = wchar_t(bitPattern: first.value)
            buffer[1] = 0
            return 1
        }
        guard let first, pb_wcwidth(wchar_t(bitPattern: first.value)) >= 0 else {
            buffer[0] = wchar_t(UInt8(ascii: text.isEmpty ? " " : "?"))
            buffer[1] = 0
            return 1
        }
        buffer[0] = wchar_t(bitPattern: first.value)
        var count = 1
        while count < Int(CCHARW_MAX), let next = scalars.next(), pb_wcwidth(wchar_t(bitPattern: next.value)) == 0 {
            buffer[count] = wchar_t(bitPattern: next.value)
            count += 1
        }
        buffer[count] = 0
        return count
    }

    /// `style(_:theme:)` through the last lookup: neighbouring cells mostly share a style.
    private mutating func lookUp(_ style: CellStyle, theme: Theme) -> DrawnStyle {
        if let lastLookup, lastLookup.style == style { return lastLookup.drawn }
        let drawn = self.style(style, theme: theme)
        lastLookup = (style, drawn)
        return drawn
    }

    private mutating func style(_ style: CellStyle, theme: Theme) -> DrawnStyle {
        if let known = styles[style] { return known }
        let resolved = theme.resolved(style, depth: depth)
        var attributes = pb_a_normal()
        if resolved.bold { attributes |= pb_a_bold() }
        if resolved.underline { attributes |= pb_a_underline() }
        if resolved.reverse { attributes |= pb_a_reverse() }
        if resolved.dim { attributes |= pb_a_dim() }
        let result = DrawnStyle(
            attributes: attributes, pair: pairs.pair(foreground: resolved.foreground, background: resolved.background),
            background: resolved.background, marksBlanks: resolved.reverse || resolved.underline)
        styles[style] = result
        return result
    }
}

/// What a piece of the screen means; a theme gives each role its colours.
package enum ColorRole: String, CaseIterable, Sendable, Hashable, Codable {
    case text, muted, accent, border
    case columnHeader, columnHeaderFocused
    case card, cardFocused, cardSelected
    case value, stale, pending, failed, won, lost
    case statusBar, statusKey, statusMessage, error
    case overlay, overlayBorder, overlayTitle, input, inputFocused
    /// Bars of the funnel and forecast, the weighted part of a forecast bar, and progress bars.
    case chartBar, chartWeighted, progress
    /// A card's next step: overdue, due today, later (or undated), and an open deal with none.
    case nextStepOverdue, nextStepToday, nextStepLater, nextStepNone

    /// The role a theme that does not set this one borrows, so that a theme written before the role existed still
    /// loads and looks deliberate: overdue as failed, today as won, later as muted, none as stale.
    package var fallback: ColorRole? {
        switch self {
        case .nextStepOverdue: .failed
        case .nextStepToday: .won
        case .nextStepLater: .muted
        case .nextStepNone: .stale
        default: nil
        }
    }
}

/// How one cell is drawn: a role for colour plus attributes.
package struct CellStyle: Hashable, Sendable {
    package var role: ColorRole
    package var bold: Bool
    package var underline: Bool
    package var reverse: Bool
    package var dim: Bool
    /// The role whose background shows behind this text when its own role has none: a field on a focused card
    /// keeps its colour without leaving a hole in the card's highlight.
    package var on: ColorRole?

    package init(
        _ role: ColorRole = .text, bold: Bool = false, underline: Bool = false, reverse: Bool = false,
        dim: Bool = false,
        on: ColorRole? = nil
    ) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
        self.on = on
    }

    package static let plain = CellStyle()
}

/// One terminal cell. A wide character fills its cell and leaves the next one as a continuation (`text` empty).
package struct Cell: Hashable, Sendable {
    package var text: String
    package var style: CellStyle

    package init(_ text: String = " ", style: CellStyle = .plain) {
        self.text = text
        self.style = style
    }

    package var isContinuation: Bool { text.isEmpty }
    package static let blank = Cell()
}

/// A full frame as a grid of styled cells: what `view` returns and what Terminal draws.
public struct Screen: Hashable, Sendable {
    package let width: Int
    package let height: Int
    package internal(set) var cells: [Cell]

    package init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    package subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    package func row(_ y: Int) -> ArraySlice<Cell> { cells[(y * width)..<((y + 1) * width)] }

    /// The frame as plain text, one line per row, trailing spaces kept: what golden files hold.
    package var plainText: String {
        (0..<height).map { y in row(y).map(\.text).joined() }.joined(separator: "\n")
    }
}

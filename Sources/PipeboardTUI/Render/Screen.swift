/// What a piece of the screen means; a theme gives each role its colours.
public enum ColorRole: String, CaseIterable, Sendable, Hashable, Codable {
    case text, muted, accent, border
    case columnHeader, columnHeaderFocused
    case card, cardFocused, cardSelected
    case value, stale, pending, failed, won, lost
    case statusBar, statusKey, statusMessage, error
    case overlay, overlayBorder, overlayTitle, input, inputFocused
    /// Bars of the funnel and forecast, the weighted part of a forecast bar, and progress bars.
    case chartBar, chartWeighted, progress
}

/// How one cell is drawn: a role for colour plus attributes.
public struct CellStyle: Hashable, Sendable {
    public var role: ColorRole
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool
    /// The role whose background shows behind this text when its own role has none: a field on a focused card
    /// keeps its colour without leaving a hole in the card's highlight.
    public var on: ColorRole?

    public init(
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

    public static let plain = CellStyle()
}

/// One terminal cell. A wide character fills its cell and leaves the next one as a continuation (`text` empty).
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: CellStyle

    public init(_ text: String = " ", style: CellStyle = .plain) {
        self.text = text
        self.style = style
    }

    public var isContinuation: Bool { text.isEmpty }
    public static let blank = Cell()
}

/// A full frame as a grid of styled cells: what `view` returns and what Terminal draws.
public struct Screen: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public internal(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    public func row(_ y: Int) -> ArraySlice<Cell> { cells[(y * width)..<((y + 1) * width)] }

    /// The frame as plain text, one line per row, trailing spaces kept: what golden files hold.
    public var plainText: String {
        (0..<height).map { y in row(y).map(\.text).joined() }.joined(separator: "\n")
    }
}

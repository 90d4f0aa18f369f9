/// One colour written three ways, so a theme looks deliberate at every colour depth.
public struct ThemeColor: Hashable, Sendable {
    /// 0xRRGGBB.
    public var truecolor: Int
    /// An xterm 256-colour palette index, 0-255.
    public var ansi256: Int
    /// An ANSI colour, 0-15 (8-15 are the bright variants).
    public var ansi16: Int

    public init(truecolor: Int, ansi256: Int, ansi16: Int) {
        self.truecolor = truecolor
        self.ansi256 = ansi256
        self.ansi16 = ansi16
    }

    /// Parses "#rrggbb"; nil for anything else.
    public static func rgb(hex: String) -> Int? {
        guard hex.count == 7, hex.first == "#" else { return nil }
        let digits = hex.dropFirst()
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        return Int(digits, radix: 16)
    }

    /// The colour number for `depth`: an RGB value for truecolor, a palette index otherwise, nil for mono.
    /// 8-colour terminals get the 16-colour index without brightness, except that bright black (the usual
    /// "muted grey") becomes white as a foreground, because black text would vanish on a dark terminal.
    public func number(for depth: ColorDepth, isForeground: Bool) -> Int? {
        switch depth {
        case .none: nil
        case .ansi8: ansi16 == 8 && isForeground ? 7 : ansi16 % 8
        case .ansi16: ansi16
        case .ansi256: ansi256
        case .truecolor: truecolor
        }
    }
}

/// What a theme says about one role. Attributes add to the cell's own; nil means "not set".
public struct RoleColors: Hashable, Sendable {
    public var foreground: ThemeColor?
    public var background: ThemeColor?
    public var bold: Bool?
    public var underline: Bool?
    public var reverse: Bool?
    public var dim: Bool?

    public init(
        foreground: ThemeColor? = nil, background: ThemeColor? = nil,
        bold: Bool? = nil, underline: Bool? = nil, reverse: Bool? = nil, dim: Bool? = nil
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }
}

/// A role's colours at one depth, ready to hand to a terminal: colour numbers (nil = terminal default)
/// and the attributes to switch on.
public struct ResolvedStyle: Hashable, Sendable {
    public var foreground: Int?
    public var background: Int?
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(
        foreground: Int? = nil, background: Int? = nil, bold: Bool = false, underline: Bool = false,
        reverse: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }
}

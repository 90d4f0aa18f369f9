/// One colour written three ways, so a theme looks deliberate at every colour depth.
package struct ThemeColor: Hashable, Sendable {
    /// 0xRRGGBB.
    package var truecolor: Int
    /// An xterm 256-colour palette index, 0-255.
    package var ansi256: Int
    /// An ANSI colour, 0-15 (8-15 are the bright variants).
    package var ansi16: Int

    package init(truecolor: Int, ansi256: Int, ansi16: Int) {
        self.truecolor = truecolor
        self.ansi256 = ansi256
        self.ansi16 = ansi16
    }

    /// Parses "#rrggbb"; nil for anything else.
    package static func rgb(hex: String) -> Int? {
        guard hex.count == 7, hex.first == "#" else { return nil }
        let digits = hex.dropFirst()
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        return Int(digits, radix: 16)
    }

    /// The colour number for `depth`: an RGB value for truecolor, a palette index otherwise, nil for mono.
    /// 8-colour terminals get the 16-colour index without brightness, except that bright black (the usual
    /// "muted grey") becomes white as a foreground, because black text would vanish on a dark terminal.
    package func number(for depth: ColorDepth, isForeground: Bool) -> Int? {
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
package struct RoleColors: Hashable, Sendable {
    package var foreground: ThemeColor?
    package var background: ThemeColor?
    package var bold: Bool?
    package var underline: Bool?
    package var reverse: Bool?
    package var dim: Bool?

    package init(
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
package struct ResolvedStyle: Hashable, Sendable {
    package var foreground: Int?
    package var background: Int?
    package var bold: Bool
    package var underline: Bool
    package var reverse: Bool
    package var dim: Bool

    package init(
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

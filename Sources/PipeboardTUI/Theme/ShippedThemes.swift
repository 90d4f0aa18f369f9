/// The TOML of the themes in themes/ besides the default, compiled in so that `T` finds them wherever the binary
/// was installed. A test keeps each one equal to its file.
extension Theme {
    public static let shippedTOML: [String: String] = [
        "light": #"""
# pipeboard light: for terminals with a light background. Keeps the terminal's background except for
# focus, selection, the status bar and overlays.
name = "light"

[roles.text]
fg = { truecolor = "#303030", ansi256 = 236, ansi16 = 0 }

[roles.muted]
fg = { truecolor = "#767676", ansi256 = 243, ansi16 = 8 }

[roles.accent]
fg = { truecolor = "#005faf", ansi256 = 25, ansi16 = 4 }
bold = true

[roles.border]
fg = { truecolor = "#a8a8a8", ansi256 = 248, ansi16 = 8 }

[roles.columnHeader]
fg = { truecolor = "#303030", ansi256 = 236, ansi16 = 0 }
bold = true

[roles.columnHeaderFocused]
fg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }
bg = { truecolor = "#005faf", ansi256 = 25, ansi16 = 4 }
bold = true

[roles.card]
fg = { truecolor = "#303030", ansi256 = 236, ansi16 = 0 }

[roles.cardFocused]
fg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }
bg = { truecolor = "#005faf", ansi256 = 25, ansi16 = 4 }
bold = true

[roles.cardSelected]
fg = { truecolor = "#303030", ansi256 = 236, ansi16 = 0 }
bg = { truecolor = "#ffd7af", ansi256 = 223, ansi16 = 11 }
underline = true

[roles.value]
fg = { truecolor = "#005f00", ansi256 = 22, ansi16 = 2 }

[roles.stale]
fg = { truecolor = "#875f00", ansi256 = 94, ansi16 = 3 }

[roles.pending]
fg = { truecolor = "#005f87", ansi256 = 24, ansi16 = 6 }

[roles.failed]
fg = { truecolor = "#af0000", ansi256 = 124, ansi16 = 1 }
bold = true

[roles.won]
fg = { truecolor = "#008700", ansi256 = 28, ansi16 = 2 }

[roles.lost]
fg = { truecolor = "#870000", ansi256 = 88, ansi16 = 1 }

[roles.statusBar]
fg = { truecolor = "#303030", ansi256 = 236, ansi16 = 0 }
bg = { truecolor = "#d0d0d0", ansi256 = 252, ansi16 = 7 }

[roles.statusKey]
fg = { truecolor = "#005faf", ansi256 = 25, ansi16 = 4 }
bg = { truecolor = "#d0d0d0", ansi256 = 252, ansi16 = 7 }
bold = true

[roles.statusMessage]
fg = { truecolor = "#005f00", ansi256 = 22, ansi16 = 0 }
bg = { truecolor = "#d0d0d0", ansi256 = 252, ansi16 = 7 }

[roles.error]
fg = { truecolor = "#af0000", ansi256 = 124, ansi16 = 1 }
bold = true

[roles.overlay]
fg = { truecolor = "#303030", ansi256 = 236, ansi16 = 0 }
bg = { truecolor = "#eeeeee", ansi256 = 255, ansi16 = 7 }

[roles.overlayBorder]
fg = { truecolor = "#005faf", ansi256 = 25, ansi16 = 4 }
bg = { truecolor = "#eeeeee", ansi256 = 255, ansi16 = 7 }

[roles.overlayTitle]
fg = { truecolor = "#000000", ansi256 = 16, ansi16 = 0 }
bg = { truecolor = "#eeeeee", ansi256 = 255, ansi16 = 7 }
bold = true

[roles.input]
fg = { truecolor = "#303030", ansi256 = 236, ansi16 = 0 }
bg = { truecolor = "#e4e4e4", ansi256 = 254, ansi16 = 7 }
underline = true

[roles.inputFocused]
fg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }
bg = { truecolor = "#005faf", ansi256 = 25, ansi16 = 4 }
bold = true
underline = true

# Bars of the funnel and forecast; the weighted part of a forecast bar is bold as well, so it reads in mono.
[roles.chartBar]
fg = { truecolor = "#005f87", ansi256 = 24, ansi16 = 4 }

[roles.chartWeighted]
fg = { truecolor = "#005f00", ansi256 = 22, ansi16 = 2 }
bold = true

[roles.progress]
fg = { truecolor = "#af5f00", ansi256 = 130, ansi16 = 3 }
bg = { truecolor = "#d0d0d0", ansi256 = 252, ansi16 = 7 }
"""#,
        "solarized-dark": #"""
# pipeboard solarized-dark: Ethan Schoonover's Solarized palette. The 16-colour values assume the terminal
# itself uses the Solarized palette, as Solarized recommends.
name = "solarized-dark"

[roles.text]
fg = { truecolor = "#839496", ansi256 = 244, ansi16 = 12 }

[roles.muted]
fg = { truecolor = "#586e75", ansi256 = 240, ansi16 = 10 }

[roles.accent]
fg = { truecolor = "#268bd2", ansi256 = 33, ansi16 = 4 }
bold = true

[roles.border]
fg = { truecolor = "#586e75", ansi256 = 240, ansi16 = 10 }

[roles.columnHeader]
fg = { truecolor = "#93a1a1", ansi256 = 245, ansi16 = 14 }
bold = true

[roles.columnHeaderFocused]
fg = { truecolor = "#fdf6e3", ansi256 = 230, ansi16 = 15 }
bg = { truecolor = "#268bd2", ansi256 = 33, ansi16 = 4 }
bold = true

[roles.card]
fg = { truecolor = "#839496", ansi256 = 244, ansi16 = 12 }

[roles.cardFocused]
fg = { truecolor = "#fdf6e3", ansi256 = 230, ansi16 = 15 }
bg = { truecolor = "#268bd2", ansi256 = 33, ansi16 = 4 }
bold = true

[roles.cardSelected]
fg = { truecolor = "#fdf6e3", ansi256 = 230, ansi16 = 15 }
bg = { truecolor = "#6c71c4", ansi256 = 61, ansi16 = 13 }
underline = true

[roles.value]
fg = { truecolor = "#859900", ansi256 = 64, ansi16 = 2 }

[roles.stale]
fg = { truecolor = "#b58900", ansi256 = 136, ansi16 = 3 }

[roles.pending]
fg = { truecolor = "#2aa198", ansi256 = 37, ansi16 = 6 }

[roles.failed]
fg = { truecolor = "#dc322f", ansi256 = 160, ansi16 = 1 }
bold = true

[roles.won]
fg = { truecolor = "#859900", ansi256 = 64, ansi16 = 2 }

[roles.lost]
fg = { truecolor = "#cb4b16", ansi256 = 166, ansi16 = 9 }

[roles.statusBar]
fg = { truecolor = "#93a1a1", ansi256 = 245, ansi16 = 14 }
bg = { truecolor = "#073642", ansi256 = 235, ansi16 = 0 }

[roles.statusKey]
fg = { truecolor = "#b58900", ansi256 = 136, ansi16 = 3 }
bg = { truecolor = "#073642", ansi256 = 235, ansi16 = 0 }
bold = true

[roles.statusMessage]
fg = { truecolor = "#2aa198", ansi256 = 37, ansi16 = 6 }
bg = { truecolor = "#073642", ansi256 = 235, ansi16 = 0 }

[roles.error]
fg = { truecolor = "#dc322f", ansi256 = 160, ansi16 = 1 }
bold = true

[roles.overlay]
fg = { truecolor = "#839496", ansi256 = 244, ansi16 = 12 }
bg = { truecolor = "#073642", ansi256 = 235, ansi16 = 0 }

[roles.overlayBorder]
fg = { truecolor = "#268bd2", ansi256 = 33, ansi16 = 4 }
bg = { truecolor = "#073642", ansi256 = 235, ansi16 = 0 }

[roles.overlayTitle]
fg = { truecolor = "#93a1a1", ansi256 = 245, ansi16 = 14 }
bg = { truecolor = "#073642", ansi256 = 235, ansi16 = 0 }
bold = true

[roles.input]
fg = { truecolor = "#93a1a1", ansi256 = 245, ansi16 = 14 }
bg = { truecolor = "#073642", ansi256 = 235, ansi16 = 0 }
underline = true

[roles.inputFocused]
fg = { truecolor = "#fdf6e3", ansi256 = 230, ansi16 = 15 }
bg = { truecolor = "#268bd2", ansi256 = 33, ansi16 = 4 }
bold = true
underline = true

# Bars of the funnel and forecast; the weighted part of a forecast bar is bold as well, so it reads in mono.
[roles.chartBar]
fg = { truecolor = "#268bd2", ansi256 = 33, ansi16 = 4 }

[roles.chartWeighted]
fg = { truecolor = "#859900", ansi256 = 64, ansi16 = 2 }
bold = true

[roles.progress]
fg = { truecolor = "#b58900", ansi256 = 136, ansi16 = 3 }
bg = { truecolor = "#073642", ansi256 = 235, ansi16 = 0 }
"""#,
        "high-contrast": #"""
# pipeboard high-contrast: maximum contrast for low vision or washed-out screens. Focus is black on yellow
# and bold; selection is black on white and underlined; every mark keeps its glyph.
name = "high-contrast"

[roles.text]
fg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }

[roles.muted]
fg = { truecolor = "#d0d0d0", ansi256 = 252, ansi16 = 7 }

[roles.accent]
fg = { truecolor = "#00ffff", ansi256 = 51, ansi16 = 14 }
bold = true

[roles.border]
fg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }

[roles.columnHeader]
fg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }
bold = true
underline = true

[roles.columnHeaderFocused]
fg = { truecolor = "#000000", ansi256 = 16, ansi16 = 0 }
bg = { truecolor = "#ffff00", ansi256 = 226, ansi16 = 11 }
bold = true

[roles.card]
fg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }

[roles.cardFocused]
fg = { truecolor = "#000000", ansi256 = 16, ansi16 = 0 }
bg = { truecolor = "#ffff00", ansi256 = 226, ansi16 = 11 }
bold = true

[roles.cardSelected]
fg = { truecolor = "#000000", ansi256 = 16, ansi16 = 0 }
bg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }
underline = true

[roles.value]
fg = { truecolor = "#00ff00", ansi256 = 46, ansi16 = 10 }
bold = true

[roles.stale]
fg = { truecolor = "#ffff00", ansi256 = 226, ansi16 = 11 }

[roles.pending]
fg = { truecolor = "#00ffff", ansi256 = 51, ansi16 = 14 }

[roles.failed]
fg = { truecolor = "#ff0000", ansi256 = 196, ansi16 = 9 }
bold = true

[roles.won]
fg = { truecolor = "#00ff00", ansi256 = 46, ansi16 = 10 }

[roles.lost]
fg = { truecolor = "#ff5f5f", ansi256 = 203, ansi16 = 9 }

[roles.statusBar]
fg = { truecolor = "#000000", ansi256 = 16, ansi16 = 0 }
bg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }

[roles.statusKey]
fg = { truecolor = "#000000", ansi256 = 16, ansi16 = 0 }
bg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }
bold = true
underline = true

[roles.statusMessage]
fg = { truecolor = "#000000", ansi256 = 16, ansi16 = 0 }
bg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }

[roles.error]
fg = { truecolor = "#ff0000", ansi256 = 196, ansi16 = 9 }
bold = true

[roles.overlay]
fg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }
bg = { truecolor = "#000000", ansi256 = 16, ansi16 = 0 }

[roles.overlayBorder]
fg = { truecolor = "#ffff00", ansi256 = 226, ansi16 = 11 }
bg = { truecolor = "#000000", ansi256 = 16, ansi16 = 0 }
bold = true

[roles.overlayTitle]
fg = { truecolor = "#ffff00", ansi256 = 226, ansi16 = 11 }
bg = { truecolor = "#000000", ansi256 = 16, ansi16 = 0 }
bold = true

[roles.input]
fg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }
bg = { truecolor = "#000000", ansi256 = 16, ansi16 = 0 }
underline = true

[roles.inputFocused]
fg = { truecolor = "#000000", ansi256 = 16, ansi16 = 0 }
bg = { truecolor = "#ffff00", ansi256 = 226, ansi16 = 11 }
bold = true
underline = true

# Bars of the funnel and forecast; the weighted part of a forecast bar is bold as well, so it reads in mono.
[roles.chartBar]
fg = { truecolor = "#00ffff", ansi256 = 51, ansi16 = 14 }
bold = true

[roles.chartWeighted]
fg = { truecolor = "#00ff00", ansi256 = 46, ansi16 = 10 }
bold = true

[roles.progress]
fg = { truecolor = "#0000ff", ansi256 = 21, ansi16 = 4 }
bg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }
bold = true
"""#,
        "mono": #"""
# pipeboard mono: no colour at all, only attributes, for monochrome terminals or people who prefer them.
# Focus is reverse video, selection underlined; stale (◷, bold), pending (↻) and failed (!) cards are told apart by
# their glyphs.
name = "mono"

[roles.text]

[roles.muted]
dim = true

[roles.accent]
bold = true

[roles.border]
dim = true

[roles.columnHeader]
bold = true

[roles.columnHeaderFocused]
bold = true
reverse = true

[roles.card]

[roles.cardFocused]
bold = true
reverse = true

[roles.cardSelected]
underline = true

[roles.value]
bold = true

[roles.stale]
bold = true

[roles.pending]

[roles.failed]
bold = true

[roles.won]

[roles.lost]
dim = true

[roles.statusBar]
reverse = true

[roles.statusKey]
bold = true
reverse = true

[roles.statusMessage]
reverse = true

[roles.error]
bold = true

[roles.overlay]

[roles.overlayBorder]
bold = true

[roles.overlayTitle]
bold = true

[roles.input]
underline = true

[roles.inputFocused]
bold = true
underline = true
reverse = true

# Bars are plain, the weighted part bold, the pull's progress reversed like the status bar it sits in.
[roles.chartBar]

[roles.chartWeighted]
bold = true

[roles.progress]
bold = true
reverse = true
"""#,
    ]
}

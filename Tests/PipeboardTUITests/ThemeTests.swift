import Foundation
import PipeboardConfig
import Testing
@testable import PipeboardTUI

@Suite struct ThemeTests {
    // MARK: shipped themes, resolved

    @Test(arguments: BoardDisplay.shippedThemes)
    func focusAndSelectionShowWithoutColour(name file: String) throws {
        let theme = try ThemeDepthTests.theme(file)
        for role in [ColorRole.cardFocused, .cardSelected, .columnHeaderFocused, .inputFocused, .statusBar] {
            let mono = theme.resolved(for: role, depth: .none)
            let plain = theme.resolved(for: .card, depth: .none)
            #expect(mono != plain, "\(file): \(role) looks like a plain card in monochrome")
        }
        #expect(theme.resolved(for: .cardFocused, depth: .none) != theme.resolved(for: .cardSelected, depth: .none))
    }

    // MARK: resolution

    private let sample = Theme(
        name: "sample",
        roles: [
            .text: RoleColors(foreground: ThemeColor(truecolor: 0xD0D0D0, ansi256: 252, ansi16: 7)),
            .muted: RoleColors(foreground: ThemeColor(truecolor: 0x8A8A8A, ansi256: 245, ansi16: 8)),
            .cardFocused: RoleColors(
                foreground: ThemeColor(truecolor: 0xFFFFFF, ansi256: 231, ansi16: 15),
                background: ThemeColor(truecolor: 0x005F87, ansi256: 24, ansi16: 4), bold: true),
        ])

    @Test func picksTheValueForEachDepth() {
        #expect(
            sample.resolved(for: .cardFocused, depth: .truecolor)
                == ResolvedStyle(foreground: 0xFFFFFF, background: 0x005F87, bold: true))
        #expect(
            sample.resolved(for: .cardFocused, depth: .ansi256)
                == ResolvedStyle(foreground: 231, background: 24, bold: true))
        #expect(
            sample.resolved(for: .cardFocused, depth: .ansi16)
                == ResolvedStyle(foreground: 15, background: 4, bold: true))
    }

    @Test func eightColoursDropBrightnessButKeepGreyReadable() {
        #expect(
            sample.resolved(for: .cardFocused, depth: .ansi8) == ResolvedStyle(foreground: 7, background: 4, bold: true)
        )
        #expect(sample.resolved(for: .muted, depth: .ansi8).foreground == 7)
    }

    @Test func monochromeKeepsAttributesAndTurnsBackgroundsIntoReverse() {
        #expect(sample.resolved(for: .cardFocused, depth: .none) == ResolvedStyle(bold: true, reverse: true))
        #expect(sample.resolved(for: .text, depth: .none) == ResolvedStyle())
    }

    @Test func rolesNotGivenLookLikeText() {
        #expect(sample.resolved(for: .value, depth: .ansi256) == sample.resolved(for: .text, depth: .ansi256))
    }

    @Test func cellAttributesAddToTheTheme() {
        let style = CellStyle(.cardFocused, underline: true, dim: true)
        #expect(
            sample.resolved(style, depth: .ansi16)
                == ResolvedStyle(foreground: 15, background: 4, bold: true, underline: true, dim: true))
    }

    @Test func textOnAHighlightKeepsItsColourOnTheHighlightsBackground() {
        let onFocus = CellStyle(.muted, on: .cardFocused)
        #expect(sample.resolved(onFocus, depth: .ansi256) == ResolvedStyle(foreground: 245, background: 24))
        #expect(sample.resolved(onFocus, depth: .none) == ResolvedStyle(reverse: true))
        // A role with a background of its own keeps it.
        #expect(
            sample.resolved(CellStyle(.cardFocused, on: .text), depth: .ansi256)
                == sample.resolved(for: .cardFocused, depth: .ansi256))
    }

    /// Every cell of the focused card shows the focus background, at every depth of the default theme:
    /// a value or a contact name must not punch a hole in it.
    @Test(arguments: [ColorDepth.ansi256, .ansi16, .none])
    func theFocusedCardHasNoHoles(depth: ColorDepth) {
        let state = Fixture.state()
        let screen = view(state)
        let theme = Theme.builtInDefault
        let focus = theme.resolved(for: .cardFocused, depth: depth)
        var cardCells = 0
        for y in 0..<screen.height {
            let row = screen.row(y)
            // The focused card's rows: its inside, which the focus fills.
            guard let left = row.firstIndex(where: { $0.style.role == ColorRole.cardFocused }),
                let right = row.lastIndex(where: { $0.style.role == ColorRole.cardFocused }), left < right
            else { continue }
            for cell in row[left...right] {
                let resolved = theme.resolved(cell.style, depth: depth)
                #expect(
                    resolved.background == focus.background && resolved.reverse == focus.reverse, "row \(y): \(cell)")
                cardCells += 1
            }
        }
        #expect(cardCells > 40)
    }
}

/// Each shipped theme at every colour depth, role by role: how it degrades from truecolor to monochrome.
@Suite("Theme depths")
struct ThemeDepthTests {
    /// A shipped theme as compiled in (ThemeParsingTests checks that these are the files of themes/).
    static func theme(_ name: String) throws -> Theme {
        try Theme.parse(toml: try #require(Theme.shippedTOML[name]), name: name)
    }

    static func describe(_ style: ResolvedStyle, depth: ColorDepth) -> String {
        func color(_ value: Int?) -> String {
            guard let value else { return "-" }
            return depth == .truecolor ? "#" + String(format: "%06x", value) : String(value)
        }
        var text = color(style.foreground) + "/" + color(style.background)
        for (on, name) in [(style.bold, "b"), (style.underline, "u"), (style.reverse, "r"), (style.dim, "d")] where on {
            text += " " + name
        }
        return text
    }

    @Test(arguments: BoardDisplay.shippedThemes)
    func degradesRoleByRole(name: String) throws {
        let theme = try Self.theme(name)
        let depths: [ColorDepth] = [.truecolor, .ansi256, .ansi16, .ansi8, .none]
        let header =
            "role".padding(toLength: 20, withPad: " ", startingAt: 0)
            + ["truecolor", "256", "16", "8", "mono"].map { $0.padding(toLength: 22, withPad: " ", startingAt: 0) }
            .joined()
        var lines = [header]
        for role in ColorRole.allCases {
            lines.append(
                role.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)
                    + depths.map {
                        Self.describe(theme.resolved(for: role, depth: $0), depth: $0).padding(
                            toLength: 22, withPad: " ", startingAt: 0)
                    }.joined())
        }
        var screen = Screen(width: 130, height: lines.count)
        for (y, line) in lines.enumerated() { screen.write(line, x: 0, y: y) }
        assertGolden(screen, "theme-depths-\(name)")
    }

    /// Stale deals read at 16 colours (a colour of their own) and in monochrome (an attribute of their own), on
    /// top of the ◷ glyph the view always draws.
    @Test(arguments: BoardDisplay.shippedThemes)
    func staleReadsInSixteenColoursAndMono(name: String) throws {
        let theme = try Self.theme(name)
        let stale16 = theme.resolved(for: .stale, depth: .ansi16)
        if name != "mono" {
            #expect(stale16.foreground != theme.resolved(for: .text, depth: .ansi16).foreground)
            #expect(stale16.foreground != theme.resolved(for: .muted, depth: .ansi16).foreground)
        }
        let mono = theme.resolved(CellStyle(.stale, bold: true), depth: .none)
        #expect(mono != theme.resolved(CellStyle(.muted), depth: .none))
        #expect(mono.bold)
    }

    /// Only roles that set a background paint one: the board's plain text keeps the terminal's own.
    @Test(arguments: BoardDisplay.shippedThemes)
    func noBackgroundUnlessTheThemeAsks(name: String) throws {
        let theme = try Self.theme(name)
        for role in [ColorRole.text, .muted, .card, .border, .value, .stale, .columnHeader] {
            #expect(theme.resolved(for: role, depth: .ansi256).background == nil, "\(name): \(role)")
        }
        for role in ColorRole.allCases where theme.roles[role]?.background == nil {
            for depth in ColorDepth.allCases { #expect(theme.resolved(for: role, depth: depth).background == nil) }
        }
    }
}

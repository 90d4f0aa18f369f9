import Testing
@testable import PipeboardTerminal
import PipeboardTUI

@Suite struct ColorPairsTests {
    @Test func nearBlackRgbIsNotMistakenForAnAnsiColour() {
        #expect(ColorPairs.colorNumber(0x000005, depth: .truecolor) == 8)
        #expect(ColorPairs.colorNumber(0x000000, depth: .truecolor) == 8)
        #expect(ColorPairs.colorNumber(0x005F87, depth: .truecolor) == 0x005F87)
    }

    @Test func paletteIndexesPassThrough() {
        #expect(ColorPairs.colorNumber(5, depth: .ansi256) == 5)
        #expect(ColorPairs.colorNumber(5, depth: .ansi16) == 5)
    }

    @Test func aForegroundAloneKeepsTheTerminalsBackground() {
        let withDefaults = ColorPairs.colors(foreground: 3, background: nil, depth: .ansi16, defaults: (-1, -1))
        #expect(withDefaults?.foreground == 3 && withDefaults?.background == -1)
        // No default colour to keep: no pair, rather than a forced black background.
        #expect(ColorPairs.colors(foreground: 3, background: nil, depth: .ansi16, defaults: (7, 0)) == nil)
        let asked = ColorPairs.colors(foreground: nil, background: 4, depth: .ansi16, defaults: (7, 0))
        #expect(asked?.foreground == 7 && asked?.background == 4)
    }

    @Test func noColourMeansNoPair() {
        #expect(ColorPairs.colors(foreground: 3, background: 4, depth: .none, defaults: (-1, -1)) == nil)
        #expect(ColorPairs.colors(foreground: nil, background: nil, depth: .ansi256, defaults: (-1, -1)) == nil)
    }
}

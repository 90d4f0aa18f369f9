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
}

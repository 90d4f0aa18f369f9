import CNcurses
import Testing
@testable import PipeboardTerminal
import PipeboardTUI

@Suite struct KeyTranslatorTests {
    private func character(_ code: Int32) -> Key? { KeyTranslator.key(forCode: code, isFunctionKey: false) }
    private func function(_ code: Int32) -> Key? { KeyTranslator.key(forCode: code, isFunctionKey: true) }

    @Test func printableCharactersIncludingWideOnes() {
        #expect(character(0x61) == .character("a"))
        #expect(character(0x20) == .character(" "))
        #expect(character(0xE9) == .character("é"))
        #expect(character(0x4E2D) == .character("中"))
        #expect(character(0x1F600) == .character("😀"))
    }

    @Test func controlKeysWithTheirUsualMeanings() {
        #expect(character(13) == .enter)
        #expect(character(10) == .enter)
        #expect(character(9) == .tab)
        #expect(character(8) == .backspace)
        #expect(character(127) == .backspace)
        #expect(character(27) == .escape)
        #expect(character(1) == .control("a"))
        #expect(character(18) == .control("r"))
        #expect(character(26) == .control("z"))
    }

    @Test func otherControlCharactersAreDropped() {
        #expect(character(0) == nil)
        #expect(character(28) == nil)
        #expect(character(0x9B) == nil) // C1 CSI
    }

    @Test func functionKeys() {
        #expect(function(KEY_UP) == .up)
        #expect(function(KEY_DOWN) == .down)
        #expect(function(KEY_LEFT) == .left)
        #expect(function(KEY_RIGHT) == .right)
        #expect(function(KEY_SR) == .shiftUp)
        #expect(function(KEY_SF) == .shiftDown)
        #expect(function(KEY_SLEFT) == .shiftLeft)
        #expect(function(KEY_SRIGHT) == .shiftRight)
        #expect(function(KEY_BTAB) == .backTab)
        #expect(function(KEY_HOME) == .home)
        #expect(function(KEY_END) == .end)
        #expect(function(KEY_PPAGE) == .pageUp)
        #expect(function(KEY_NPAGE) == .pageDown)
        #expect(function(KEY_DC) == .delete)
        #expect(function(KEY_BACKSPACE) == .backspace)
        #expect(function(KEY_ENTER) == .enter)
        #expect(function(KEY_F0 + 1) == .function(1))
        #expect(function(KEY_F0 + 12) == .function(12))
        #expect(function(KEY_IC) == nil)
    }

    @Test func functionKeyCodesAreNotReadAsCharacters() {
        // KEY_UP is 0o403, which is also "ă" as a character: the flag decides.
        #expect(function(0o403) == .up)
        #expect(character(0o403) == .character("ă"))
    }
}

import Testing
@testable import PipeboardTerminal
import PipeboardTUI

@Suite struct EscapeSequenceParserTests {
    /// Feeds a whole batch as get_wch would return it, then ends the batch.
    private func keys(_ input: String, parser: inout EscapeSequenceParser) -> [Key] {
        input.unicodeScalars.flatMap { parser.feed($0.value) } + parser.endOfInput()
    }

    private func keys(_ input: String) -> [Key] {
        var parser = EscapeSequenceParser()
        return keys(input, parser: &parser)
    }

    @Test func loneEscapeIsTheEscapeKey() {
        #expect(keys("\u{1B}") == [.escape])
        #expect(keys("\u{1B}\u{1B}") == [.escape, .escape])
    }

    @Test func plainTextPassesThrough() {
        #expect(keys("ab中") == [.character("a"), .character("b"), .character("中")])
    }

    @Test func shiftedArrowsUnknownToTerminfo() {
        #expect(keys("\u{1B}[1;2A") == [.shiftUp])
        #expect(keys("\u{1B}[1;2B") == [.shiftDown])
        #expect(keys("\u{1B}[1;2C") == [.shiftRight])
        #expect(keys("\u{1B}[1;2D") == [.shiftLeft])
    }

    @Test func commonXtermSequences() {
        #expect(keys("\u{1B}[A\u{1B}OB") == [.up, .down])
        #expect(keys("\u{1B}[Z") == [.backTab])
        #expect(keys("\u{1B}[3~\u{1B}[5~\u{1B}[6~") == [.delete, .pageUp, .pageDown])
        #expect(keys("\u{1B}OP\u{1B}[15~\u{1B}[24~") == [.function(1), .function(5), .function(12)])
    }

    @Test func unknownSequencesAndAltKeysLeaveNoJunk() {
        #expect(keys("\u{1B}[1;5A") == []) // Ctrl-Up
        #expect(keys("\u{1B}[200~") == []) // bracketed paste start
        #expect(keys("\u{1B}x") == []) // Alt-x
        #expect(keys("\u{1B}[1;5Aj") == [.character("j")])
    }

    @Test func aSequenceSplitAcrossReadsIsJoined() {
        var parser = EscapeSequenceParser()
        #expect(keys("\u{1B}[1;", parser: &parser) == [])
        #expect(keys("2D", parser: &parser) == [.shiftLeft])
    }
}

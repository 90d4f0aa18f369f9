import PipeboardCore
@testable import PipeboardTUI
import Testing

/// The drawing primitives over wide characters: a run of one-cell glyphs that cuts into a wide glyph at either
/// end blanks what is left of it, and nothing outside the run changes.
@Suite("Canvas")
struct CanvasTests {
    /// A row of "東京商事" (8 cells) then "ab", 12 wide.
    func wideRow() -> Screen {
        var screen = Screen(width: 12, height: 1)
        screen.write("東京商事ab", x: 0, y: 0)
        return screen
    }

    @Test func aNarrowWriteIntoTheMiddleOfWideGlyphsBlanksTheirOtherHalves() {
        var screen = wideRow()
        screen.write("xyzw", x: 1, y: 0) // starts on 東's second half, ends on 商's first
        #expect(screen.plainText == " xyzw 事ab  ")
        #expect(!screen[5, 0].isContinuation)
        #expect(screen[7, 0].isContinuation) // 事 is whole
    }

    @Test func aFillAndABoxKeepWideGlyphsWholeOrGone() {
        var screen = wideRow()
        screen.fill(Rect(x: 3, y: 0, width: 2, height: 1), style: CellStyle(.card))
        #expect(screen.plainText == "東    事ab  ")
        for x in 0..<screen.width where screen[x, 0].isContinuation {
            #expect(x > 0 && TextWidth.cells(screen[x - 1, 0].text) == 2, "orphan continuation at \(x)")
        }
        var boxed = Screen(width: 6, height: 3)
        boxed.write("東京商", x: 0, y: 1)
        boxed.box(Rect(x: 0, y: 0, width: 5, height: 3), style: CellStyle(.border))
        #expect(boxed.plainText.split(separator: "\n") == ["╭───╮ ", "│ 京│ ", "╰───╯ "])
    }

    @Test func writesClipAtTheEdgesAndCountTheCellsTheyTake() {
        var screen = Screen(width: 6, height: 1)
        #expect(screen.write("abcdefgh", x: 2, y: 0) == 4)
        #expect(screen.plainText == "  abc…")
        #expect(screen.write("zz", x: -1, y: 0) == 2)
        #expect(screen.plainText == "z abc…")
        #expect(screen.write("q", x: 0, y: 1) == 0)
    }
}

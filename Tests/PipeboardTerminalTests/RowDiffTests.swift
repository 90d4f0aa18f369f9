import Testing
@testable import PipeboardTerminal
import PipeboardTUI

@Suite struct RowDiffTests {
    private func row(_ text: String, style: CellStyle = .plain) -> ArraySlice<Cell> {
        ArraySlice(text.map { $0 == "·" ? Cell("", style: style) : Cell(String($0), style: style) })
    }

    @Test func noOldRowMeansTheWholeRow() {
        #expect(RowDiff.changedRuns(old: nil, new: row("abc")) == [0..<3])
        #expect(RowDiff.changedRuns(old: row("ab"), new: row("abc")) == [0..<3])
    }

    @Test func identicalRowsNeedNothing() {
        #expect(RowDiff.changedRuns(old: row("abc"), new: row("abc")) == [])
    }

    @Test func separateChangesGiveSeparateRuns() {
        #expect(RowDiff.changedRuns(old: row("abcdef"), new: row("xbcdyz")) == [0..<1, 4..<6])
    }

    @Test func styleChangesCount() {
        let old = row("ab")
        var new = old
        new[new.startIndex + 1].style = CellStyle(.cardFocused)
        #expect(RowDiff.changedRuns(old: old, new: new) == [1..<2])
    }

    @Test func aRunNeverStartsOnAContinuationCell() {
        // "中" then its continuation (·); only the continuation's style changes.
        let old = row("a中·b")
        var new = old
        new[new.startIndex + 2].style = CellStyle(.accent)
        #expect(RowDiff.changedRuns(old: old, new: new) == [1..<3])
    }

    @Test func worksOnSlicesThatDoNotStartAtZero() {
        let screen = Screen(width: 3, height: 2)
        var changed = screen
        changed[2, 1] = Cell("x")
        #expect(RowDiff.changedRuns(old: screen.row(1), new: changed.row(1)) == [2..<3])
    }
}

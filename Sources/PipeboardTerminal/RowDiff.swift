import PipeboardTUI

/// Which cells of a row must be drawn again. Pure, so the diff is testable without a terminal.
enum RowDiff {
    /// Column ranges (0-based) where `new` differs from `old`; the whole row when there is no old row or its
    /// width differs. A range never starts on a continuation cell: it starts at the wide character that owns it.
    static func changedRuns(old: ArraySlice<Cell>?, new: ArraySlice<Cell>) -> [Range<Int>] {
        let width = new.count
        guard let old, old.count == width else { return width > 0 ? [0..<width] : [] }
        let newBase = new.startIndex, oldBase = old.startIndex
        var runs: [Range<Int>] = []
        var x = 0
        while x < width {
            guard old[oldBase + x] != new[newBase + x] else {
                x += 1
                continue
            }
            var start = x
            while start > 0, new[newBase + start].isContinuation { start -= 1 }
            while x < width, old[oldBase + x] != new[newBase + x] { x += 1 }
            if let last = runs.last, last.upperBound >= start {
                runs[runs.count - 1] = last.lowerBound..<x
            } else {
                runs.append(start..<x)
            }
        }
        return runs
    }
}

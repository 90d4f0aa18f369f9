/// Column widths for a table that must fit a terminal line: the widest of the columns that may be cut give up a
/// cell at a time until the line fits, none below its floor. Columns not listed keep their width (ids, amounts,
/// days: cutting them would change what they say).
public enum ColumnFit {
    /// `widths`: each column's natural width in cells; `floors`: the least each may get; `gap`: cells between two
    /// columns. Returns `widths` as they are when the line fits, or when only the floors are left to give.
    public static func widths(
        _ widths: [Int], floors: [Int], cuttable: Set<Int>, gap: Int, into line: Int
    ) -> [Int] {
        var fitted = widths
        var excess = fitted.reduce(0, +) + gap * max(0, fitted.count - 1) - line
        while excess > 0 {
            let candidates = cuttable.filter { fitted.indices.contains($0) && fitted[$0] > floors[$0] }
            guard let widest = candidates.max(by: { (fitted[$0], -$0) < (fitted[$1], -$1) }) else { break }
            fitted[widest] -= 1
            excess -= 1
        }
        return fitted
    }
}

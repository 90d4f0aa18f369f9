import Foundation
import PipeboardCore

/// Plain aligned columns for a terminal, measured in cells so CJK and emoji line up.
struct TextTable {
    var headers: [String]
    var rows: [[String]]
    /// Widest a column may grow before its text is cut with an ellipsis.
    var maxColumnWidth = 40
    /// The columns (by header) whose text may be cut further so that each line fits the terminal: names and free
    /// text, never ids, amounts or days.
    var cuttable: Set<String> = []
    /// The cells a line may take: the terminal's width when standard output is one, else no limit (a pipe or a
    /// file gets every line whole).
    var lineWidth: Int? = TextTable.terminalColumns()

    func render() -> String {
        let all = [headers] + rows
        var widths = headers.indices.map { column in
            min(maxColumnWidth, all.map { TextWidth.cells($0[column]) }.max() ?? 0)
        }
        if let lineWidth {
            let floors = headers.map { max(TextWidth.cells($0), 10) }
            let cut = Set(headers.indices.filter { cuttable.contains(headers[$0]) })
            widths = ColumnFit.widths(widths, floors: floors, cuttable: cut, gap: 2, into: lineWidth)
        }
        return all.map { row in
            row.indices.map { column in
                let cut = TextWidth.truncate(row[column], to: widths[column])
                return column == row.count - 1 ? cut : TextWidth.pad(cut, to: widths[column])
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

extension TextTable {
    /// Standard output's width in cells when it is a terminal.
    static func terminalColumns() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

/// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled.
enum CSV {
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }
}

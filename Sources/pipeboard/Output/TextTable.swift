import PipeboardCore

/// Plain aligned columns for a terminal, measured in cells so CJK and emoji line up.
struct TextTable {
    var headers: [String]
    var rows: [[String]]
    /// Widest a column may grow before its text is cut with an ellipsis.
    var maxColumnWidth = 40

    func render() -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in
            min(maxColumnWidth, all.map { TextWidth.cells($0[column]) }.max() ?? 0)
        }
        return all.map { row in
            row.indices.map { column in
                let cut = TextWidth.truncate(row[column], to: widths[column])
                return column == row.count - 1 ? cut : TextWidth.pad(cut, to: widths[column])
            }.joined(separator: "  ")
        }.joined(separator: "\n")
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

import PipeboardCore

/// What a custom command printed, as the overlay shows it: safe lines and how far it is scrolled.
package struct CommandOutputState: Hashable, Sendable {
    package var title: String
    /// Lines made safe for the terminal: no escape sequences or controls, tabs expanded.
    package var lines: [String]
    /// The first row shown, counted in rows as wrapped to the overlay.
    package var top = 0

    package init(title: String, text: String) {
        self.title = ProviderText.clean(title)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            ProviderText.clean(Self.expandingTabs(String($0)))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        self.lines = lines.isEmpty ? ["(no output)"] : lines
    }

    /// The lines cut to `width` cells each, a long line going on over several rows.
    package func rows(width: Int) -> [String] {
        lines.flatMap { Self.hardWrap($0, width: max(1, width)) }
    }

    static func expandingTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
        var out = ""
        var column = 0
        for character in line {
            if character == "\t" {
                let spaces = 8 - column % 8
                out += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                out.append(character)
                column += 1
            }
        }
        return out
    }

    static func hardWrap(_ line: String, width: Int) -> [String] {
        guard TextWidth.cells(line) > width else { return [line] }
        var rows: [String] = []
        var row = ""
        var used = 0
        for character in line {
            let cells = TextWidth.cells(String(character))
            if used + cells > width {
                rows.append(row)
                row = ""
                used = 0
            }
            row.append(character)
            used += cells
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }
}

extension CommandOutputState {
    /// The box's inner size on a screen: as wide as the screen allows, as tall as the output needs.
    static func innerSize(screenWidth: Int, screenHeight: Int) -> (width: Int, rows: Int) {
        (max(1, screenWidth - 8), max(1, screenHeight - 3 - 4))
    }
}

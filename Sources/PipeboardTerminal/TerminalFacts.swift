import CNcurses
import Glibc
import PipeboardTUI

/// The terminal the board would open in, read without taking the screen (for `pipeboard doctor`).
package struct TerminalFacts: Hashable, Sendable {
    package struct Size: Hashable, Sendable {
        package var columns: Int
        package var rows: Int
        package init(columns: Int, rows: Int) {
            self.columns = columns
            self.rows = rows
        }
    }

    package var term: String?
    /// Whether this machine has a terminfo entry for `term`.
    package var termKnown: Bool
    /// The entry's colours (0 when it gives none).
    package var colors: Int
    package var noColor: Bool
    /// The variable that decides the character set (`LC_ALL`, then `LC_CTYPE`, then `LANG`), as `NAME=value`.
    package var locale: String?
    package var charset: Charset
    /// Nil when neither stdout nor stdin is a terminal.
    package var size: Size?

    package init(
        term: String?, termKnown: Bool, colors: Int, noColor: Bool, locale: String?, charset: Charset, size: Size?
    ) {
        self.term = term
        self.termKnown = termKnown
        self.colors = colors
        self.noColor = noColor
        self.locale = locale
        self.charset = charset
        self.size = size
    }

    package static func read(environment: [String: String]) -> TerminalFacts {
        let term = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 }
        let colors = term.map { Int(pb_terminfo_colors($0)) } ?? -2
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { name in
            environment[name].flatMap { $0.isEmpty ? nil : "\(name)=\($0)" }
        }.first
        return TerminalFacts(
            term: term, termKnown: colors != -2, colors: max(0, colors),
            noColor: !(environment["NO_COLOR"] ?? "").isEmpty, locale: locale,
            charset: .detect(environment: environment), size: windowSize())
    }

    private static func windowSize() -> Size? {
        for descriptor in [STDOUT_FILENO, STDIN_FILENO] where isatty(descriptor) == 1 {
            var size = winsize()
            if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
                return Size(columns: Int(size.ws_col), rows: Int(size.ws_row))
            }
        }
        return nil
    }
}

import PipeboardTUI
import PipeboardTerminal

/// Whether the terminal can show the board: TERM and its colours, a UTF-8 locale, the window's size. Pure.
enum TerminalCheck {
    static func findings(_ facts: TerminalFacts) -> [Finding] {
        [term(facts), locale(facts), size(facts)]
    }

    static func term(_ facts: TerminalFacts) -> Finding {
        guard let term = facts.term else {
            return .problem(
                "terminal", "TERM is not set: the board cannot draw",
                fix: "export TERM=xterm-256color (or your terminal's own type)")
        }
        guard term != "dumb", facts.termKnown else {
            let why = term == "dumb" ? "a terminal that cannot move the cursor" : "no terminfo entry on this machine"
            return .problem(
                "terminal", "TERM=\(term): \(why)",
                fix: "install ncurses-term (apt install ncurses-term) or export TERM=xterm-256color")
        }
        if facts.noColor {
            return .note("terminal", "TERM=\(term); NO_COLOR is set, so the board draws without colour")
        }
        guard facts.colors >= 8 else {
            return .note("terminal", "TERM=\(term) gives no colours: the board draws in black and white")
        }
        return .ok("terminal", "TERM=\(term), \(facts.colors.formatted()) colours")
    }

    static func locale(_ facts: TerminalFacts) -> Finding {
        let locale = facts.locale ?? "no LC_ALL, LC_CTYPE or LANG"
        guard facts.charset == .unicode else {
            return .problem(
                "terminal", "\(locale): not UTF-8, so the board draws plain ASCII and names outside it are garbled",
                fix: "export LANG=C.UTF-8 (or en_US.UTF-8) in your shell's profile")
        }
        return .ok("terminal", "UTF-8 (\(locale))")
    }

    static func size(_ facts: TerminalFacts) -> Finding {
        guard let size = facts.size else {
            return .note("terminal", "output is not a terminal, so its size was not checked")
        }
        let least = "\(BoardMinimumSize.columns)×\(BoardMinimumSize.rows)"
        guard size.columns >= BoardMinimumSize.columns, size.rows >= BoardMinimumSize.rows else {
            return .problem(
                "terminal", "\(size.columns)×\(size.rows): smaller than the board's least, \(least)",
                fix: "make the window at least \(least) (80×24 or more shows several stages)")
        }
        return .ok("terminal", "\(size.columns)×\(size.rows)")
    }
}

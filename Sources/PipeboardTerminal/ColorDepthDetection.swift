import PipeboardTUI

/// Decides how many colours to use. Pure, so every combination is testable.
enum ColorDepthDetection {
    /// - Parameters:
    ///   - noColor: the NO_COLOR variable; any non-empty value turns colour off (https://no-color.org).
    ///   - hasColors: ncurses' `has_colors()`.
    ///   - colors: ncurses' `COLORS` after `start_color()`, i.e. what the terminfo entry promises.
    ///
    /// Truecolor needs a direct-colour terminfo entry (COLORS >= 2^24, e.g. TERM=xterm-direct): only then does
    /// ncurses emit RGB. COLORTERM=truecolor alone cannot make it do so, and faking truecolor with
    /// `init_color` would rewrite the user's palette (and tmux ignores it), so COLORTERM does not raise the
    /// depth past what terminfo allows: xterm-256color with COLORTERM=truecolor uses the 256-colour values.
    static func depth(noColor: String?, hasColors: Bool, colors: Int) -> ColorDepth {
        if let noColor, !noColor.isEmpty { return .none }
        guard hasColors else { return .none }
        switch colors {
        case (1 << 24)...: return .truecolor
        case 256...: return .ansi256
        case 16...: return .ansi16
        case 8...: return .ansi8
        default: return .none
        }
    }
}

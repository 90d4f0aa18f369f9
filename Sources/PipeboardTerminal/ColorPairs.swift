import CNcurses
import PipeboardTUI

/// Hands out ncurses colour pairs on first use. Extended pairs (`init_extended_pair`) take colour numbers
/// beyond a short, which direct-colour terminals need, and pair numbers beyond 256.
struct ColorPairs {
    private struct Colors: Hashable {
        var foreground: Int32
        var background: Int32
    }

    private let depth: ColorDepth
    /// -1 (the terminal's own colour) when `use_default_colors` succeeded, else white on black.
    private let defaultForeground: Int32, defaultBackground: Int32
    private var pairs: [Colors: Int32] = [:]

    init(depth: ColorDepth, hasDefaultColors: Bool) {
        self.depth = depth
        defaultForeground = hasDefaultColors ? -1 : 7
        defaultBackground = hasDefaultColors ? -1 : 0
    }

    /// The pair for these colours (nil = terminal default), or 0 when colour is off or pairs run out.
    mutating func pair(foreground: Int?, background: Int?) -> Int32 {
        guard
            let numbers = Self.colors(
                foreground: foreground, background: background, depth: depth,
                defaults: (defaultForeground, defaultBackground))
        else { return 0 }
        let colors = Colors(foreground: numbers.foreground, background: numbers.background)
        if let pair = pairs[colors] { return pair }
        let pair = Int32(pairs.count + 1)
        guard pair < pb_color_pairs(), init_extended_pair(pair, colors.foreground, colors.background) == pb_ok() else {
            return 0
        }
        pairs[colors] = pair
        return pair
    }

    /// The colour numbers of a pair, or nil for none (pair 0: the terminal's own colours). Where the terminal
    /// has no "default colour" (`use_default_colors` failed, so `defaults` is white on black), a role that sets
    /// only a foreground gets no pair at all rather than a black background the theme never asked for.
    static func colors(
        foreground: Int?, background: Int?, depth: ColorDepth, defaults: (foreground: Int32, background: Int32)
    ) -> (foreground: Int32, background: Int32)? {
        guard depth != .none, foreground != nil || background != nil else { return nil }
        guard background != nil || defaults.background == -1 else { return nil }
        return (
            foreground.map { colorNumber($0, depth: depth) } ?? defaults.foreground,
            background.map { colorNumber($0, depth: depth) } ?? defaults.background
        )
    }

    /// Forget all pairs, e.g. for a new theme; the numbers are then reused.
    mutating func reset() { pairs = [:] }

    /// Direct-colour terminfo entries read numbers below 8 as the ANSI colours, so near-black RGB values
    /// are nudged to #000008, which looks the same.
    static func colorNumber(_ value: Int, depth: ColorDepth) -> Int32 {
        Int32(depth == .truecolor ? max(value, 8) : value)
    }
}

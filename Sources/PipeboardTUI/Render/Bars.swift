/// Which glyphs bars and sparklines use: Unicode block elements, or `#` and plain ASCII where the locale
/// is not UTF-8 (the terminal would show the blocks as garbage).
package enum Charset: Hashable, Sendable {
    case unicode, ascii
}

/// Bars, sparklines and progress bars as text. Pure, so the board, `pipeboard sync` and the tests share them.
package enum Bars {
    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    private static let levels = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    private static let asciiLevels = ["_", "_", "-", "-", "=", "+", "*", "#"]

    /// A bar `fraction` (0...1) of `width` cells long, to the eighth of a cell in Unicode, whole cells in ASCII.
    /// Any positive fraction shows at least a sliver, so a small stage never looks empty.
    package static func bar(_ fraction: Double, width: Int, charset: Charset) -> String {
        guard width > 0, fraction.isFinite, fraction > 0 else { return "" }
        let clamped = min(1, fraction)
        switch charset {
        case .unicode:
            let total = max(1, Int((clamped * Double(width) * 8).rounded()))
            return String(repeating: "█", count: total / 8) + eighths[total % 8]
        case .ascii:
            return String(repeating: "#", count: max(1, Int((clamped * Double(width)).rounded())))
        }
    }

    /// One glyph per value, scaled to the largest; zero is a dot, so an empty week differs from a small one.
    package static func sparkline(_ values: [Int64], charset: Charset) -> String {
        let peak = values.map { $0 == .min ? Int64.max : abs($0) }.max() ?? 0
        return values.map { value in
            let magnitude = value == .min ? Int64.max : abs(value)
            guard magnitude > 0, peak > 0 else { return charset == .unicode ? "·" : "." }
            let level = min(7, Int((Double(magnitude) / Double(peak) * 8).rounded(.up)) - 1)
            return charset == .unicode ? levels[max(0, level)] : asciiLevels[max(0, level)]
        }.joined()
    }

    /// A progress bar of exactly `width` cells: the done part, then a track.
    package static func progress(_ fraction: Double, width: Int, charset: Charset) -> String {
        guard width > 0 else { return "" }
        let done = bar(max(0, min(1, fraction.isFinite ? fraction : 0)), width: width, charset: charset)
        let used = done.count
        return done + String(repeating: charset == .unicode ? "░" : ".", count: max(0, width - used))
    }
}

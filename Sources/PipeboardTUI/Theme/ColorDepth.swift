/// How many colours the terminal can show, best first in the fallback chain
/// truecolor → ansi256 → ansi16 → ansi8 → none.
package enum ColorDepth: Int, CaseIterable, Comparable, Hashable, Sendable {
    case none, ansi8, ansi16, ansi256, truecolor

    package static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }
}

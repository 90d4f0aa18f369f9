/// The style a blank cell is drawn in. A blank shows only its background (unless its style reverses or underlines):
/// drawn in the style the terminal is already set to, or else in the one the next text of the run needs, it looks
/// the same and saves the terminal an attribute change (10 to 30 bytes each, most of what a frame sends).
enum BlankStyle {
    /// What decides whether a blank looks the same in another style.
    struct Look: Equatable {
        var background: Int?
        /// Reverse video and underline show on a blank; colour, bold and dim do not.
        var marksBlanks: Bool
    }

    enum Choice: Equatable { case own, current, next }

    /// `current`: the style set now (nil: unknown); `next`: the style of the next text in the run (nil: none).
    static func choose(own: Look, current: Look?, next: Look?) -> Choice {
        guard !own.marksBlanks else { return .own }
        if let current, !current.marksBlanks, current.background == own.background { return .current }
        if let next, !next.marksBlanks, next.background == own.background { return .next }
        return .own
    }
}

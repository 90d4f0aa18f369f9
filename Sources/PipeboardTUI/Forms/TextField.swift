/// A one-line text input with a cursor, edited a grapheme cluster at a time (so CJK and emoji stay whole).
package struct TextField: Hashable, Sendable {
    package private(set) var characters: [Character]
    /// Index in `characters` before which typing inserts.
    package private(set) var cursor: Int

    package init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    package var text: String { String(characters) }

    package mutating func insert(_ character: Character) {
        characters.insert(character, at: cursor)
        cursor += 1
    }

    package mutating func deleteBackward() {
        guard cursor > 0 else { return }
        cursor -= 1
        characters.remove(at: cursor)
    }

    package mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    package mutating func moveLeft() { cursor = max(0, cursor - 1) }
    package mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    package mutating func moveHome() { cursor = 0 }
    package mutating func moveEnd() { cursor = characters.count }

    /// Applies an editing action from a key map; other actions leave the text alone.
    mutating func edit(_ action: Action) {
        switch action {
        case .cursorLeft: moveLeft()
        case .cursorRight: moveRight()
        case .cursorHome: moveHome()
        case .cursorEnd: moveEnd()
        case .deleteBackward: deleteBackward()
        case .deleteForward: deleteForward()
        default: break
        }
    }

    /// Whether a typed character belongs in a text field: printable, no controls.
    package static func accepts(_ character: Character) -> Bool {
        !character.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}

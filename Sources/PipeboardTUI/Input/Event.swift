/// A key as the board understands it, independent of ncurses.
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, lower case: Ctrl-R is `.control("r")`.
    case control(Character)
    case up, down, left, right
    case shiftUp, shiftDown, shiftLeft, shiftRight
    case enter, escape, tab, backTab, backspace, delete
    case home, end, pageUp, pageDown
    case function(Int)
}

package enum MouseButton: Hashable, Sendable { case left, middle, right, wheelUp, wheelDown }

public struct MouseEvent: Hashable, Sendable {
    package enum Kind: Hashable, Sendable { case press, release, drag }
    package var x: Int
    package var y: Int
    package var button: MouseButton
    package var kind: Kind
    package init(x: Int, y: Int, button: MouseButton, kind: Kind) {
        self.x = x
        self.y = y
        self.button = button
        self.kind = kind
    }
}

/// Input from the terminal.
public enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
}

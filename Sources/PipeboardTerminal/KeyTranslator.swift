import CNcurses
import PipeboardTUI

/// Turns what `get_wch` returns into a `Key`. Pure apart from reading ncurses' key-code constants.
enum KeyTranslator {
    /// - Parameters:
    ///   - code: the `wint_t` from `get_wch`.
    ///   - isFunctionKey: true when `get_wch` answered KEY_CODE_YES (the code is a KEY_* constant).
    /// - Returns: nil for codes the board has no use for (they are dropped, never shown as junk).
    static func key(forCode code: Int32, isFunctionKey: Bool) -> Key? {
        isFunctionKey ? functionKey(code) : characterKey(code)
    }

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_SR: .shiftUp
        case KEY_SF: .shiftDown
        case KEY_SLEFT: .shiftLeft
        case KEY_SRIGHT: .shiftRight
        case KEY_BTAB: .backTab
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_DC: .delete
        case KEY_BACKSPACE: .backspace
        case KEY_ENTER: .enter
        case (KEY_F0 + 1)...(KEY_F0 + 63): .function(Int(code - KEY_F0))
        default: nil
        }
    }

    private static func characterKey(_ code: Int32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) - 1 + UInt8(ascii: "a"))))
        case 0..<32, 0x80..<0xA0: return nil // other C0 and C1 controls
        default:
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: code)) else { return nil }
            return .character(Character(scalar))
        }
    }
}

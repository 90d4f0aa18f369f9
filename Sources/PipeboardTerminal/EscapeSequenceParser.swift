import PipeboardTUI

/// Catches escape sequences that the terminfo entry does not describe, so they never reach the board as
/// stray characters. ncurses hands those back byte by byte (ESC, "[", "1", ";", "2", "D"); this recognises
/// the common xterm forms (shifted arrows under TERM=screen-256color, for one) and drops the rest,
/// including Alt+key, which `Key` cannot express.
struct EscapeSequenceParser {
    private static let escape: UInt32 = 27
    private var pending: [UInt32] = []

    /// Feeds one character code from `get_wch`; returns the keys it completes.
    mutating func feed(_ code: UInt32) -> [Key] {
        guard let first = pending.first else {
            if code == Self.escape {
                pending = [code]
                return []
            }
            return KeyTranslator.key(forCode: Int32(bitPattern: code), isFunctionKey: false).map { [$0] } ?? []
        }
        assert(first == Self.escape)
        if pending.count == 1 {
            switch code {
            case Self.escape: return [.escape] // the first ESC stood alone; the new one stays pending
            case UInt32(UInt8(ascii: "[")), UInt32(UInt8(ascii: "O")):
                pending.append(code)
                return []
            default:
                pending = []
                return []
            }
        }
        pending.append(code)
        let isFinal = (0x40...0x7E).contains(code)
        let isSS3 = pending[1] == UInt32(UInt8(ascii: "O"))
        guard isFinal || isSS3 || pending.count > 16 else { return [] }
        defer { pending = [] }
        guard let final = Unicode.Scalar(code).map(Character.init), pending.count <= 16 else { return [] }
        let parameters = String(
            String.UnicodeScalarView(pending.dropFirst(2).dropLast().compactMap(Unicode.Scalar.init)))
        return Self.key(final: final, parameters: parameters, isSS3: isSS3).map { [$0] } ?? []
    }

    /// Called when no more input is waiting: a lone ESC was the Escape key. A longer, unfinished sequence
    /// stays pending, since its tail may still be on the way (over SSH, sequences arrive split).
    mutating func endOfInput() -> [Key] {
        guard pending == [Self.escape] else { return [] }
        pending = []
        return [.escape]
    }

    /// xterm's encoding: CSI [1;modifier] A-D/H/F/Z, CSI number [;modifier] ~, SS3 A-D/H/F/P-S.
    static func key(final: Character, parameters: String, isSS3: Bool) -> Key? {
        let fields = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let modifier = fields.count > 1 ? fields[1] : nil
        let shifted = modifier == 2
        if isSS3 || final != "~" {
            guard modifier == nil || shifted else { return nil } // Ctrl/Alt combinations: no Key for them
            switch final {
            case "A": return shifted ? .shiftUp : .up
            case "B": return shifted ? .shiftDown : .down
            case "C": return shifted ? .shiftRight : .right
            case "D": return shifted ? .shiftLeft : .left
            case "H": return .home
            case "F": return .end
            case "Z": return .backTab
            case "P", "Q", "R", "S": return .function(Int(final.asciiValue! - Character("P").asciiValue!) + 1)
            default: return nil
            }
        }
        guard let number = fields.first ?? nil else { return nil }
        switch number {
        case 1, 7: return .home
        case 4, 8: return .end
        case 3: return .delete
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(number - 10)
        case 17...21: return .function(number - 11)
        case 23, 24: return .function(number - 12)
        default: return nil
        }
    }
}

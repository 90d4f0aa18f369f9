import Foundation
import PipeboardCore

/// A provider's records as it sent them, for `RemoteOpportunity.raw`: each one written again as compact JSON
/// with its keys sorted (bytewise), read straight from the answer's bytes. Going through `Decoder` instead costs a
/// thrown error for every guess at a value's type, about fifty times the typed decoding of a page.
enum RawJSON {
    /// The sorted-keys text of every element of the array under `key` in the answer's top-level object, in order;
    /// nil when the answer is not such an object.
    static func texts(of data: Data, arrayAt key: String) -> [String]? {
        data.withUnsafeBytes { buffer -> [String]? in
            var reader = Reader(bytes: buffer.bindMemory(to: UInt8.self))
            guard case .object(let members)? = try? reader.document(),
                case .array(let items)? = members.first(where: { $0.key == key })?.value
            else { return nil }
            return items.map(\.sortedText)
        }
    }

    /// The whole answer, parsed; nil when it is not one JSON document.
    static func document(of data: Data) -> Value? {
        data.withUnsafeBytes { buffer -> Value? in
            var reader = Reader(bytes: buffer.bindMemory(to: UInt8.self))
            return try? reader.document()
        }
    }

    /// The sorted-keys text of the object under `key` in the answer's top-level object.
    static func text(of data: Data, objectAt key: String) -> String? {
        data.withUnsafeBytes { buffer -> String? in
            var reader = Reader(bytes: buffer.bindMemory(to: UInt8.self))
            guard case .object(let members)? = try? reader.document() else { return nil }
            return members.first(where: { $0.key == key })?.value.sortedText
        }
    }

    enum Value {
        case null, bool(Bool), integer(Int64), number(Double), string(String)
        case array([Value]), object([(key: String, value: Value)])

        var sortedText: String {
            var out: [UInt8] = []
            out.reserveCapacity(1_024)
            write(into: &out)
            return String(decoding: out, as: UTF8.self)
        }

        func write(into out: inout [UInt8]) {
            switch self {
            case .null: out += "null".utf8
            case .bool(let value): out += (value ? "true" : "false").utf8
            case .integer(let value): out += String(value).utf8
            case .number(let value): out += Self.text(of: value).utf8
            case .string(let value): JSONString.append(value, to: &out)
            case .array(let items):
                out.append(UInt8(ascii: "["))
                for (index, item) in items.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    item.write(into: &out)
                }
                out.append(UInt8(ascii: "]"))
            case .object(let members):
                out.append(UInt8(ascii: "{"))
                // Sorted by key bytes, then by position: of a repeated key the first is kept, as JSONDecoder keeps it.
                let order = members.indices.sorted { left, right in
                    let comparison = Self.compareBytes(members[left].key, members[right].key)
                    return comparison != 0 ? comparison < 0 : left < right
                }
                var written = false
                for (position, index) in order.enumerated() {
                    if position > 0, members[order[position - 1]].key == members[index].key { continue }
                    if written { out.append(UInt8(ascii: ",")) }
                    written = true
                    JSONString.append(members[index].key, to: &out)
                    out.append(UInt8(ascii: ":"))
                    members[index].value.write(into: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
        }

        /// The order of two keys' UTF-8 bytes (negative, zero, positive), as JSONEncoder's `.sortedKeys` sorts them.
        static func compareBytes(_ left: String, _ right: String) -> Int {
            var left = left, right = right
            return left.withUTF8 { leftBytes in
                right.withUTF8 { rightBytes in
                    let common = min(leftBytes.count, rightBytes.count)
                    if common > 0, let leftBase = leftBytes.baseAddress, let rightBase = rightBytes.baseAddress {
                        let comparison = memcmp(leftBase, rightBase, common)
                        if comparison != 0 { return Int(comparison) }
                    }
                    return leftBytes.count - rightBytes.count
                }
            }
        }

        /// As JSONEncoder writes a Double: whole values without a fraction.
        static func text(of value: Double) -> String {
            if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
            return "\(value)"
        }
    }

    struct Malformed: Error {}

    /// A strict reader of one JSON document (RFC 8259), nested at most `maxDepth` deep.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        static let maxDepth = 512

        mutating func document() throws -> Value {
            let value = try self.value(depth: 0)
            skipSpace()
            guard index == bytes.count else { throw Malformed() }
            return value
        }

        private mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        private mutating func value(depth: Int) throws -> Value {
            guard depth < Self.maxDepth else { throw Malformed() }
            skipSpace()
            guard index < bytes.count else { throw Malformed() }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(key: String, value: Value)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                while true {
                    skipSpace()
                    let key = try string()
                    skipSpace()
                    try expect(UInt8(ascii: ":"))
                    members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard index < bytes.count else { throw Malformed() }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "}"))
                    return .object(members)
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [Value] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < bytes.count else { throw Malformed() }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "]"))
                    return .array(items)
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return try number()
            }
        }

        private mutating func expect(_ byte: UInt8) throws {
            guard index < bytes.count, bytes[index] == byte else { throw Malformed() }
            index += 1
        }

        private mutating func literal(_ text: StaticString) throws {
            let count = text.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw Malformed() }
            for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { throw Malformed() }
            index += count
        }

        private mutating func number() throws -> Value {
            let start = index
            var whole = true
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            let digits = index
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): index += 1
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"):
                    whole = false
                    index += 1
                default: return try finish()
                }
            }
            return try finish()

            func finish() throws -> Value {
                guard index > digits else { throw Malformed() }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                if whole, let value = Int64(text) { return .integer(value) }
                guard let value = Double(text), value.isFinite else { throw Malformed() }
                return .number(value)
            }
        }

        private mutating func string() throws -> String {
            try expect(UInt8(ascii: "\""))
            let start = index
            // The common case, no escapes: the bytes are the text.
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                guard bytes[index] >= 0x20 else { throw Malformed() }
                index += 1
            }
            guard index < bytes.count else { throw Malformed() }
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), as: UTF8.self)
            }
            var out = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { throw Malformed() }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count,
                            bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                        {
                            index += 2
                            let low = try hex4()
                            if (0xDC00..<0xE000).contains(low) {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                out += String(Unicode.Scalar(0xFFFD)!).utf8
                                scalar = low
                            }
                        }
                        out += String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8
                    default: throw Malformed()
                    }
                default:
                    guard byte >= 0x20 else { throw Malformed() }
                    out.append(byte)
                }
            }
            throw Malformed()
        }

        private mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count else { throw Malformed() }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                index += 1
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw Malformed()
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
    }
}

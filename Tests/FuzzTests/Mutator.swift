import Foundation

/// Turns a valid input into a hostile one, deterministically from a list of numbers the property generator
/// picks (so a failure's seed reproduces it): byte flips, cuts, repeats and insertions of tokens that break
/// parsers (deep nesting, huge and non-finite numbers, escapes, lone surrogates, terminal sequences).
enum Mutator {
    static let tokens: [String] = [
        "1e309", "-1e309", "9223372036854775808", "-9223372036854775809", "1e-400", "-0", "NaN", "Infinity",
        "null", "true", "[]", "{}", "[", "{", "]", "}", "\"", "\\", ",", ":", "=", "\n", "\r\n", "\t", "#",
        "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\"", "\"\\u001b[2J\\u001b]0;x\\u0007\"", "\"\\u202e\"",
        String(repeating: "[", count: 5_000), String(repeating: "{\"a\":", count: 3_000),
        "\"" + String(repeating: "x", count: 100_000) + "\"", String(repeating: "9", count: 400),
        "[[accounts]]", "[roles.text]", "[[a.b]]", "a.b.c = 1", "\"\"\"", "'''", "1979-05-27T07:32:00Z",
        "\u{1B}[31m", "\u{0085}", "\u{FEFF}", "\u{10FFFF}", "é\u{0301}\u{0301}\u{0301}",
    ]

    static func mutate(_ input: Data, with plan: [Int]) -> Data {
        var bytes = [UInt8](input)
        for step in plan {
            let kind = step % 8
            let position = bytes.isEmpty ? 0 : (step / 8) % (bytes.count + 1)
            let value = step / 8_192
            switch kind {
            case 0 where position < bytes.count:
                bytes[position] ^= UInt8(truncatingIfNeeded: value | 1)
            case 1:
                let end = min(bytes.count, position + value % 32)
                bytes.removeSubrange(position..<end)
            case 2, 3:
                bytes.insert(contentsOf: Array(tokens[value % tokens.count].utf8), at: position)
            case 4:
                bytes = Array(bytes.prefix(position))
            case 5:
                let end = min(bytes.count, position + value % 64)
                bytes.insert(contentsOf: bytes[position..<end], at: end)
            case 6:
                bytes.insert(UInt8(truncatingIfNeeded: value), at: position)
            default:
                // Replace the value after the n-th ':' or '=' (a JSON or TOML value) with a token.
                let separators = bytes.indices.filter {
                    bytes[$0] == UInt8(ascii: ":") || bytes[$0] == UInt8(ascii: "=")
                }
                guard !separators.isEmpty else { continue }
                let start = separators[value % separators.count] + 1
                let end =
                    bytes[start...].firstIndex {
                        $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "}")
                    } ?? bytes.count
                bytes.replaceSubrange(start..<end, with: Array(tokens[(value / 7) % tokens.count].utf8))
            }
        }
        return Data(bytes)
    }
}

/// Files kept in Tests/FuzzTests/Corpus/<kind>/: inputs that once broke something, and valid seeds.
enum Corpus {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static func files(_ kind: String) -> [(name: String, data: Data)] {
        let folder = root.appendingPathComponent(kind)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        return names.compactMap { name in
            (try? Data(contentsOf: folder.appendingPathComponent(name))).map { (name, $0) }
        }
    }
}

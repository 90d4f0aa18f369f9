/// Finds the line of a key in TOML source text, so that any config or theme error can say where to look,
/// whatever key it is about: parsers report a key path, this turns it into a line number.
///
/// A key path is dotted, with array-of-table entries counted from 0 in brackets: `theme`,
/// `accounts[1].token_env`, `roles.cardFocused.bg.truecolor`. The locator knows `[table]` and
/// `[[array]]` headers, dotted and quoted keys and one-line inline tables; when the exact key is not written
/// (a missing key), it answers the line of the nearest enclosing table that is.
package struct TOMLKeyLocator: Sendable {
    /// Every key or table the source defines, with its absolute path and 1-based line.
    let entries: [(path: [String], line: Int)]

    package init(source: String) {
        entries = Self.scan(source)
    }

    /// The line of `keyPath`, else of its nearest written ancestor; nil when nothing of it is in the source.
    package func line(of keyPath: String) -> Int? {
        let wanted = Self.components(of: keyPath)
        var best: (length: Int, line: Int)?
        for entry in entries {
            let shared = zip(entry.path, wanted).prefix { $0 == $1 }.count
            // Only an entry that is the path or one of its ancestors counts; a sibling's line would mislead.
            guard shared == entry.path.count, shared > 0 else { continue }
            if best == nil || shared > best!.length { best = (shared, entry.line) }
        }
        return best?.line
    }

    /// `accounts[1].token_env` -> ["accounts", "[1]", "token_env"].
    static func components(of keyPath: String) -> [String] {
        var out: [String] = []
        for part in splitDotted(keyPath) {
            guard let open = part.firstIndex(of: "["), part.hasSuffix("]") else { out.append(part); continue }
            out.append(String(part[..<open]))
            out.append(String(part[open...]))
        }
        return out
    }

    static func scan(_ source: String) -> [(path: [String], line: Int)] {
        var entries: [(path: [String], line: Int)] = []
        var table: [String] = []
        var arrayCounts: [[String]: Int] = [:]
        var multiline: String? // the delimiter of an open multi-line string
        // Split on the scalar: as Characters, "\r\n" is one grapheme and would never equal "\n".
        for (index, rawLine) in source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let lineNumber = index + 1
            let line = String(String.UnicodeScalarView(rawLine)).trimmingSpaces
            if let delimiter = multiline {
                if line.contains(delimiter) { multiline = nil }
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[[") {
                let name = splitDotted(headerName(line, open: 2))
                let count = arrayCounts[name, default: 0]
                arrayCounts[name] = count + 1
                // Arrays nested in an earlier entry restart their counts under the new entry.
                for nested in arrayCounts.keys
                where nested.count > name.count && Array(nested.prefix(name.count)) == name {
                    arrayCounts[nested] = 0
                }
                table = resolveArrays(name, counts: arrayCounts, lastIsArrayEntry: true)
                entries.append((table, lineNumber))
                continue
            }
            if line.hasPrefix("[") {
                table = resolveArrays(
                    splitDotted(headerName(line, open: 1)), counts: arrayCounts, lastIsArrayEntry: false)
                entries.append((table, lineNumber))
                continue
            }
            guard let equals = firstUnquoted("=", in: line) else { continue }
            let key = splitDotted(String(line[..<equals]))
            guard !key.isEmpty else { continue }
            entries.append((table + key, lineNumber))
            let value = line[line.index(after: equals)...].trimmingSpaces
            for delimiter in ["\"\"\"", "'''"] where value.hasPrefix(delimiter) {
                if !value.dropFirst(3).contains(delimiter) { multiline = delimiter }
            }
            if value.hasPrefix("{") {
                for inner in inlineKeys(value) { entries.append((table + key + inner, lineNumber)) }
            }
        }
        return entries
    }

    /// `[[accounts]]` under counts ["accounts": 2] -> ["accounts", "[1]"]; inner arrays are indexed as well.
    static func resolveArrays(_ name: [String], counts: [[String]: Int], lastIsArrayEntry: Bool) -> [String] {
        var resolved: [String] = []
        for (position, part) in name.enumerated() {
            resolved.append(part)
            let prefix = Array(name[...position])
            if let count = counts[prefix], count > 0, position < name.count - 1 || lastIsArrayEntry {
                resolved.append("[\(count - 1)]")
            }
        }
        return resolved
    }

    static func headerName(_ line: String, open: Int) -> String {
        let body = String(line.dropFirst(open))
        return firstUnquoted("]", in: body).map { String(body[..<$0]) } ?? body
    }

    /// Keys of a one-line inline table: `{ truecolor = "#fff", ansi256 = 15 }` -> [["truecolor"], ["ansi256"]].
    static func inlineKeys(_ value: String) -> [[String]] {
        var keys: [[String]] = []
        var current = ""
        var quote: Character?
        var depth = 0
        for character in value {
            if let open = quote {
                if character == open { quote = nil }
                if depth == 1 { current.append(character) }
                continue
            }
            switch character {
            case "\"", "'": quote = character; if depth == 1 { current.append(character) }
            case "{", "[": depth += 1
            case "}", "]": depth -= 1
            case ",": if depth == 1 { current = "" }
            case "=":
                if depth == 1 {
                    let key = splitDotted(current)
                    if !key.isEmpty { keys.append(key) }
                    current = ""
                }
            default: if depth == 1 { current.append(character) }
            }
        }
        return keys
    }

    /// `a."b.c". d` -> ["a", "b.c", "d"].
    static func splitDotted(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case ".": parts.append(current.trimmingSpaces); current = ""
            default: current.append(character)
            }
        }
        parts.append(current.trimmingSpaces)
        return parts.filter { !$0.isEmpty }
    }

    static func firstUnquoted(_ target: Character, in text: String) -> String.Index? {
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == target {
                return index
            }
            index = text.index(after: index)
        }
        return nil
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" || first == "\r" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return String(text)
    }
}

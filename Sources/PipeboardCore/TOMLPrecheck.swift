/// Checks that must pass before TOML text reaches the TOML parser (toml++ under TOMLKit). Fuzzing found inputs
/// that abort it instead of raising an error: control characters (`[[` + ESC), Unicode line breaks in arrays
/// (`a=[` + U+2028), a brace closing an array (`a=[}`), and table headers whose name starts with anything but a bare-key character or a quote
/// (`[=]`, `[é]`, `[` alone). Refusing them here costs nothing a config needs and gives a clear error with the line.
public enum TOMLPrecheck {
    public struct Problem: Hashable, Sendable {
        public var line: Int
        public var message: String
    }

    public static func problem(in text: String) -> Problem? {
        controlProblem(in: text) ?? headerProblem(in: text)
    }

    /// TOML allows no control character but tab (and CR before LF) anywhere in a file.
    static func controlProblem(in text: String) -> Problem? {
        var line = 1
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            let value = scalar.value
            if value == 0x0A { line += 1; continue }
            if value == 0x09 { continue }
            if value == 0x0D {
                var lookahead = scalars
                if lookahead.next()?.value == 0x0A { continue }
            }
            if value == 0x85 || value == 0x2028 || value == 0x2029 {
                // Unicode line breaks: the parser aborts on them in arrays; a TOML file breaks lines with LF.
                return Problem(line: line, message: "holds the Unicode line break U+\(hex(value)) on this line; break lines with a plain newline and remove it")
            }
            if value < 0x20 || value == 0x7F {
                return Problem(line: line, message: "holds the control character U+\(hex(value)) on this line, which TOML does not allow; remove it (write \\u\(hex(value)) inside a string if it is meant)")
            }
        }
        return nil
    }

    /// A table header's name must start with a bare-key character or a quote. Scans like a TOML lexer, so that
    /// brackets inside values, strings and comments are not taken for headers.
    static func headerProblem(in text: String) -> Problem? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var open: [Unicode.Scalar] = []   // brackets and braces opened by values, innermost last
        var atLineStart = true
        func isBare(_ c: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
        }
        func skipString(_ quote: Unicode.Scalar) {
            let multi = index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote
            index += multi ? 3 : 1
            while index < scalars.count {
                let c = scalars[index]
                if c == "\n" {
                    if !multi { return }
                    line += 1
                }
                if quote == "\"" && c == "\\" { index += 2; continue }
                if c == quote {
                    if !multi { index += 1; return }
                    if index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote {
                        index += 3
                        while index < scalars.count && scalars[index] == quote { index += 1 }
                        return
                    }
                }
                index += 1
            }
        }
        while index < scalars.count {
            let c = scalars[index]
            switch c {
            case "\n":
                line += 1
                atLineStart = true
                index += 1
                continue
            case " ", "\t", "\r":
                index += 1
                continue
            case "#":
                while index < scalars.count && scalars[index] != "\n" { index += 1 }
                continue
            case "\"", "'":
                skipString(c)
            case "[" where atLineStart && open.isEmpty:
                index += 1
                let double = index < scalars.count && scalars[index] == "["
                if double { index += 1 }
                while index < scalars.count && (scalars[index] == " " || scalars[index] == "\t") { index += 1 }
                if index < scalars.count {
                    let first = scalars[index]
                    // An empty header line (`[` then the line's end) aborts the parser too.
                    if !(isBare(first) || first == "\"" || first == "'" || first == "]" || (first == "[" && !double)) {
                        return Problem(line: line, message: "has a table header whose name starts with \(first == "\n" || first == "\r" ? "the line's end" : "'\(first)'"); a name is letters, digits, _ and -, or quoted: write [name] or [\"name\"]")
                    }
                }
                while index < scalars.count && scalars[index] != "\n" && scalars[index] != "]" { index += 1 }
            case "[", "{":
                open.append(c)
                index += 1
            case "]", "}":
                // A brace closing an array aborts the parser (`a=[}`): say so instead.
                if c == "}" && open.last == "[" {
                    return Problem(line: line, message: "closes an array opened with '[' with '}'; close it with ']'")
                }
                if !open.isEmpty { open.removeLast() }
                index += 1
            default:
                index += 1
            }
            atLineStart = false
        }
        return nil
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

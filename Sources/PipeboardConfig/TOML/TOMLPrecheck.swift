/// Checks that must pass before TOML text reaches the TOML parser (toml++ under TOMLKit). Fuzzing found inputs
/// that abort it (a failed internal assertion) instead of raising an error: control characters (`[[` + ESC),
/// Unicode line breaks in arrays (`a=[` + U+2028), a brace closing an array (`a=[}`), table headers whose name
/// starts with anything but a bare-key character or a quote (`[=]`, `[é]`, `[` alone, also right after a byte
/// order mark), a date followed by a space and one digit (`a=1979-05-27 1`) and a date-time whose time starts
/// with anything but a digit (`a=1979-05-27T:00`). Refusing them here costs nothing a config needs and gives a
/// clear error with the line.
package enum TOMLPrecheck {
    package struct Problem: Hashable, Sendable {
        package var line: Int
        package var message: String
    }

    package static func problem(in text: String) -> Problem? {
        controlProblem(in: text) ?? structureProblem(in: text)
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
                return Problem(
                    line: line,
                    message:
                        "holds the Unicode line break U+\(hex(value)) on this line; "
                        + "break lines with a plain newline and remove it"
                )
            }
            if value < 0x20 || value == 0x7F {
                return Problem(
                    line: line,
                    message:
                        "holds the control character U+\(hex(value)) on this line, which TOML does not allow; "
                        + "remove it (write \\u\(hex(value)) inside a string if it is meant)"
                )
            }
        }
        return nil
    }

    /// A table header's name must start with a bare-key character or a quote, a '}' must not close an array,
    /// and a date value must be followed by a well-formed time or nothing. Scans like a TOML lexer, so that
    /// brackets and digits inside strings and comments are not taken for structure.
    static func structureProblem(in text: String) -> Problem? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var open: [Unicode.Scalar] = [] // brackets and braces opened by values, innermost last
        var atLineStart = true
        var last: Unicode.Scalar = "\n" // the last scalar outside whitespace and comments
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
                if quote == "\"" && c == "\\" {
                    // A backslash ending a line of a multi-line string escapes the line break: count the line.
                    if index + 1 < scalars.count && scalars[index + 1] == "\n" { line += 1 }
                    index += 2
                    continue
                }
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
        // The parser skips a byte order mark at the start, so a header right after it is still at a line's start.
        if scalars.first == "\u{FEFF}" { index = 1 }
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
                        return Problem(
                            line: line,
                            message:
                                "has a table header whose name starts with "
                                + "\(first == "\n" || first == "\r" ? "the line's end" : "'\(first)'"); "
                                + "a name is letters, digits, _ and -, or quoted: write [name] or [\"name\"]"
                        )
                    }
                }
                // The rest of the header, with quoted name parts skipped whole (they may hold ']').
                while index < scalars.count && scalars[index] != "\n" && scalars[index] != "]" {
                    if scalars[index] == "\"" || scalars[index] == "'" {
                        skipString(scalars[index])
                    } else {
                        index += 1
                    }
                }
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
                let startsValue = last == "=" || ((last == "[" || last == ",") && open.last == "[")
                if startsValue, ("0"..."9").contains(c), let message = dateProblem(scalars, at: index) {
                    return Problem(line: line, message: message)
                }
                index += 1
            }
            atLineStart = false
            last = c
        }
        return nil
    }

    /// Dates the parser aborts on instead of refusing, for a value starting at `start`.
    static func dateProblem(_ scalars: [Unicode.Scalar], at start: Int) -> String? {
        if dateWithLoneDigit(scalars, at: start) {
            return
                "has a date followed by a space and a single digit; write a date and time as 1979-05-27 07:32:00 "
                + "(two-digit hour), or remove what follows the date"
        }
        if dateWithTimeNotStartingWithDigit(scalars, at: start) {
            return
                "has a date and time whose time does not start with a two-digit hour; write it as 1979-05-27T07:32:00"
        }
        return nil
    }

    /// A date (`1979-05-27`), then 'T' or 't', then anything but a digit: the parser aborts reading the time.
    static func dateWithTimeNotStartingWithDigit(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        guard start + 11 < scalars.count else { return false }
        for offset in 0..<10 {
            let c = scalars[start + offset]
            guard offset == 4 || offset == 7 ? c == "-" : ("0"..."9").contains(c) else { return false }
        }
        return (scalars[start + 10] == "T" || scalars[start + 10] == "t") && !("0"..."9").contains(scalars[start + 11])
    }

    /// A value that starts like a local date (ten characters, '-' fifth and eighth, underscores not counted),
    /// then one space, one digit and the value's end: the parser, reading on for a time after the space,
    /// aborts there (`a=1979-05-27 1` then a newline).
    static func dateWithLoneDigit(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        var index = start
        var kept: [Unicode.Scalar] = []
        while index < scalars.count && !isValueEnd(scalars[index]) {
            if scalars[index] != "_" { kept.append(scalars[index]) }
            index += 1
        }
        guard kept.count == 10, kept[4] == "-", kept[7] == "-" else { return false }
        return index + 2 < scalars.count && scalars[index] == " " && ("0"..."9").contains(scalars[index + 1])
            && isValueEnd(scalars[index + 2])
    }

    /// What ends a value for the parser: whitespace (Unicode spaces and line breaks too), ']', '}', ',' and '#'.
    static func isValueEnd(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x180E, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060,
            0x3000, 0xFEFF:
            return true
        default:
            return c == "]" || c == "}" || c == "," || c == "#"
        }
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

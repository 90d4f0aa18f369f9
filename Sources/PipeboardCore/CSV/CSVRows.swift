import Foundation

/// A CSV file as RFC 4180 has it: fields separated by commas, records by CRLF or LF, and a field in double quotes
/// may hold commas, line breaks and doubled quotes (`""`). Lenient only where nothing can be lost: LF alone ends a
/// record, a UTF-8 byte order mark is skipped, and blank lines are left out. A record that cannot be read is kept
/// with the line it starts on and why, so that nothing is dropped without saying where.
public enum CSVRows {
    public struct Row: Hashable, Sendable {
        /// The 1-based line the record starts on.
        public var line: Int
        public var fields: [String]
        /// Why the record could not be read; nil when it was.
        public var problem: String?
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    public static func parse(_ data: Data) -> [Row] {
        parse([UInt8](data))
    }

    public static func parse(_ bytes: [UInt8]) -> [Row] {
        var rows: [Row] = []
        var reader = Reader(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
        while reader.index < bytes.count {
            let row = reader.record()
            if row.problem == nil, row.fields == [""] { continue }
            rows.append(row)
        }
        return rows
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        mutating func record() -> Row {
            let start = line
            var fields: [String] = []
            var problem: String?
            while true {
                var field: [UInt8] = []
                if peek == CSVRows.quote {
                    index += 1
                    var closed = false
                    while index < bytes.count {
                        let byte = bytes[index]
                        index += 1
                        if byte == CSVRows.quote {
                            if peek == CSVRows.quote {
                                index += 1
                            } else {
                                closed = true
                                break
                            }
                        } else if byte == CSVRows.lf {
                            line += 1
                        }
                        field.append(byte)
                    }
                    if !closed {
                        return Row(
                            line: start, fields: fields,
                            problem: "a quoted field starts here and is never closed (a \" is missing)")
                    }
                    if let next = peek, next != CSVRows.comma, next != CSVRows.lf, next != CSVRows.cr {
                        problem = "text after a closing quote; quote the whole field and double each \" inside it"
                    }
                } else {
                    while let byte = peek, byte != CSVRows.comma, byte != CSVRows.lf, byte != CSVRows.cr {
                        if byte == CSVRows.quote, problem == nil {
                            problem = "a \" inside a field that is not quoted; quote the field and double the \""
                        }
                        field.append(byte)
                        index += 1
                    }
                }
                if let text = String(validating: field, as: UTF8.self) {
                    fields.append(text)
                } else if problem == nil {
                    problem = "field \(fields.count + 1) is not UTF-8 text; save the file as UTF-8"
                }
                if problem != nil {
                    skipLine()
                    return Row(line: start, fields: fields, problem: problem)
                }
                if peek == CSVRows.comma {
                    index += 1
                    continue
                }
                endLine()
                return Row(line: start, fields: fields, problem: nil)
            }
        }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        /// Past the CR, LF or CRLF that ends a record.
        mutating func endLine() {
            if peek == CSVRows.cr { index += 1 }
            if peek == CSVRows.lf { index += 1 }
            line += 1
        }

        /// Past the rest of a line that cannot be read.
        mutating func skipLine() {
            while let byte = peek, byte != CSVRows.lf { index += 1 }
            endLine()
        }
    }
}

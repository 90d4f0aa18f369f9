import Foundation

/// A CSV file read for `pipeboard import`: which column gives which field, each row's fields and its import key,
/// and the rows that cannot be read, with their lines. Pure: the service then checks the rows against the account.
///
/// Columns are matched to fields by name (any case; spaces and dashes count as `_`), or as `--map column=field`
/// says (`--map column=` leaves a column out). The fields are those of `add --set`, `custom.NAME`, `pipeline`,
/// and `id`, the import key. `days_in_stage` and `account` (worked out by `list --format csv`) are left out.
///
/// The import key names the deal a row stands for: its `id` when the file has that column (a `list --format csv`
/// file), else every imported value of the row. The same key always makes the same card id for an account, so a
/// row imported once is found the next time and not made again.
public struct ImportFile: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public var line: Int
        /// Field key to the cell's text, as `add --set` takes them; without `pipeline` and `id`.
        public var input: [String: String]
        public var pipeline: String?
        /// The `id` cell, when the file has that column and the cell is not empty.
        public var id: String?
        public var key: String
    }

    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
        public var description: String { "line \(line): \(reason)" }
    }

    /// A column of the file and the field it gives.
    public struct Column: Hashable, Sendable {
        public var name: String
        public var field: String
    }

    public var rows: [Row]
    public var problems: [Problem]
    /// The columns imported, in the file's order.
    public var columns: [Column]
    /// Columns left out, each with why.
    public var leftOut: [String]

    /// Columns a `list --format csv` file has that are worked out, not set.
    static let derivedColumns: Set = ["days_in_stage", "account"]

    /// Reads the file. Throws when it cannot be imported at all: no header, no column for the name, a `--map` that
    /// names no column or no field, two columns for one field.
    public static func read(_ data: Data, map: [String: String] = [:]) throws -> ImportFile {
        let records = CSVRows.parse(data)
        guard let header = records.first else { throw ImportError("the file is empty; it needs a header line first") }
        if let problem = header.problem { throw ImportError("line \(header.line), the header: \(problem)") }
        let names = header.fields.map(normalized)
        let mapped = Dictionary(map.map { (normalized($0.key), $0.value) }, uniquingKeysWith: { _, last in last })
        for column in mapped.keys.sorted() where !names.contains(column) {
            throw ImportError(
                "--map names no column '\(column)'; the columns are \(header.fields.joined(separator: ", "))")
        }
        var fields: [String?] = []
        var leftOut: [String] = []
        for (index, name) in names.enumerated() {
            let column = header.fields[index]
            if let field = mapped[name] {
                let wanted = field.trimmingCharacters(in: .whitespaces)
                if wanted.isEmpty {
                    fields.append(nil)
                    leftOut.append("\(column) (--map \(column)=)")
                    continue
                }
                guard isField(wanted) else {
                    throw ImportError("--map \(column)=\(wanted): no such field; \(fieldsSentence)")
                }
                fields.append(wanted)
            } else if derivedColumns.contains(name) {
                fields.append(nil)
                leftOut.append("\(column) (worked out, not set)")
            } else if isField(name) {
                fields.append(name)
            } else {
                fields.append(nil)
                leftOut.append("\(column) (no such field; --map '\(column)=FIELD' imports it)")
            }
        }
        var seen: [String: String] = [:]
        for (index, field) in fields.enumerated() {
            guard let field else { continue }
            if let other = seen[field] {
                let column = header.fields[index]
                throw ImportError(
                    "columns \(other) and \(column) both give \(field); "
                        + "--map one of them to another field or to nothing (--map '\(column)=')")
            }
            seen[field] = header.fields[index]
        }
        guard seen["name"] != nil else {
            let columns = header.fields.joined(separator: ", ")
            throw ImportError("no column gives the name; name one with --map COLUMN=name (the columns are \(columns))")
        }
        let columns = fields.enumerated().compactMap { index, field in
            field.map { Column(name: header.fields[index], field: $0) }
        }
        var file = ImportFile(rows: [], problems: [], columns: columns, leftOut: leftOut)
        for record in records.dropFirst() {
            if let problem = record.problem {
                file.problems.append(Problem(line: record.line, reason: problem))
                continue
            }
            guard record.fields.count == fields.count else {
                file.problems.append(
                    Problem(
                        line: record.line,
                        reason: "\(record.fields.count) fields where the header has \(fields.count)"))
                continue
            }
            file.rows.append(row(record, fields: fields))
        }
        return file
    }

    static func row(_ record: CSVRows.Row, fields: [String?]) -> Row {
        var input: [String: String] = [:]
        var pipeline: String?
        var id: String?
        for (field, text) in zip(fields, record.fields) {
            guard let field else { continue }
            let value = text.trimmingCharacters(in: .whitespaces)
            switch field {
            case "pipeline": pipeline = value.isEmpty ? nil : value
            case "id": id = value.isEmpty ? nil : value.lowercased()
            default: input[field] = value
            }
        }
        let values = input.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let key =
            id.map { "id:" + $0 } ?? "row:"
            + ([pipeline.map { "pipeline=\($0)" }].compactMap { $0 } + values)
            .joined(separator: "\u{1F}")
        return Row(line: record.line, input: input, pipeline: pipeline, id: id, key: key)
    }

    static func normalized(_ column: String) -> String {
        let trimmed = column.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased().hasPrefix("custom.") { return "custom." + trimmed.dropFirst("custom.".count) }
        return String(trimmed.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// A field key in form: the account's own fields are checked when the rows are.
    static func isField(_ key: String) -> Bool {
        if key.hasPrefix("custom.") { return key.count > "custom.".count }
        return !key.isEmpty && key.allSatisfy { ($0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "_" }
    }

    static let fieldsSentence =
        "fields are name, value, currency, contact, company, stage, status, email, phone, owner, close_date, source, "
        + "probability, tags, pipeline, id, a provider's own fields and custom.NAME"
}

/// Why a file cannot be imported at all.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension UUID {
    /// The card id an import key makes in an account: the same key, the same id, so a second import of a row
    /// finds the card the first made. Two 64-bit FNV-1a hashes, as a version 8 (custom) UUID.
    public static func imported(key: String, account: String) -> UUID {
        let text = Array((account + "\u{1E}" + key).utf8)
        func fnv(_ basis: UInt64) -> UInt64 {
            text.reduce(basis) { hash, byte in (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        let high = fnv(0xCBF2_9CE4_8422_2325), low = fnv(0x8422_2325_CBF2_9CE4 ^ UInt64(text.count))
        var bytes = withUnsafeBytes(of: high.bigEndian, Array.init) + withUnsafeBytes(of: low.bigEndian, Array.init)
        bytes[6] = (bytes[6] & 0x0F) | 0x80 // version 8
        bytes[8] = (bytes[8] & 0x3F) | 0x80 // RFC 4122 variant
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}

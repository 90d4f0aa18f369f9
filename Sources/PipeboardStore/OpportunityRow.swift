import Foundation
import GRDB
import PipeboardCore

/// Maps `Opportunity` to and from the `opportunity` table by hand, so Core stays free of GRDB and the
/// bulk insert can bind plain values to one prepared statement.
enum OpportunityRow {
    /// Every column, in the order of `values(for:)`.
    static let columns = [
        "id", "account", "remote_id", "pipeline_id", "stage_id", "rank", "name", "value_micros", "currency",
        "status", "provider_status", "contact_name", "company_name", "email", "phone", "owner", "close_date",
        "source", "probability", "tags", "custom_fields", "created_at", "updated_at", "stage_changed_at", "raw",
        "status_changed_at",
    ]

    /// The select list, qualified with `table` when a query joins other tables.
    static func selection(_ table: String = "opportunity") -> String {
        columns.map { "\(table).\($0)" }.joined(separator: ", ")
    }

    static let insertSQL =
        "INSERT INTO opportunity (\(columns.joined(separator: ", "))) VALUES "
        + "(\(columns.map { _ in "?" }.joined(separator: ", ")))"

    /// Replaces every column but the id, so an update never leaves a stale field behind. A row changed here is no
    /// longer the provider's record (see `Schema.letThePulledRowBeTheBase`).
    static let updateSQL =
        "UPDATE opportunity SET \(columns.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")), "
        + "row_is_base = 0 WHERE id = ?"

    /// `insertSQL` and `updateSQL` for a record as pulled, which is its own base.
    static let pulledInsertSQL =
        "INSERT INTO opportunity (\(columns.joined(separator: ", ")), row_is_base) "
        + "VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")), 1)"
    static let pulledUpdateSQL =
        "UPDATE opportunity SET \(columns.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")), "
        + "row_is_base = 1 WHERE id = ?"

    /// The ids are stored as lowercased UUID text: readable in the sqlite shell and matched by prefix.
    /// Spelled out here: `uuidString` formats through `sprintf` and `lowercased()` copies again, a few percent of a
    /// pull's merge, which keys every card it writes.
    static func key(_ id: UUID) -> String {
        let hex: StaticString = "0123456789abcdef"
        return withUnsafeBytes(of: id.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var at = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 { text[at] = UInt8(ascii: "-"); at += 1 }
                    text[at] = hex.utf8Start[Int(byte >> 4)]
                    text[at + 1] = hex.utf8Start[Int(byte & 0x0F)]
                    at += 2
                }
                return at
            }
        }
    }

    /// The id a key stands for: `key(_:)` read back without `UUID(uuidString:)`, which scans the text with
    /// `sscanf` (a tenth of a read of 100k cards). Any other spelling goes through Foundation.
    static func id(fromKey key: String) -> UUID? {
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = key.utf8.withContiguousStorageIfAvailable { text -> Bool in
            guard text.count == 36 else { return false }
            return withUnsafeMutableBytes(of: &bytes) { out in
                var at = 0
                for index in 0..<16 {
                    if at == 8 || at == 13 || at == 18 || at == 23 {
                        guard text[at] == UInt8(ascii: "-") else { return false }
                        at += 1
                    }
                    guard let high = hexDigit(text[at]), let low = hexDigit(text[at + 1]) else { return false }
                    out[index] = high << 4 | low
                    at += 2
                }
                return true
            }
        }
        return parsed == true ? UUID(uuid: bytes) : UUID(uuidString: key)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func arguments(for opportunity: Opportunity) -> StatementArguments {
        StatementArguments(values(for: opportunity))
    }

    static func updateArguments(for opportunity: Opportunity) -> StatementArguments {
        StatementArguments(updateValues(for: opportunity))
    }

    /// The values of `updateSQL`: every column but the id, then the id.
    static func updateValues(for opportunity: Opportunity) -> [DatabaseValue] {
        var values = values(for: opportunity)
        values.append(values.removeFirst())
        return values
    }

    /// The row's values in `columns` order, as SQLite storage values (no existential boxes: the bulk insert
    /// calls this once per card).
    static func values(for opportunity: Opportunity) -> [DatabaseValue] {
        [
            key(opportunity.id).databaseValue, opportunity.account.databaseValue, opportunity.remoteID.databaseValue,
            opportunity.pipelineID.databaseValue, opportunity.stageID.databaseValue, opportunity.rank.databaseValue,
            opportunity.name.databaseValue, opportunity.value?.micros.databaseValue ?? .null,
            opportunity.value?.currency.databaseValue ?? .null, opportunity.status.rawValue.databaseValue,
            opportunity.providerStatus.databaseValue, opportunity.contactName.databaseValue,
            opportunity.companyName.databaseValue, opportunity.email.databaseValue, opportunity.phone.databaseValue,
            opportunity.owner.databaseValue, opportunity.closeDate.databaseValue, opportunity.source.databaseValue,
            opportunity.probability.databaseValue, JSONColumn.encode(opportunity.tags).databaseValue,
            JSONColumn.encode(opportunity.customFields).databaseValue,
            DateColumn.encode(opportunity.createdAt).databaseValue,
            DateColumn.encode(opportunity.updatedAt).databaseValue,
            DateColumn.encode(opportunity.stageChangedAt).databaseValue, opportunity.raw.databaseValue,
            opportunity.statusChangedAt.map(DateColumn.encode)?.databaseValue ?? .null,
        ]
    }

    /// Reads a row selected with `selection()`. Throws rather than guessing when the disk holds nonsense.
    static func decode(_ row: Row) throws -> Opportunity {
        let idText: String = try row.checked("id")
        guard let id = id(fromKey: idText) else { throw StoreError.corrupt("opportunity id \"\(idText)\"") }
        let statusText: String = try row.checked("status")
        guard let status = OpportunityStatus(rawValue: statusText) else {
            throw StoreError.corrupt("status \"\(statusText)\" on opportunity \(idText)")
        }
        let micros: Int64? = try row.checked("value_micros")
        let currency: String? = try row.checked("currency")
        let value: Money?
        switch (micros, currency) {
        case let (micros?, currency?): value = Money(micros: micros, currency: currency)
        case (nil, nil): value = nil
        default: throw StoreError.corrupt("value without a currency (or the reverse) on opportunity \(idText)")
        }
        guard let tags = try JSONColumn.decodeTags(row.checked("tags")),
            let customFields = try JSONColumn.decodeFields(row.checked("custom_fields"))
        else { throw StoreError.corrupt("tags or custom fields on opportunity \(idText)") }
        return try Opportunity(
            id: id, account: row.checked("account"), remoteID: row.checked("remote_id"),
            pipelineID: row.checked("pipeline_id"),
            stageID: row.checked("stage_id"), rank: row.checked("rank"), name: row.checked("name"), value: value,
            status: status,
            providerStatus: row.checked("provider_status"), contactName: row.checked("contact_name"),
            companyName: row.checked("company_name"),
            email: row.checked("email"), phone: row.checked("phone"), owner: row.checked("owner"),
            closeDate: row.checked("close_date"),
            source: row.checked("source"), probability: row.checked("probability"), tags: tags,
            customFields: customFields,
            createdAt: DateColumn.decode(row.checked("created_at")),
            updatedAt: DateColumn.decode(row.checked("updated_at")),
            stageChangedAt: DateColumn.decode(row.checked("stage_changed_at")),
            statusChangedAt: (row.checked("status_changed_at") as Double?).map(DateColumn.decode),
            raw: row.checked("raw")
        )
    }

    /// `decode(_:)` for a row of exactly `selection()`, by position: no column name is looked up (a list of 100k
    /// cards reads 2.6M values).
    static func decode(atPositions row: Row) throws -> Opportunity {
        let idText: String = try row.checked(at: 0)
        guard let id = id(fromKey: idText) else { throw StoreError.corrupt("opportunity id \"\(idText)\"") }
        let statusText: String = try row.checked(at: 9)
        guard let status = OpportunityStatus(rawValue: statusText) else {
            throw StoreError.corrupt("status \"\(statusText)\" on opportunity \(idText)")
        }
        let micros: Int64? = try row.nullable(at: 7)
        let currency: String? = try row.nullable(at: 8)
        let value: Money?
        switch (micros, currency) {
        case let (micros?, currency?): value = Money(micros: micros, currency: currency)
        case (nil, nil): value = nil
        default: throw StoreError.corrupt("value without a currency (or the reverse) on opportunity \(idText)")
        }
        guard let tags = JSONColumn.decodeTags(try row.checked(at: 19)),
            let customFields = JSONColumn.decodeFields(try row.checked(at: 20))
        else { throw StoreError.corrupt("tags or custom fields on opportunity \(idText)") }
        return try Opportunity(
            id: id, account: row.checked(at: 1), remoteID: row.nullable(at: 2), pipelineID: row.checked(at: 3),
            stageID: row.checked(at: 4), rank: row.checked(at: 5), name: row.checked(at: 6), value: value,
            status: status, providerStatus: row.nullable(at: 10), contactName: row.nullable(at: 11),
            companyName: row.nullable(at: 12), email: row.nullable(at: 13), phone: row.nullable(at: 14),
            owner: row.nullable(at: 15), closeDate: row.nullable(at: 16), source: row.nullable(at: 17),
            probability: row.nullable(at: 18), tags: tags, customFields: customFields,
            createdAt: DateColumn.decode(row.checked(at: 21)), updatedAt: DateColumn.decode(row.checked(at: 22)),
            stageChangedAt: DateColumn.decode(row.checked(at: 23)),
            statusChangedAt: (try row.nullable(at: 25) as Double?).map(DateColumn.decode), raw: row.nullable(at: 24))
    }

    /// The cards a query selecting exactly `selection()` finds.
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Opportunity] {
        var result: [Opportunity] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() { result.append(try decode(atPositions: row)) }
        return result
    }

    static func fetchOne(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> Opportunity? {
        try Row.fetchOne(db, sql: sql, arguments: arguments).map { try decode($0) }
    }

    static func fetchOne(_ db: Database, id: UUID) throws -> Opportunity? {
        try fetchOne(db, sql: "SELECT \(selection()) FROM opportunity WHERE id = ?", arguments: [key(id)])
    }

    static func fetchOne(_ db: Database, account: String, remoteID: String) throws -> Opportunity? {
        try fetchOne(
            db, sql: "SELECT \(selection()) FROM opportunity WHERE account = ? AND remote_id = ?",
            arguments: [account, remoteID])
    }
}

/// Dates as REAL seconds since Foundation's reference date: exact, see `Schema`.
enum DateColumn {
    static func encode(_ date: Date) -> Double { date.timeIntervalSinceReferenceDate }
    static func decode(_ seconds: Double) -> Date { Date(timeIntervalSinceReferenceDate: seconds) }
}

/// Tags and custom fields as JSON text. Empty values skip the encoder: most cards have none, and the
/// bulk insert of a full pull should not pay for a JSONEncoder per row.
enum JSONColumn {
    static func encode(_ tags: [String]) -> String {
        tags.isEmpty ? "[]" : encodeNonEmpty(tags)
    }

    static func encode(_ fields: [String: String]) -> String {
        fields.isEmpty ? "{}" : encodeNonEmpty(fields)
    }

    /// Encoding strings cannot fail; the fallback only satisfies the compiler.
    private static func encodeNonEmpty<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeTags(_ text: String) -> [String]? {
        text == "[]" ? [] : try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    static func decodeFields(_ text: String) -> [String: String]? {
        text == "{}" ? [:] : try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }
}

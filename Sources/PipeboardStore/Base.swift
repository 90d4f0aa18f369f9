import Foundation
import GRDB
import PipeboardCore

/// The base of a card: the provider's record as last pulled (or as it became when a change of ours was
/// delivered). Before a change is sent, the provider's current record is compared with it field by field, so a
/// conflict is found from the provider's own values and never from clocks.
///
/// A card as last pulled is its own base (`row_is_base`): the pull writes no copy. The copy goes into `base` when
/// the row first changes here (`update`, `delete`), before the change, so the base is still what the provider had.
/// A row in `base` wins over the flag.
extension CacheStore {
    package func base(opportunityID: UUID) throws -> Opportunity? {
        try read { try BaseRow.fetch($0, opportunityID: opportunityID) }
    }
}

extension StoreWriter {
    package func base(opportunityID: UUID) throws -> Opportunity? {
        try BaseRow.fetch(db, opportunityID: opportunityID)
    }

    package func saveBase(_ record: Opportunity) throws {
        try db.cachedStatement(sql: BaseRow.saveSQL).execute(
            arguments: StatementArguments(try BaseRow.values(for: record)))
    }

    package func removeBase(opportunityID: UUID) throws {
        let key = OpportunityRow.key(opportunityID)
        try db.execute(sql: "DELETE FROM base WHERE opportunity_id = ?", arguments: [key])
        try db.execute(sql: "UPDATE opportunity SET row_is_base = 0 WHERE id = ? AND row_is_base = 1", arguments: [key])
    }

    /// Before a card that is its own base changes or goes: copies the row into `base` (unless a base row is there
    /// already) and clears the flag.
    func keepPulledBase(opportunityID: UUID) throws {
        let key = OpportunityRow.key(opportunityID)
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT \(OpportunityRow.selection()),
                               EXISTS (SELECT 1 FROM base WHERE opportunity_id = opportunity.id) AS kept
                        FROM opportunity WHERE id = ? AND row_is_base = 1
                        """), arguments: [key])
        else { return }
        if try !row.checked("kept") { try saveBase(try OpportunityRow.decode(row)) }
        try db.execute(sql: "UPDATE opportunity SET row_is_base = 0 WHERE id = ?", arguments: [key])
    }
}

/// JSON of an `Opportunity`, with dates as Foundation holds them so they round-trip exactly.
///
/// Without the provider's raw text: nothing reads a base's `raw` (conflicts, discarding and taking theirs compare
/// and restore fields), the card's own row keeps the record as received, and a pull wrote every record's raw text
/// twice, the base's copy escaped once more inside a JSON string (more than half the bytes a pull wrote).
enum BaseRow {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .deferredToDate
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .deferredToDate
        return decoder
    }()

    /// Cached by its users: a pull saves one base per record.
    static let saveSQL = """
        INSERT INTO base (opportunity_id, record) VALUES (?, ?)
        ON CONFLICT (opportunity_id) DO UPDATE SET record = excluded.record
        """

    /// The values of `saveSQL`.
    static func values(for record: Opportunity) throws -> [DatabaseValue] {
        [OpportunityRow.key(record.id).databaseValue, try encode(record).databaseValue]
    }

    static func encode(_ record: Opportunity) throws -> String {
        // JSON has no NaN or infinity: JSONEncoder's error says so, BaseJSON would have to guess.
        if BaseJSON.canWrite(record) { return BaseJSON.encode(record) }
        var withoutRaw = record
        withoutRaw.raw = nil
        return String(decoding: try encoder.encode(withoutRaw), as: UTF8.self)
    }

    static func fetch(_ db: Database, opportunityID: UUID) throws -> Opportunity? {
        guard
            let text = try String.fetchOne(
                db, sql: "SELECT record FROM base WHERE opportunity_id = ?",
                arguments: [OpportunityRow.key(opportunityID)])
        else {
            return try OpportunityRow.fetchOne(
                db, sql: "SELECT \(OpportunityRow.selection()) FROM opportunity WHERE id = ? AND row_is_base = 1",
                arguments: [OpportunityRow.key(opportunityID)])
        }
        guard let record = try? decoder.decode(Opportunity.self, from: Data(text.utf8)) else {
            throw StoreError.corrupt("base of opportunity \(OpportunityRow.key(opportunityID))")
        }
        return record
    }
}

import GRDB

/// What a kept copy of the cards (`SearchMirror`) needs to stay current across every connection and process that
/// writes the cache: the rowid of each card row inserted, updated or deleted (`card_change`, in commit order, as
/// SQLite has one writer at a time), and an epoch (`card_change_epoch`) that a bulk write changes instead of noting
/// each row, which makes every kept copy build anew. The log keeps only its latest `kept` entries: a copy further
/// behind builds anew too.
///
/// Written by the store's writer beside each card write (`StoreWriter`, the merge of a pull), not by triggers: a
/// table with triggers gives every single-row write a statement journal (`StageTotalsTally`).
enum CardChangeLog {
    /// Entries kept; a copy that missed more of them is built again (about a second at 1M cards).
    static let kept: Int64 = 20_000
    /// The log is trimmed when its sequence reaches a multiple of this, one range delete per so many writes.
    static let trimEvery: Int64 = 1_000

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE card_change (
                    seq INTEGER PRIMARY KEY,   -- in commit order; never reused while the epoch stays
                    card INTEGER NOT NULL      -- the opportunity's rowid
                );
                CREATE TABLE card_change_epoch (epoch INTEGER NOT NULL);
                INSERT INTO card_change_epoch VALUES (random());
                """)
    }

    /// Notes that the card row `rowID` was inserted, updated or deleted in this transaction.
    static func note(_ db: Database, rowID: Int64) throws {
        try db.cachedStatement(sql: "INSERT INTO card_change (card) VALUES (?)").execute(arguments: [rowID])
        try trimIfDue(db)
    }

    /// Notes the card row with this id (`OpportunityRow.key`), when there is one.
    static func note(_ db: Database, key: String) throws {
        try db.cachedStatement(sql: "INSERT INTO card_change (card) SELECT rowid FROM opportunity WHERE id = ?")
            .execute(arguments: [key])
        if db.changesCount > 0 { try trimIfDue(db) }
    }

    /// After an entry was added: one range delete every `trimEvery` entries keeps the latest `kept`.
    private static func trimIfDue(_ db: Database) throws {
        let seq = db.lastInsertedRowID
        guard seq % trimEvery == 0 else { return }
        try db.cachedStatement(sql: "DELETE FROM card_change WHERE seq <= ?").execute(arguments: [seq - kept])
    }

    /// After a write that changed cards without noting them (a bulk fill, a rebuild, a migration): every kept copy
    /// builds anew. The log's entries are of no use to anyone then.
    static func newEpoch(_ db: Database) throws {
        try db.execute(sql: "UPDATE card_change_epoch SET epoch = random(); DELETE FROM card_change")
    }

    /// Where the log stands in this transaction's snapshot.
    struct Mark: Equatable {
        var epoch: Int64
        /// The latest entry (0: none).
        var seq: Int64
        /// The earliest entry still kept (0: none).
        var first: Int64
    }

    static func mark(_ db: Database) throws -> Mark {
        let epoch = try Int64.fetchOne(db.cachedStatement(sql: "SELECT epoch FROM card_change_epoch")) ?? 0
        // Two lookups at the ends of the key: a query with both MIN and MAX would read every entry.
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT (SELECT MAX(seq) FROM card_change) AS last, (SELECT MIN(seq) FROM card_change) AS first
                    """))
        return Mark(epoch: epoch, seq: row?["last"] ?? 0, first: row?["first"] ?? 0)
    }

    /// The cards changed after `seq`, each once.
    static func cards(_ db: Database, after seq: Int64) throws -> [Int64] {
        try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT DISTINCT card FROM card_change WHERE seq > ? ORDER BY card"),
            arguments: [seq])
    }
}

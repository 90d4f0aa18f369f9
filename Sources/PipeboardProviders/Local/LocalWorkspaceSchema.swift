import Foundation
import GRDB
import PipeboardCore

/// The local workspace's own file: deals one column a field (`LocalDealRow`), their repeated texts once
/// (`LocalTexts`); pipelines, notes and tasks as one JSON document each. Released migrations are never edited: a
/// change is a new one.
enum LocalWorkspaceSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE local_pipeline (id TEXT PRIMARY KEY, position INTEGER NOT NULL, json TEXT NOT NULL);
                    CREATE TABLE local_opportunity (
                        id TEXT PRIMARY KEY, pipeline_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL);
                    CREATE INDEX local_opportunity_pull ON local_opportunity (pipeline_id, seq);
                    CREATE INDEX local_opportunity_seq ON local_opportunity (seq);
                    """)
        }
        // Notes and tasks, keyed by their own ids and found by their deal's id; `done` for the bulk read of open ones.
        migrator.registerMigration("v2-notes-and-tasks") { db in
            try db.execute(
                sql: """
                    CREATE TABLE local_note (id TEXT PRIMARY KEY, deal_id TEXT NOT NULL, json TEXT NOT NULL);
                    CREATE INDEX local_note_deal ON local_note (deal_id);
                    CREATE TABLE local_task (
                        id TEXT PRIMARY KEY, deal_id TEXT NOT NULL, done INTEGER NOT NULL, json TEXT NOT NULL);
                    CREATE INDEX local_task_deal ON local_task (deal_id, done);
                    """)
        }
        migrator.registerMigration("v3-deals-as-columns", migrate: keepDealsAsColumns)
        migrator.registerMigration("v4-dates-in-milliseconds", migrate: keepDatesInMilliseconds)
        migrator.registerMigration("v5-compact-deals", migrate: keepDealsCompact)
        // Where the file was last compact (`LocalWorkspaceCompaction`): now.
        migrator.registerMigration("v6-compaction-mark") { db in
            try db.execute(
                sql: """
                    CREATE TABLE local_compaction (change_number INTEGER NOT NULL, deals INTEGER NOT NULL);
                    INSERT INTO local_compaction
                    SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'local_deal'), 0),
                           (SELECT COUNT(*) FROM local_deal);
                    """)
        }
        return migrator
    }

    /// A deal was a JSON document with every key spelled out (about 770 bytes a deal with its indexes); as columns,
    /// with its id as 16 bytes and its change number as the row id, it takes about a third of that, and a pull
    /// reads it without a JSON decoder. Deals keep their change order; the file shrinks with `VACUUM` after this.
    private static func keepDealsAsColumns(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE local_deal (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- the change number: every write takes the next
                    id BLOB NOT NULL UNIQUE,                -- the deal's local id, 16 bytes
                    pipeline_id TEXT NOT NULL,
                    stage_id TEXT NOT NULL,
                    rank INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    value_micros INTEGER,
                    currency TEXT,
                    status TEXT NOT NULL,
                    provider_status TEXT,
                    contact_name TEXT,
                    company_name TEXT,
                    email TEXT,
                    phone TEXT,
                    owner TEXT,
                    close_date TEXT,
                    source TEXT,
                    probability REAL,
                    tags TEXT,                              -- JSON list, NULL when none
                    custom_fields TEXT,                     -- JSON object, NULL when none
                    created_at REAL NOT NULL,               -- seconds since 2001-01-01, as Date holds them
                    updated_at REAL NOT NULL,
                    stage_changed_at REAL NOT NULL,
                    status_changed_at REAL,
                    raw TEXT
                );
                CREATE INDEX local_deal_pull ON local_deal (pipeline_id, seq);
                """)
        let save = try db.makeStatement(sql: LocalDealRowV4.saveSQL)
        let documents = try String.fetchCursor(db, sql: "SELECT json FROM local_opportunity ORDER BY seq")
        while let json = try documents.next() {
            var deal = try decoder.decode(Opportunity.self, from: Data(json.utf8))
            // Every deal here was given its local id as its remote id; one that was not would lose its link.
            guard deal.remoteID == nil || deal.remoteID == deal.id.uuidString.lowercased() else {
                throw ProviderError.invalidResponse(
                    "deal \(deal.remoteID ?? "") in the local workspace has an id of another form")
            }
            deal.remoteID = nil
            // As this version kept dates: seconds since 2001 (the next migration turns them into milliseconds).
            try save.execute(arguments: LocalDealRowV4.arguments(for: deal) { $0.timeIntervalSinceReferenceDate })
        }
        try db.execute(sql: "DROP TABLE local_opportunity")
    }

    /// Dates were kept bit for bit while the cache's undo steps keep them to the millisecond: a card moved and moved
    /// back could come back a fraction of a millisecond off the time the workspace gave it. As whole milliseconds
    /// since 1970 (what the providers give) every copy agrees, and an integer takes 6 bytes where a REAL took 8.
    private static func keepDatesInMilliseconds(_ db: Database) throws {
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'local_deal'")
        try db.execute(
            sql: """
                DROP INDEX local_deal_pull;
                ALTER TABLE local_deal RENAME TO local_deal_v3;
                CREATE TABLE local_deal (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- the change number: every write takes the next
                    id BLOB NOT NULL UNIQUE,                -- the deal's local id, 16 bytes
                    pipeline_id TEXT NOT NULL,
                    stage_id TEXT NOT NULL,
                    rank INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    value_micros INTEGER,
                    currency TEXT,
                    status TEXT NOT NULL,
                    provider_status TEXT,
                    contact_name TEXT,
                    company_name TEXT,
                    email TEXT,
                    phone TEXT,
                    owner TEXT,
                    close_date TEXT,
                    source TEXT,
                    probability REAL,
                    tags TEXT,                              -- JSON list, NULL when none
                    custom_fields TEXT,                     -- JSON object, NULL when none
                    created_at INTEGER NOT NULL,            -- milliseconds since 1970
                    updated_at INTEGER NOT NULL,
                    stage_changed_at INTEGER NOT NULL,
                    status_changed_at INTEGER,
                    raw TEXT
                );
                INSERT INTO local_deal
                SELECT seq, id, pipeline_id, stage_id, rank, name, value_micros, currency, status, provider_status,
                       contact_name, company_name, email, phone, owner, close_date, source, probability, tags,
                       custom_fields, \(milliseconds("created_at")), \(milliseconds("updated_at")),
                       \(milliseconds("stage_changed_at")), \(milliseconds("status_changed_at")), raw
                FROM local_deal_v3 ORDER BY seq;
                DROP TABLE local_deal_v3;
                CREATE INDEX local_deal_pull ON local_deal (pipeline_id, seq);
                """)
        // Change numbers go on from where they were, past deals deleted since too.
        if let sequence {
            try db.execute(
                sql: """
                    DELETE FROM sqlite_sequence WHERE name = 'local_deal';
                    INSERT INTO sqlite_sequence (name, seq) VALUES ('local_deal', ?);
                    """, arguments: [sequence])
        }
    }

    /// The workspace is the user's copy of their deals beside the cache's: about 250 bytes a deal as plain columns,
    /// about 170 as `LocalDealRow` keeps them (repeated texts as numbers, days and whole units as integers, times as
    /// the milliseconds after the one before). No pull index: a pull walks the change numbers, as the row ids, and
    /// skips other pipelines' deals. Deals keep their change numbers; the file shrinks with `VACUUM` after this.
    private static func keepDealsCompact(_ db: Database) throws {
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'local_deal'")
        try db.execute(
            sql: """
                DROP INDEX local_deal_pull;
                ALTER TABLE local_deal RENAME TO local_deal_v4;
                CREATE TABLE local_text (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
                CREATE TABLE local_deal (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- the change number: every write takes the next
                    id BLOB NOT NULL UNIQUE,                -- the deal's local id, 16 bytes
                    pipeline INTEGER NOT NULL,              -- local_text
                    stage INTEGER NOT NULL,                 -- local_text
                    rank INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    value,                                  -- whole units (INTEGER), else micros (TEXT)
                    currency INTEGER,                       -- local_text
                    status INTEGER NOT NULL,                -- LocalDealRow.statuses
                    provider_status TEXT,
                    contact_name TEXT,
                    company INTEGER,                        -- local_text
                    email TEXT,
                    phone TEXT,
                    owner INTEGER,                          -- local_text
                    close_date,                             -- days since 1970 (INTEGER), else as given (TEXT)
                    source INTEGER,                         -- local_text
                    probability REAL,
                    tags TEXT,                              -- JSON list, NULL when none
                    custom_fields TEXT,                     -- JSON object, NULL when none
                    created_at INTEGER NOT NULL,            -- milliseconds since 1970
                    updated_after_created INTEGER NOT NULL, -- milliseconds
                    stage_changed_after_updated INTEGER NOT NULL,
                    status_changed_after_stage_changed INTEGER,
                    raw TEXT
                );
                """)
        let save = try db.makeStatement(sql: LocalDealRow.saveNumberedSQL)
        var texts = LocalTexts()
        let rows = try Row.fetchCursor(
            db, sql: "SELECT \(LocalDealRowV4.columns), seq FROM local_deal_v4 ORDER BY seq")
        while let row = try rows.next() {
            let deal = try LocalDealRowV4.decode(row)
            let seq: Int64 = row[24]
            try save.execute(arguments: [seq] + LocalDealRow.arguments(for: deal, texts: &texts, in: db))
        }
        try db.execute(sql: "DROP TABLE local_deal_v4")
        // Change numbers go on from where they were, past deals deleted since too.
        if let sequence {
            try db.execute(
                sql: """
                    DELETE FROM sqlite_sequence WHERE name = 'local_deal';
                    INSERT INTO sqlite_sequence (name, seq) VALUES ('local_deal', ?);
                    """, arguments: [sequence])
        }
    }

    /// SQL for a REAL of seconds since 2001 as whole milliseconds since 1970, rounded as `Date` rounds them.
    private static func milliseconds(_ column: String) -> String {
        "CAST(round((\(column) + \(Date.timeIntervalBetween1970AndReferenceDate)) * 1000) AS INTEGER)"
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()
}

import Foundation
import GRDB
import PipeboardCore

/// The local workspace's own file: deals one column a field (`LocalDealRow`); pipelines, notes and tasks as one
/// JSON document each. Released migrations are never edited: a change is a new one.
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
        let save = try db.makeStatement(sql: LocalDealRow.saveSQL)
        let documents = try String.fetchCursor(db, sql: "SELECT json FROM local_opportunity ORDER BY seq")
        while let json = try documents.next() {
            var deal = try decoder.decode(Opportunity.self, from: Data(json.utf8))
            // Every deal here was given its local id as its remote id; one that was not would lose its link.
            guard deal.remoteID == nil || deal.remoteID == deal.id.uuidString.lowercased() else {
                throw ProviderError.invalidResponse(
                    "deal \(deal.remoteID ?? "") in the local workspace has an id of another form")
            }
            deal.remoteID = nil
            try save.execute(arguments: LocalDealRow.arguments(for: deal))
        }
        try db.execute(sql: "DROP TABLE local_opportunity")
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

import Foundation
import GRDB

/// The local workspace's own file: one JSON document per record, with the columns a pull needs.
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
        return migrator
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

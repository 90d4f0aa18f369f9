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

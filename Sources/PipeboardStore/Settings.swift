import GRDB

/// Small values the app remembers between runs (last account, last pipeline, sync cursors).
extension CacheStore {
    package func setting(_ key: String) throws -> String? {
        try read { try String.fetchOne($0, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    /// Every setting whose key starts with `prefix`, by the rest of its key.
    package func settings(prefix: String) throws -> [String: String] {
        try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT key, value FROM setting WHERE substr(key, 1, ?) = ?",
                arguments: [prefix.unicodeScalars.count, prefix])
            var found: [String: String] = [:]
            for row in rows {
                let key: String = row["key"]
                found[String(key.unicodeScalars.dropFirst(prefix.unicodeScalars.count))] = row["value"]
            }
            return found
        }
    }
}

extension StoreWriter {
    /// Stores `value` under `key`; nil deletes the key.
    package func setSetting(_ key: String, _ value: String?) throws {
        if let value {
            try db.execute(
                sql: """
                    INSERT INTO setting (key, value) VALUES (?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """, arguments: [key, value])
        } else {
            try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key])
        }
    }
}

import GRDB

/// Small values the app remembers between runs (last account, last pipeline, sync cursors).
extension CacheStore {
    public func setting(_ key: String) throws -> String? {
        try read { try String.fetchOne($0, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }
}

extension StoreWriter {
    /// Stores `value` under `key`; nil deletes the key.
    public func setSetting(_ key: String, _ value: String?) throws {
        if let value {
            try db.execute(sql: """
                INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, arguments: [key, value])
        } else {
            try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key])
        }
    }
}

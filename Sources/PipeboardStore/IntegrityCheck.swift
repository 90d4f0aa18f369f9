import Foundation
import GRDB

/// SQLite's own check of a database file (the cache, a local workspace), opened read-only so that checking
/// changes nothing (`pipeboard doctor`).
package enum IntegrityCheck {
    /// SQLite's complaints, at most `limit`; empty when the file is sound. Throws when the file cannot be opened
    /// or is no database at all.
    package static func problems(inFile path: String, limit: Int = 10) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let lines = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check(\(limit))") }
            return lines == ["ok"] ? [] : lines
        } catch let error as DatabaseError {
            throw StoreError(error, location: path)
        }
    }
}

import Foundation
import GRDB

/// What `CacheStore.rebuild` kept from the old file and where that file went.
package struct RebuildReport: Hashable, Sendable {
    /// Queued changes (outbox entries) carried into the new cache.
    package var keptChanges = 0
    /// Cards carried over because a queued change refers to them.
    package var keptCards = 0
    package var keptHistory = 0
    /// Changes of the deals' history (it cannot be pulled again).
    package var keptDealChanges = 0
    /// The old file, moved aside (nil when there was none).
    package var backup: String?
    /// What could not be read from the old file, one sentence each.
    package var unreadable: [String] = []
    package init() {}
}

extension CacheStore {
    /// Replaces the cache at `path` with a fresh one that keeps what only this machine knows: every queued change,
    /// the cards those changes refer to, the undo history, the deals' history and the settings, as far as the old
    /// file can be read.
    /// Everything else is for the caller to pull again from the providers. The old file is kept beside the new
    /// one (`cache.sqlite.old-<time>`). Refuses while another pipeboard has the cache open (see `CacheUseLock`).
    package static func rebuild(at path: String, now: Date = Date()) throws -> (CacheStore, RebuildReport) {
        try checkFolder(of: path)
        guard let soleUse = try CacheUseLock.exclusive(cache: path) else {
            throw StoreError(.busy, "The cache at \(path) is open in another pipeboard; quit it, then rebuild again.")
        }
        var report = RebuildReport()
        let temporary = path + ".rebuilding"
        removeDatabaseFiles(temporary)
        do {
            let fresh = try DatabaseQueue(path: temporary, configuration: configuration)
            try Schema.migrator.migrate(fresh)
            if FileManager.default.fileExists(atPath: path) {
                try salvage(from: path, into: fresh, report: &report)
            }
            try fresh.close()
        } catch let error as DatabaseError {
            removeDatabaseFiles(temporary)
            throw StoreError(error, location: temporary)
        } catch {
            removeDatabaseFiles(temporary)
            throw error
        }
        if FileManager.default.fileExists(atPath: path) {
            let stamp = ISO8601DateFormatter().string(from: now).replacingOccurrences(of: ":", with: "")
            let backup = "\(path).old-\(stamp)"
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                try move(path + suffix, to: backup + suffix)
            }
            report.backup = backup
        }
        try move(temporary, to: path)
        soleUse.release()
        return (try CacheStore(path: path), report)
    }

    /// Copies the rows worth keeping, table by table, so that a damaged table costs only itself.
    private static func salvage(from path: String, into fresh: DatabaseQueue, report: inout RebuildReport) throws {
        fresh.writeWithoutTransaction { db in
            do {
                try db.execute(sql: "ATTACH DATABASE ? AS old", arguments: [path])
            } catch {
                report.unreadable.append(
                    "the old file is not readable as a cache (\((error as? DatabaseError)?.message ?? "\(error)")): "
                        + "nothing could be kept"
                )
                return
            }
            defer { try? db.execute(sql: "DETACH DATABASE old") }
            let steps: [(table: String, filter: String, what: String)] = [
                ("outbox", "", "queued changes"),
                ("opportunity", "WHERE id IN (SELECT opportunity_id FROM old.outbox)", "cards with queued changes"),
                ("history", "", "undo history"),
                ("deal_change", "", "deal history"),
                ("setting", "", "settings"),
            ]
            for step in steps {
                do {
                    let columns = try sharedColumns(step.table, in: db)
                    guard !columns.isEmpty else { continue }
                    let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                    try db.execute(
                        sql:
                            "INSERT INTO main.\(step.table) (\(list)) "
                            + "SELECT \(list) FROM old.\(step.table) \(step.filter)"
                    )
                    let count = db.changesCount
                    switch step.table {
                    case "outbox": report.keptChanges = count
                    case "opportunity": report.keptCards = count
                    case "history": report.keptHistory = count
                    case "deal_change": report.keptDealChanges = count
                    default: break
                    }
                } catch {
                    report.unreadable.append(
                        "\(step.what) could not be read (\((error as? DatabaseError)?.message ?? "\(error)"))")
                }
            }
        }
        // A pull gives the other cards new local ids: their history finds them again by the provider's id.
        fresh.writeWithoutTransaction { db in
            do {
                try db.execute(sql: "ATTACH DATABASE ? AS old", arguments: [path])
                defer { try? db.execute(sql: "DETACH DATABASE old") }
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO main.deal_identity (opportunity_id, account, remote_id)
                        SELECT id, account, remote_id FROM old.opportunity
                        WHERE remote_id IS NOT NULL AND id IN (SELECT opportunity_id FROM main.deal_change)
                          AND id NOT IN (SELECT id FROM main.opportunity)
                        """)
            } catch {
                guard report.keptDealChanges > 0 else { return }
                let reason = (error as? DatabaseError)?.message ?? "\(error)"
                report.unreadable.append(
                    "the deals of the kept history could not be read (\(reason)): it stays, unlinked")
            }
        }
        // The kept cards were copied by SQL alone, past the writer that keeps their column and closing-day totals and
        // their search index and their change log.
        try fresh.write { db in
            try StageTotalsTally.refill(db)
            try StageTotalsTally.refillClosedDays(db)
            try SearchIndex.refill(db)
            try CardChangeLog.newEpoch(db)
        }
    }

    /// Columns both caches have (an older file may lack a newer column).
    private static func sharedColumns(_ table: String, in db: Database) throws -> [String] {
        let new = try Row.fetchAll(db, sql: "PRAGMA main.table_info(\(table))").map { $0["name"] as String }
        let old = Set(try Row.fetchAll(db, sql: "PRAGMA old.table_info(\(table))").map { $0["name"] as String })
        return new.filter(old.contains)
    }

    private static func move(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else {
            throw StoreError(.cannotOpen, "Cannot move \(from) to \(to): \(String(cString: strerror(errno))).")
        }
    }

    private static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

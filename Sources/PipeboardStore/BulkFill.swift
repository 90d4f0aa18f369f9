import GRDB

/// A fill that adds at least as many cards as the cache holds (`pipeboard demo`) runs without the indexes whose keys
/// come in random order: the totals index (`opportunity_column_totals`) files each card under its stage, status,
/// currency and close date, then its value, so each commit of a pull rewrote about one of its pages per card, most of
/// the disk writes of a million-card fill. Made again after the fill, from sorted keys, each page is written once.
///
/// Nothing the writer reads goes: the cards, their kept totals and their search index stay exact all along, and only
/// the figures of a board open meanwhile read the table instead of the index. The index's own SQL is noted in
/// `setting` in the transaction that drops it, and the transaction that makes it again deletes the note: a fill that
/// never ends (an error, a crash) leaves the note, and the next open of the cache makes the index first
/// (`restoreSetAsideIndexes`).
extension CacheStore {
    /// The indexes a bulk fill sets aside.
    static let setAsideIndexes = ["opportunity_column_totals"]
    /// The key of a set-aside index's note in `setting`, before its name.
    static let setAsideNote = "set-aside-index:"
    /// Below this many cards, the index's pages stay in the page cache during the fill: setting it aside gains nothing.
    static let bulkFillFrom = 10_000

    /// Runs `fill`, which adds about `count` cards, with the random-order indexes set aside when that is cheaper, then
    /// makes them again (also when `fill` throws).
    public func fillingInBulk<T>(
        adding count: Int, isolation: isolated (any Actor)? = #isolation, _ fill: () async throws -> T
    ) async throws -> T {
        guard try setIndexesAside(adding: count) else { return try await fill() }
        bulkFills.add(1, ordering: .relaxed)
        let outcome: Result<T, any Error>
        do { outcome = .success(try await fill()) } catch { outcome = .failure(error) }
        bulkFills.subtract(1, ordering: .relaxed)
        try write { try Self.restoreSetAsideIndexes($0.db) }
        return try outcome.get()
    }

    /// Drops the set-aside indexes, noting how to make them, when `count` is at least `bulkFillFrom` and at least as
    /// many cards as the cache holds. Returns whether it did.
    func setIndexesAside(adding count: Int) throws -> Bool {
        try write { writer in
            let cached = try Int.fetchOne(writer.db, sql: "SELECT COUNT(*) FROM opportunity") ?? 0
            guard count >= Self.bulkFillFrom, count >= cached else { return false }
            for name in Self.setAsideIndexes {
                guard let sql = try Self.indexSQL(writer.db, name: name) else { continue }
                try writer.setSetting(Self.setAsideNote + name, sql)
                try writer.db.execute(sql: "DROP INDEX \(name)")
            }
            return true
        }
    }

    /// Makes every index a note says was set aside and deletes the notes. An index that exists already (a rebuilt
    /// cache copies the settings of the old one) is left as it is.
    static func restoreSetAsideIndexes(_ db: Database) throws {
        guard try db.tableExists("setting") else { return }
        let notes = try Row.fetchAll(
            db, sql: "SELECT key, value FROM setting WHERE substr(key, 1, ?) = ?",
            arguments: [setAsideNote.count, setAsideNote])
        for note in notes {
            let key: String = note["key"]
            if try indexSQL(db, name: String(key.dropFirst(setAsideNote.count))) == nil {
                try db.execute(sql: note["value"])
            }
            try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key])
        }
    }

    /// The SQL an index was made with, nil when there is no such index.
    static func indexSQL(_ db: Database, name: String) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", arguments: [name])
    }
}

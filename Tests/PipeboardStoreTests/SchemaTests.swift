import Foundation
import GRDB
import PipeboardCore
import Testing
@testable import PipeboardStore

@Suite("Opening the cache and its schema")
struct SchemaTests {
    @Test func migrationsCreateTheTablesAndIndexes() throws {
        let store = try CacheStore.inMemory()
        let (tables, indexes, migrations) = try store.database.read { db in
            (
                try String.fetchSet(
                    db,
                    sql:
                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                        + "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'"
                ),
                try String.fetchSet(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"),
                try Schema.migrator.appliedIdentifiers(db)
            )
        }
        #expect(
            tables == [
                "pipeline", "stage", "opportunity", "outbox", "history", "setting", "base", "stage_totals", "note",
                "task", "deal_change", "deal_identity", "delivery", "outcome_day_totals", "card_change",
                "card_change_epoch",
                // The search index and the tables FTS5 keeps it in.
                "opportunity_search", "opportunity_search_data", "opportunity_search_idx", "opportunity_search_config",
            ])
        #expect(
            indexes == [
                "opportunity_remote_id", "opportunity_column_order", "opportunity_column_totals",
                "outbox_account_state", "outbox_opportunity", "note_opportunity", "note_remote_id", "task_opportunity",
                "task_remote_id", "task_next_step", "task_agenda", "deal_change_opportunity", "deal_change_first",
            ])
        #expect(
            migrations == [
                "v1", "v2-sync-base-conflicts", "v3-figures", "v4-row-is-base", "v5-kept-stage-totals",
                "v6-status-changed-at", "v7-notes-and-tasks", "v8-deal-history", "v9-deal-history-by-field",
                "v10-search-index", "v11-delivery-order", "v12-kept-outcome-days", "v13-card-change-log",
            ])
    }

    /// A trigger on a table makes SQLite open a statement journal for each single-row write to it, even when the
    /// trigger does nothing: the pull's merge writes one row per statement, and lost a quarter of its speed to one.
    @Test func noTableHasTriggers() throws {
        let store = try CacheStore.inMemory()
        let triggers = try store.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        #expect(triggers.isEmpty, "\(triggers)")
    }

    @Test func fileCacheUsesWALFullSyncAndForeignKeys() throws {
        try withTemporaryFolder { folder in
            let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
            let (journal, synchronous, foreignKeys) = try store.database.writeWithoutTransaction { db in
                (
                    try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                    try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                    try Bool.fetchOne(db, sql: "PRAGMA foreign_keys")
                )
            }
            #expect(journal == "wal")
            #expect(synchronous == 2) // FULL
            #expect(foreignKeys == true)
        }
    }

    /// A pull's pages commit without waiting for the disk; the connection is back to FULL for every other write,
    /// whether the page's body succeeded or threw (and then nothing of it was kept).
    @Test func refetchableWritesLeaveTheConnectionOnFullSync() throws {
        try withTemporaryFolder { folder in
            let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
            let synchronous = {
                try store.database.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
            }
            let during = try store.writeRefetchable { writer in
                try writer.insert(card("Pulled"))
                return try Int.fetchOne(writer.db, sql: "PRAGMA synchronous")
            }
            #expect(during == 1) // NORMAL for the page
            #expect(try synchronous() == 2)
            #expect(throws: StoreError.self) {
                try store.writeRefetchable { writer in
                    try writer.insert(card("Never kept"))
                    throw StoreError.corrupt("page")
                }
            }
            #expect(try synchronous() == 2)
            #expect(try store.count(account: "acme") == 1)
        }
    }

    @Test func reopeningAFileKeepsItsData() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("cache.sqlite").path
            let deal = card("Kept", value: usd(10))
            do {
                let store = try CacheStore(path: path)
                try store.write { writer in
                    try writer.savePipelines(account: "acme", [salesPipeline])
                    try writer.insert(deal)
                    try writer.enqueue(account: "acme", opportunityID: deal.id, operation: .create, at: referenceNow)
                    try writer.setSetting("last-account", "acme")
                }
            }
            let reopened = try CacheStore(path: path)
            #expect(try reopened.opportunity(id: deal.id) == deal)
            #expect(try reopened.pipelines(account: "acme") == [salesPipeline])
            #expect(try reopened.outbox(account: "acme", states: []).map(\.opportunityID) == [deal.id])
            #expect(try reopened.setting("last-account") == "acme")
        }
    }

    @Test func aMissingFolderIsNamedInTheError() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("missing/cache.sqlite").path
            let error = try #require(throws: StoreError.self) { try CacheStore(path: path) }
            #expect(error.kind == .cannotOpen)
            #expect(error.description.contains(path))
            #expect(error.description.contains("does not exist"))
        }
    }

    @Test func aFileWhereTheFolderShouldBeIsNamedInTheError() throws {
        try withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("plain.txt")
            try Data("hello".utf8).write(to: file)
            let path = file.appendingPathComponent("cache.sqlite").path
            let error = try #require(throws: StoreError.self) { try CacheStore(path: path) }
            #expect(error.kind == .cannotOpen)
            #expect(error.description.contains(path))
        }
    }

    /// Root can write anywhere, so this only means something for an ordinary user.
    @Test(.enabled(if: getuid() != 0)) func anUnwritableFolderIsNamedInTheError() throws {
        try withTemporaryFolder { folder in
            let locked = folder.appendingPathComponent("locked")
            try FileManager.default.createDirectory(
                at: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o500])
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked.path) }
            let path = locked.appendingPathComponent("cache.sqlite").path
            let error = try #require(throws: StoreError.self) { try CacheStore(path: path) }
            #expect(error.kind == .cannotOpen)
            #expect(error.description.contains(path))
            #expect(error.description.contains("not writable"))
        }
    }

    @Test func aFileThatIsNotADatabaseIsNamedInTheError() throws {
        try withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("cache.sqlite")
            try Data(repeating: 0x41, count: 4096).write(to: file)
            let error = try #require(throws: StoreError.self) { try CacheStore(path: file.path) }
            #expect(error.kind == .notACache)
            #expect(error.description.contains(file.path))
        }
    }

    @Test func aCacheFromANewerVersionIsRefused() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("cache.sqlite").path
            do {
                let store = try CacheStore(path: path)
                try store.database.write { db in
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999')")
                }
            }
            let error = try #require(throws: StoreError.self) { try CacheStore(path: path) }
            #expect(error.kind == .notACache)
            #expect(error.description.contains("newer pipeboard"))
        }
    }
}

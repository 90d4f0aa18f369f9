import Foundation
import GRDB
import Synchronization

/// The local cache: the board reads it, every change is written to it (with its outbox and history entries)
/// in one transaction before the Service answers. Safe to share across threads; GRDB serialises the writes.
public final class CacheStore: Sendable {
    let database: any DatabaseWriter
    /// Where the cache lives, for error sentences.
    let location: String
    /// The cache file's path; nil for an in-memory cache.
    package let file: String?
    /// Held while this store is open, so that a rebuild elsewhere knows the file is in use.
    private let useLock: CacheUseLock?
    /// The copy a board's search reads, while its search is open.
    let searchMirrors = SearchMirrors()
    /// How many bulk fills run (`fillingInBulk`).
    let bulkFills = Atomic<Int>(0)

    /// Opens (creating if needed) the cache at `path`: WAL, so the board reads while the sync writes;
    /// synchronous=FULL, because a change counts as saved once committed and must survive a power cut;
    /// a 5 s busy timeout for a second pipeboard process on the same file; foreign keys on; migrations run.
    public init(path: String) throws {
        try Self.checkFolder(of: path)
        location = path
        file = path
        useLock = try CacheUseLock.shared(cache: path)
        do {
            let pool = try DatabasePool(path: path, configuration: Self.configuration)
            // GRDB sets synchronous=NORMAL when it turns WAL on, after `prepareDatabase`: override it here,
            // on the single writer connection, which is the one that commits.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            // A bulk fill that never ended left an index aside (`BulkFill.swift`): made first, as migrations expect it.
            try pool.write(Self.restoreSetAsideIndexes)
            try Self.migrate(pool, location: path)
            database = pool
        } catch let error as DatabaseError {
            throw StoreError(error, location: path)
        }
    }

    /// An in-memory cache with the same schema, for tests.
    package static func inMemory() throws -> CacheStore {
        let location = "the in-memory cache"
        do {
            let queue = try DatabaseQueue(configuration: configuration)
            try migrate(queue, location: location)
            return CacheStore(database: queue, location: location)
        } catch let error as DatabaseError {
            throw StoreError(error, location: location)
        }
    }

    private init(database: any DatabaseWriter, location: String) {
        self.database = database
        self.location = location
        file = nil
        useLock = nil
    }

    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.label = "pipeboard.cache"
        return configuration
    }

    private static func migrate(_ writer: any DatabaseWriter, location: String) throws {
        let migrator = Schema.migrator
        // A file written by a newer pipeboard has tables this version does not know how to keep consistent.
        if try writer.read(migrator.hasBeenSuperseded) {
            throw StoreError(
                .notACache,
                "The cache at \(location) was written by a newer pipeboard; update pipeboard or move the file away.")
        }
        try migrator.migrate(writer)
    }

    /// SQLite only says "unable to open database file"; name the actual problem and the path instead.
    /// WAL also creates `-wal` and `-shm` files next to the cache, so the folder itself must be writable.
    static func checkFolder(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            throw StoreError(.cannotOpen, "Cannot open the cache at \(path): the folder \(folder) does not exist.")
        }
        guard isFolder.boolValue else {
            throw StoreError(.cannotOpen, "Cannot open the cache at \(path): \(folder) is a file, not a folder.")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw StoreError(
                .cannotOpen,
                "Cannot open the cache at \(path): the folder \(folder) is not writable "
                    + "(read-only disk or permissions); make it writable, or set PIPEBOARD_HOME to a writable folder. "
                    + "Queued changes stay in the cache until then."
            )
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw StoreError(.cannotOpen, "Cannot open the cache at \(path): it is a folder, not a file.")
        }
    }

    /// Runs `body` in ONE write transaction: the row, its outbox entry and its history entry commit together
    /// or not at all. An error thrown by `body` rolls everything back and is rethrown unchanged.
    public func write<T>(_ body: (StoreWriter) throws -> T) throws -> T {
        try translatingErrors {
            try database.write { db in try body(StoreWriter(db: db, inBulkFill: bulkFills.load(ordering: .relaxed) > 0))
            }
        }
    }

    /// The page cache of a pull's commit, in KiB (`writeRefetchable`).
    static let refetchableCacheKiB = 32_768

    /// `write` for what can be fetched again (a pull's pages): one transaction, committed without waiting for the
    /// disk (`synchronous = NORMAL` for this commit only). WAL keeps the file consistent either way; a power cut may
    /// lose such a commit, never a local change: the next durable commit (every local change, the pull's own
    /// watermark) flushes the log up to itself, these pages included.
    ///
    /// Such a commit holds many pages of a pull: the page cache is widened for it (SQLite's default 2 MB spilled
    /// the transaction's own changed pages to the log and read them back) and narrowed again after, freeing it.
    public func writeRefetchable<T>(_ body: (StoreWriter) throws -> T) throws -> T {
        try translatingErrors {
            try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -\(Self.refetchableCacheKiB)")
                let outcome = Result { () throws -> T in
                    var value: T?
                    try db.inTransaction {
                        value = try body(StoreWriter(db: db, inBulkFill: bulkFills.load(ordering: .relaxed) > 0))
                        return .commit
                    }
                    return value!
                }
                try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000")
                return try outcome.get()
            }
        }
    }

    /// One read transaction (a snapshot under WAL), so a board never mixes two states of the cache.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrors { try database.read(body) }
    }

    private func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(error, location: location)
        }
    }
}

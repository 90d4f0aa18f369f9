import GRDB
import GRDBSQLite

/// Ends a read of the cache whose answer is no longer wanted: the board for a search typed on, once the board for
/// the longer search is asked for (at 1M cards a one-letter search reads for hundreds of milliseconds, and the
/// next letter's board would wait behind it). SQLite asks `isUnwanted` every thousand steps of the running statement
/// (a progress handler on the reading connection alone), so the read stops within microseconds; it then throws
/// `CancellationError`. Writes are never interrupted.
public struct ReadInterruption: Sendable {
    let isUnwanted: @Sendable () -> Bool

    public init(when isUnwanted: @escaping @Sendable () -> Bool) {
        self.isUnwanted = isUnwanted
    }

    /// How many virtual machine steps SQLite takes between two questions: a few microseconds.
    static let steps: Int32 = 1_000

    /// Runs `body` on `db`, interrupted as soon as its answer is unwanted.
    func watching<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        guard !isUnwanted() else { throw CancellationError() }
        let question = Unmanaged.passRetained(Question(isUnwanted))
        sqlite3_progress_handler(
            db.sqliteConnection, Self.steps,
            { context in
                guard let context else { return 0 }
                return Unmanaged<Question>.fromOpaque(context).takeUnretainedValue().isUnwanted() ? 1 : 0
            }, question.toOpaque())
        defer {
            sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil)
            question.release()
        }
        do {
            return try body(db)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT && isUnwanted() {
            throw CancellationError()
        }
    }

    /// The question, boxed for SQLite's C callback.
    private final class Question {
        let isUnwanted: @Sendable () -> Bool
        init(_ isUnwanted: @escaping @Sendable () -> Bool) { self.isUnwanted = isUnwanted }
    }
}

extension CacheStore {
    /// `read`, ended early by `interruption` when one is given.
    func read<T>(interruptedBy interruption: ReadInterruption?, _ body: (Database) throws -> T) throws -> T {
        guard let interruption else { return try read(body) }
        return try read { db in try interruption.watching(db, body) }
    }
}

import Foundation
import GRDB
import GRDBSQLite

/// Binds values to a prepared statement through SQLite's C API.
///
/// GRDB binds a Swift string by handing it to SQLite as a C string, which for the short strings that fill a card
/// (account, stage, status, owner…) costs a heap allocation each; a 100k-card pull spent most of its time in
/// malloc. `withCString` copies short strings on the stack instead. Used by the bulk insert and the merge of a pull.
enum BulkBinding {
    /// SQLite's SQLITE_TRANSIENT (copy the value now), a C macro that Swift does not import.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Replaces the statement's bindings with `values`; the statement must have been given valid arguments once
    /// through GRDB (`setUncheckedArguments`), so that GRDB executes it with these bindings.
    static func rebind(_ statement: Statement, to values: [DatabaseValue]) throws {
        let handle = statement.sqliteStatement
        // Bindings can only change on a reset statement; the previous step's result was already checked.
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value.storage {
            case .null: code = sqlite3_bind_null(handle, index)
            case .int64(let integer): code = sqlite3_bind_int64(handle, index, integer)
            case .double(let double): code = sqlite3_bind_double(handle, index, double)
            case .string(let text): code = text.withCString { sqlite3_bind_text(handle, index, $0, -1, transient) }
            case .blob(let data):
                code = data.withUnsafeBytes {
                    sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient)
                }
            }
            guard code == SQLITE_OK else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code), message: "cannot bind value \(index)", sql: statement.sql)
            }
        }
    }
}

/// A prepared statement executed many times in one transaction with plain values: the first execution binds
/// through GRDB (which marks the statement ready), the others rebind straight through SQLite (`BulkBinding`).
/// Building `StatementArguments` for every row cost a pull's merge about a quarter of its time.
struct RepeatedStatement {
    private let statement: Statement
    private var primed = false

    init(_ statement: Statement) { self.statement = statement }

    mutating func execute(_ values: [DatabaseValue]) throws {
        if primed {
            try BulkBinding.rebind(statement, to: values)
        } else {
            statement.setUncheckedArguments(StatementArguments(values))
            primed = true
        }
        try statement.execute()
    }
}

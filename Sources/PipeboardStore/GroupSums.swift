import Foundation
import GRDB
import GRDBSQLite

/// The board's sums per (stage, status, currency) over the cards a search or a text filter keeps, added up here as
/// SQLite hands each matching row over, instead of by a GROUP BY. Such a query reads the table in rowid order, so
/// GROUP BY sorted every match before summing: at 1M cards a one-letter search keeps 800k of them, and the sort was
/// 415 ms of the query's 640 ms of CPU. The groups are few (stages × statuses × currencies), found by comparing the
/// row's bytes with each group's, without making a string per row.
///
/// Each sum follows SQLite's `SUM` (integers summed exactly unless a real is met, NULL when nothing was summed), so
/// `StageSums` reads these groups as it reads the GROUP BY's rows. Reals are added in table order, where the sort's
/// order may differ: the same figures up to the last bits of a double.
enum GroupSums {
    /// The columns the query selects, in this order.
    static let selection =
        "stage_id, status, currency, value_micros, probability, value_micros * probability, stage_changed_at"

    /// Steps through `statement` (which selects `selection`) and sums its rows into their groups.
    static func read(_ statement: Statement) throws -> [Row] {
        var groups: [Group] = []
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        // The group of the row before, checked first; a class, so that the rows add to it in place (a struct taken
        // out of the array was copied with its three keys for every row, a fifth of a one-letter search's CPU).
        var current: Group?
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: statement.sql)
            }
            if let group = current, group.holds(handle) {
                try group.add(handle)
                continue
            }
            let group: Group
            if let found = groups.first(where: { $0.holds(handle) }) {
                group = found
            } else {
                group = Group(handle)
                groups.append(group)
            }
            try group.add(handle)
            current = group
        }
        return try groups.map { try $0.row() }
    }

    /// One group's key (the row's bytes) and sums.
    private final class Group {
        let stage: [UInt8]
        let status: [UInt8]
        /// Nil for cards without a currency (NULL): a group apart from any text.
        let currency: [UInt8]?
        var count = 0
        var micros = Sum()
        var ownWeighted = Sum()
        var withoutOwn = Sum()
        var entered = Sum()

        init(_ handle: OpaquePointer) {
            stage = ColumnBytes.copy(handle, 0) ?? []
            status = ColumnBytes.copy(handle, 1) ?? []
            currency = ColumnBytes.copy(handle, 2)
        }

        func holds(_ handle: OpaquePointer) -> Bool {
            ColumnBytes.equal(stage, handle, 0) && ColumnBytes.equal(status, handle, 1)
                && ColumnBytes.equal(currency, handle, 2)
        }

        func add(_ handle: OpaquePointer) throws {
            count += 1
            try micros.add(handle, 3)
            try ownWeighted.add(handle, 5)
            if sqlite3_column_type(handle, 4) == SQLITE_NULL { try withoutOwn.add(handle, 3) }
            try entered.add(handle, 6)
        }

        /// The group as the GROUP BY's row would read.
        func row() throws -> Row {
            [
                "stage_id": String(decoding: stage, as: UTF8.self), "status": String(decoding: status, as: UTF8.self),
                "currency": currency.map { String(decoding: $0, as: UTF8.self) }, "count": count,
                "micros": try micros.value(), "own_weighted": try ownWeighted.value(),
                "without_own": try withoutOwn.value(), "entered": try entered.value(),
            ]
        }
    }

    /// SQLite's `SUM`: exact over integers, a real once any value is one, NULL when every value was NULL, and an
    /// error when integers overflow.
    private struct Sum {
        var integer: Int64 = 0
        var real = 0.0
        var approximate = false
        var summed = false

        mutating func add(_ handle: OpaquePointer, _ column: Int32) throws {
            switch sqlite3_column_type(handle, column) {
            case SQLITE_NULL:
                return
            case SQLITE_INTEGER:
                let value = sqlite3_column_int64(handle, column)
                real += Double(value)
                if !approximate {
                    let (sum, overflow) = integer.addingReportingOverflow(value)
                    guard !overflow else { throw DatabaseError(resultCode: .SQLITE_ERROR, message: "integer overflow") }
                    integer = sum
                }
            default:
                real += sqlite3_column_double(handle, column)
                approximate = true
            }
            summed = true
        }

        func value() throws -> DatabaseValue {
            guard summed else { return .null }
            return approximate ? real.databaseValue : integer.databaseValue
        }
    }
}

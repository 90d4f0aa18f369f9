import Foundation
import GRDBSQLite

/// A text column of the row a statement stands on, read as bytes: the hot loops that sum or copy rows compare and
/// keep them without making a String per row.
enum ColumnBytes {
    /// The column's bytes; nil for NULL.
    static func copy(_ handle: OpaquePointer, _ column: Int32) -> [UInt8]? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return Array(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }

    /// Whether the column holds exactly `key` (nil: NULL).
    static func equal(_ key: [UInt8]?, _ handle: OpaquePointer, _ column: Int32) -> Bool {
        guard let text = sqlite3_column_text(handle, column) else { return key == nil }
        guard let key, key.count == Int(sqlite3_column_bytes(handle, column)) else { return false }
        return key.isEmpty || key.withUnsafeBufferPointer { memcmp($0.baseAddress!, text, key.count) == 0 }
    }
}

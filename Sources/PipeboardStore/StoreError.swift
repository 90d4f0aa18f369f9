import Foundation
import GRDB

/// A cache failure told in one sentence a user can act on ("the folder … does not exist", "… is busy").
/// The Service shows `description` as is; `kind` lets it decide what to do without parsing text.
package struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Kind: Hashable, Sendable {
        /// The file or its folder cannot be used: missing, not a folder, not writable.
        case cannotOpen
        /// The file is not an SQLite database, is damaged, or was written by a newer pipeboard.
        case notACache
        /// Another process holds the database for longer than the busy timeout.
        case busy
        /// The disk is full.
        case full
        /// A row read back from disk does not make sense (a bug or a hand-edited file).
        case corruptRow
        /// A change broke a rule of the schema (duplicate id or remote id).
        case constraint
        case other
    }

    package var kind: Kind
    package var description: String

    package init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// Translates SQLite's terse messages into a sentence that names the cache file.
    init(_ error: DatabaseError, location: String) {
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self.init(
                .busy,
                "The cache at \(location) is locked by another pipeboard for too long (\(detail)); "
                    + "this change was not saved. Try again, or quit the other pipeboard."
            )
        case .SQLITE_FULL:
            self.init(
                .full,
                "The disk holding the cache at \(location) is full; this change was not saved, earlier ones are kept. "
                    + "Free some space and try again."
            )
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            self.init(
                .notACache,
                "\(location) is not a pipeboard cache or is damaged (\(detail)); run `pipeboard cache rebuild`, "
                    + "which keeps the queued changes it can read and sets the damaged file aside."
            )
        case .SQLITE_READONLY:
            let folder = (location as NSString).deletingLastPathComponent
            self.init(
                .cannotOpen,
                "The cache at \(location) is read-only (\(detail)); this change was not saved. "
                    + "Make \(folder) writable or set PIPEBOARD_HOME to a writable folder."
            )
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_IOERR:
            self.init(.cannotOpen, "Cannot use the cache at \(location): \(detail).")
        case .SQLITE_CONSTRAINT:
            self.init(.constraint, "The cache at \(location) refused a change: \(detail).")
        default:
            self.init(.other, "The cache at \(location) failed: \(detail).")
        }
    }

    static func corrupt(_ what: String) -> StoreError {
        StoreError(.corruptRow, "The cache holds an unreadable \(what).")
    }
}

import Foundation
import GRDB
import PipeboardCore

/// A point in the order in which the providers acknowledged our changes to their records. A pull takes one just
/// before it asks for a page: a change acknowledged after that point may have reached the provider after it read the
/// page, so the page's copy of that record can predate the change (see `mergePulled`). Counted, not timed: this
/// machine's clock and the provider's are never compared.
public struct DeliveryMark: Hashable, Sendable, Comparable {
    let sequence: Int64

    package init(sequence: Int64) { self.sequence = sequence }

    public static func < (lhs: DeliveryMark, rhs: DeliveryMark) -> Bool { lhs.sequence < rhs.sequence }
}

extension CacheStore {
    /// The newest acknowledged delivery: taken before a pull asks for a page.
    package func deliveryMark() throws -> DeliveryMark {
        try read { db in
            DeliveryMark(
                sequence: try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(sequence) FROM delivery")) ?? 0)
        }
    }
}

/// The `delivery` keys of notes and tasks: a deal's is its remote id, and a provider may number its notes and tasks
/// apart from its deals (Coperniq's note and project ids are both small integers).
enum DeliveryKey {
    static func note(_ remoteID: String) -> String { "note:" + remoteID }
    static func task(_ remoteID: String) -> String { "task:" + remoteID }
}

/// The records whose changes were acknowledged after a mark: what a page asked for at that mark may hold older.
struct DeliveredSince {
    /// By delivery key (a deal's remote id, else `DeliveryKey`): the provider's update time of the record as our
    /// change left it, where the provider said (nil where it did not).
    var versions: [String: Date?] = [:]

    /// Whether `record` may be older than the change acknowledged for it: always, unless the provider's update time
    /// shows it changed after our change (then it holds ours and what others did since).
    func mayPredate(_ record: RemoteOpportunity) -> Bool { mayPredate(record.remoteID, updatedAt: record.updatedAt) }

    /// `mayPredate` for the record under `key`, updated at `updatedAt` (nil: the provider keeps no such time).
    func mayPredate(_ key: String, updatedAt: Date?) -> Bool {
        guard let version = versions[key] else { return false }
        guard let version, let updatedAt else { return true }
        return updatedAt <= version
    }

    func contains(_ key: String) -> Bool { versions[key] != nil }
}

extension StoreWriter {
    /// The deliveries kept: enough for any page still on its way (a page is read in seconds, these many
    /// deliveries take far longer at any provider's pace), few enough that the table stays small.
    static let deliveriesKept: Int64 = 10_000

    /// A change to the account's record `remoteID` (its delivery key) was acknowledged. `version` is the provider's
    /// update time of the record with the change, where the provider said it and it moved on with the change.
    func recordDelivery(account: String, remoteID: String, version: Date?) throws {
        try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO delivery (account, remote_id, version) VALUES (?, ?, ?)"
        ).execute(arguments: [account, remoteID, version.map(DateColumn.encode)])
        try db.cachedStatement(sql: "DELETE FROM delivery WHERE sequence <= ?")
            .execute(arguments: [db.lastInsertedRowID - Self.deliveriesKept])
    }

    /// The account's records whose changes were acknowledged after `mark` (a few: the newest rows only).
    func delivered(account: String, since mark: DeliveryMark?) throws -> DeliveredSince {
        var found = DeliveredSince()
        guard let mark else { return found }
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT remote_id, version FROM delivery WHERE sequence > ? AND account = ?"),
            arguments: [mark.sequence, account])
        while let row = try rows.next() {
            let version: Double? = try row.checked("version")
            found.versions[try row.checked("remote_id")] = .some(version.map(DateColumn.decode))
        }
        return found
    }
}

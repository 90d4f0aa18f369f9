import Foundation
import GRDB

/// One undoable change as the Service describes it; the store keeps it without reading the payload.
package struct HistoryRecord: Hashable, Sendable {
    /// What the user sees: "Move “Acme — Pilot” to Proposal".
    package var label: String
    /// The Service's own JSON: enough to undo and redo the change.
    package var payload: Data
    /// The row's id once stored (set by `popUndo` / `popRedo`).
    package var id: Int64?

    package init(label: String, payload: Data, id: Int64? = nil) {
        self.label = label
        self.payload = payload
        self.id = id
    }
}

/// The undo history is a linear stack with a cursor: entries marked `undone` are the redo branch, and they
/// always sit above every entry that is not. Kept on disk so undo survives a restart.
extension CacheStore {
    package func canUndo() throws -> Bool {
        try read { try Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM history WHERE undone = 0)") ?? false }
    }

    package func canRedo() throws -> Bool {
        try read { try Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM history WHERE undone = 1)") ?? false }
    }
}

extension StoreWriter {
    /// Records a new change: drops the redo branch (a new change makes it unreachable), then keeps only the
    /// newest `limit` entries.
    package func pushHistory(_ entry: HistoryRecord, limit: Int) throws {
        try db.execute(sql: "DELETE FROM history WHERE undone = 1")
        try db.execute(
            sql: "INSERT INTO history (label, payload, undone) VALUES (?, ?, 0)",
            arguments: [entry.label, entry.payload])
        try db.execute(
            sql: "DELETE FROM history WHERE id NOT IN (SELECT id FROM history ORDER BY id DESC LIMIT ?)",
            arguments: [max(0, limit)])
    }

    /// The newest change not yet undone, now marked undone; nil when there is nothing to undo.
    package func popUndo() throws -> HistoryRecord? {
        try move(
            select: "SELECT id, label, payload FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1", undone: true)
    }

    /// The oldest undone change (the one undone last), now marked done again; nil when there is nothing to redo.
    package func popRedo() throws -> HistoryRecord? {
        try move(select: "SELECT id, label, payload FROM history WHERE undone = 1 ORDER BY id LIMIT 1", undone: false)
    }

    /// Rewrites what an entry records (the Service notes the outbox entries a redo queued).
    package func replaceHistoryPayload(id: Int64, with payload: Data) throws {
        try db.execute(sql: "UPDATE history SET payload = ? WHERE id = ?", arguments: [payload, id])
    }

    private func move(select sql: String, undone: Bool) throws -> HistoryRecord? {
        guard let row = try Row.fetchOne(db, sql: sql) else { return nil }
        let id: Int64 = try row.checked("id")
        try db.execute(sql: "UPDATE history SET undone = ? WHERE id = ?", arguments: [undone, id])
        return try HistoryRecord(label: row.checked("label"), payload: row.checked("payload"), id: id)
    }
}

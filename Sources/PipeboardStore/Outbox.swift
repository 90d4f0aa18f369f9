import Foundation
import GRDB
import PipeboardCore

extension CacheStore {
    /// Entries of one account (nil = every account) in the given states (empty = all), oldest first.
    package func outbox(account: String?, states: Set<OutboxState>) throws -> [OutboxEntry] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let account {
            conditions.append("account = ?")
            arguments += [account]
        }
        if !states.isEmpty && states.count < OutboxState.allCases.count {
            let values = states.map(\.rawValue).sorted()
            conditions.append("state IN (\(values.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(values)
        }
        return try read { db in
            try OutboxRow.fetchAll(
                db,
                sql: """
                    SELECT \(OutboxRow.selection) FROM outbox
                    \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY id
                    """, arguments: arguments)
        }
    }

    /// What a sync may send now for an account, oldest first, at most `limit`. Changes to one opportunity are
    /// delivered in order, so only its oldest entry qualifies, and only when it is pending (a failed entry
    /// blocks the ones after it) and due (`notBefore` nil or passed).
    package func deliverable(account: String, now: Date, limit: Int) throws -> [OutboxEntry] {
        try read { db in
            try OutboxRow.fetchAll(
                db,
                sql: """
                    SELECT \(OutboxRow.selection) FROM outbox AS entry
                    WHERE account = ? AND state = ? AND (not_before IS NULL OR not_before <= ?)
                      AND id = (SELECT MIN(id) FROM outbox WHERE opportunity_id = entry.opportunity_id)
                    ORDER BY id LIMIT ?
                    """, arguments: [account, OutboxState.pending.rawValue, DateColumn.encode(now), max(0, limit)])
        }
    }

    /// Pending and failed entries of one account (nil = every account), for the status bar.
    package func outboxCounts(account: String?) throws -> (pending: Int, failed: Int) {
        try read { db in
            let sql =
                "SELECT state, COUNT(*) AS count FROM outbox "
                + "\(account == nil ? "" : "WHERE account = ?") GROUP BY state"
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: account.map { [$0] } ?? []) {
                let state: String = try row.checked("state")
                counts[state] = try row.checked("count")
            }
            // A conflict waits for the user just as a refusal does.
            return (
                counts[OutboxState.pending.rawValue] ?? 0,
                (counts[OutboxState.failed.rawValue] ?? 0) + (counts[OutboxState.conflict.rawValue] ?? 0)
            )
        }
    }

    /// One entry by id.
    package func outboxEntry(id: Int64) throws -> OutboxEntry? {
        try read {
            try OutboxRow.fetchAll($0, sql: "SELECT \(OutboxRow.selection) FROM outbox WHERE id = ?", arguments: [id])
                .first
        }
    }

    /// The sync mark of each listed card that has undelivered changes. A failure or conflict wins over pending
    /// work, and its reason is the oldest such entry's (the one that blocks the rest).
    package func syncStates(for ids: [UUID]) throws -> [UUID: CardSyncState] {
        // Chunked to stay far below SQLite's limit on bound variables.
        let chunks = stride(from: 0, to: ids.count, by: 500).map { ids[$0..<min($0 + 500, ids.count)] }
        return try read { db in
            var states: [UUID: CardSyncState] = [:]
            for chunk in chunks {
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT opportunity_id, state, last_error, conflict_fields FROM outbox
                        WHERE opportunity_id IN (\(chunk.map { _ in "?" }.joined(separator: ", "))) ORDER BY id
                        """, arguments: StatementArguments(chunk.map(OpportunityRow.key)))
                while let row = try rows.next() {
                    let idText: String = try row.checked("opportunity_id")
                    guard let id = UUID(uuidString: idText) else {
                        throw StoreError.corrupt("outbox opportunity id \"\(idText)\"")
                    }
                    switch states[id] {
                    case .failed?, .conflict?: continue
                    default: break
                    }
                    let state: String = try row.checked("state")
                    let reason: String? = try row.checked("last_error")
                    if state == OutboxState.failed.rawValue {
                        states[id] = .failed(reason: reason ?? "The provider refused this change.")
                    } else if state == OutboxState.conflict.rawValue {
                        states[id] = .conflict(reason: reason ?? "changed at the provider too")
                    } else {
                        states[id] = .pending
                    }
                }
            }
            return states
        }
    }
}

extension StoreWriter {
    /// Queues a change for delivery and returns its id. Call it in the same `write` as the change itself.
    @discardableResult
    package func enqueue(account: String, opportunityID: UUID, operation: OutboxOperation, at now: Date) throws -> Int64
    {
        try db.execute(
            sql: """
                INSERT INTO outbox (account, opportunity_id, operation, state, attempts, created_at)
                VALUES (?, ?, ?, ?, 0, ?)
                """,
            arguments: [
                account, OpportunityRow.key(opportunityID), try OutboxRow.encode(operation),
                OutboxState.pending.rawValue, DateColumn.encode(now),
            ])
        return db.lastInsertedRowID
    }

    package func removeOutbox(id: Int64) throws {
        try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [id])
    }

    /// Discards every undelivered change of one opportunity.
    package func removeOutbox(opportunityID: UUID) throws {
        try db.execute(
            sql: "DELETE FROM outbox WHERE opportunity_id = ?", arguments: [OpportunityRow.key(opportunityID)])
    }

    /// One opportunity's entries, oldest first.
    package func outbox(opportunityID: UUID) throws -> [OutboxEntry] {
        try OutboxRow.fetchAll(
            db, sql: "SELECT \(OutboxRow.selection) FROM outbox WHERE opportunity_id = ? ORDER BY id",
            arguments: [OpportunityRow.key(opportunityID)])
    }

    /// The provider has the change: removes the entry and, for a create, records the provider's id on the card
    /// (if it still exists). An entry already removed (the card was discarded meanwhile) is ignored.
    ///
    /// A create retried after a lost response may find that a pull already brought the provider's record in as
    /// a second card with this remote id. The local card is the one the user and the undo history know, so the
    /// pulled copy is dropped and any changes queued on it are moved to the local card.
    ///
    /// `base` is the provider's record now that it has the change (nil leaves the base alone; a delivered delete
    /// removes it). A change to the record, or to a note or task on it, is numbered among the deliveries
    /// (`DeliveryMark`), with `version`, the provider's update time of the record with the change where it said.
    package func markDelivered(_ id: Int64, remoteID: String?, base: Opportunity? = nil, version: Date? = nil) throws {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT account, opportunity_id, operation FROM outbox WHERE id = ?", arguments: [id])
        else { return }
        try removeOutbox(id: id)
        let account: String = try row.checked("account")
        let opportunityKey: String = try row.checked("opportunity_id")
        let operationText: String = try row.checked("operation")
        let operation = try? JSONDecoder().decode(OutboxOperation.self, from: Data(operationText.utf8))
        if case .delete? = operation {
            try db.execute(sql: "DELETE FROM base WHERE opportunity_id = ?", arguments: [opportunityKey])
            try db.execute(
                sql: "UPDATE opportunity SET row_is_base = 0 WHERE id = ? AND row_is_base = 1",
                arguments: [opportunityKey])
        } else if let base, OpportunityRow.key(base.id) == opportunityKey {
            try saveBase(base)
        }
        if let remoteID {
            if let copy = try OpportunityRow.fetchOne(db, account: account, remoteID: remoteID),
                OpportunityRow.key(copy.id) != opportunityKey
            {
                try db.execute(
                    sql: "UPDATE outbox SET opportunity_id = ? WHERE opportunity_id = ?",
                    arguments: [opportunityKey, OpportunityRow.key(copy.id)])
                try delete(id: copy.id)
                try removeBase(opportunityID: copy.id)
            }
            try db.execute(
                sql: "UPDATE opportunity SET remote_id = ? WHERE id = ?", arguments: [remoteID, opportunityKey])
        }
        if let reached = try reachedRecord(by: operation, opportunityKey: opportunityKey) {
            try recordDelivery(account: account, remoteID: reached, version: version)
        }
    }

    /// The delivery key of the record a delivered change reached: a delete's or restore's names it, a create or
    /// update reached the card's, a note's or task's change its note or task (whose remote id is known by now).
    private func reachedRecord(by operation: OutboxOperation?, opportunityKey: String) throws -> String? {
        switch operation {
        case .delete(let remoteID)?: return remoteID
        case .restore(let remoteID)?: return remoteID
        case .create?, .update?:
            return try String.fetchOne(
                db, sql: "SELECT remote_id FROM opportunity WHERE id = ?", arguments: [opportunityKey])
        case .addNote(let id)?: return try note(id: id)?.remoteID.map(DeliveryKey.note)
        case .deleteNote(_, let remoteID)?: return remoteID.map(DeliveryKey.note)
        case .addTask(let id)?, .updateTask(let id, _)?: return try task(id: id)?.remoteID.map(DeliveryKey.task)
        case .deleteTask(_, let remoteID)?: return remoteID.map(DeliveryKey.task)
        case nil: return nil
        }
    }

    /// The provider refused the send before applying it (credentials, a rejection): not sent after all.
    package func markNotSent(_ id: Int64) throws {
        try db.execute(sql: "UPDATE outbox SET sent = 0 WHERE id = ?", arguments: [id])
    }

    /// Recorded before a send goes out, so that after a crash the entry is known to be possibly applied.
    package func markSending(_ id: Int64) throws {
        try db.execute(sql: "UPDATE outbox SET sent = 1 WHERE id = ? AND sent = 0", arguments: [id])
    }

    /// The provider changed what this entry changes: park it with what the provider has, until the user decides.
    package func markConflict(_ id: Int64, conflict: OutboxConflict, reason: String) throws {
        let names = conflict.task.map { $0.fields.map(\.rawValue) } ?? conflict.fields.map(\.rawValue)
        let fields = String(decoding: try JSONEncoder().encode(names.sorted()), as: UTF8.self)
        let theirs =
            try conflict.task.map {
                try $0.theirs.map { String(decoding: try BaseRow.encoder.encode($0), as: UTF8.self) }
            }
            ?? conflict.theirs.map(BaseRow.encode)
        try db.execute(
            sql: """
                UPDATE outbox
                SET attempts = attempts + 1, last_error = ?, not_before = NULL, state = ?,
                    conflict_fields = ?, theirs = ?
                WHERE id = ?
                """,
            arguments: [reason, OutboxState.conflict.rawValue, fields, theirs, id])
    }

    /// Replaces what an entry sends (a conflict resolved field by field, a delete turned into a re-create) and
    /// makes it pending and due again.
    package func replaceOperation(_ id: Int64, with operation: OutboxOperation) throws {
        try db.execute(
            sql: """
                UPDATE outbox SET operation = ?, state = ?, not_before = NULL, conflict_fields = NULL, theirs = NULL
                WHERE id = ?
                """, arguments: [try OutboxRow.encode(operation), OutboxState.pending.rawValue, id])
    }

    /// One entry by id, inside the transaction.
    package func outboxEntry(id: Int64) throws -> OutboxEntry? {
        try OutboxRow.fetchAll(db, sql: "SELECT \(OutboxRow.selection) FROM outbox WHERE id = ?", arguments: [id]).first
    }

    /// A temporary failure: counts the attempt, keeps the entry pending, and holds it until `notBefore`.
    package func markRetry(_ id: Int64, reason: String, notBefore: Date) throws {
        try db.execute(
            sql: """
                UPDATE outbox SET attempts = attempts + 1, last_error = ?, not_before = ?, state = ? WHERE id = ?
                """, arguments: [reason, DateColumn.encode(notBefore), OutboxState.pending.rawValue, id])
    }

    /// A create the provider made without saying the new record's id, and not found yet: like a retry, and from
    /// now on the record is looked for instead of made again (`OutboxEntry.madeNotFound`).
    package func markMadeNotFound(_ id: Int64, reason: String, notBefore: Date) throws {
        try markRetry(id, reason: reason, notBefore: notBefore)
        try db.execute(sql: "UPDATE outbox SET sent = 2 WHERE id = ?", arguments: [id])
    }

    /// The provider refused the change: counts the attempt and parks the entry until the user decides.
    package func markFailed(_ id: Int64, reason: String) throws {
        try db.execute(
            sql: """
                UPDATE outbox SET attempts = attempts + 1, last_error = ?, not_before = NULL, state = ? WHERE id = ?
                """, arguments: [reason, OutboxState.failed.rawValue, id])
    }

    /// The user asks to try a failed entry again: pending, due at once. The last error stays for the record.
    package func retry(_ id: Int64) throws {
        try db.execute(
            sql: "UPDATE outbox SET state = ?, not_before = NULL, conflict_fields = NULL, theirs = NULL WHERE id = ?",
            arguments: [OutboxState.pending.rawValue, id])
    }
}

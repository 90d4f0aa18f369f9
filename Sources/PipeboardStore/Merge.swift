import Foundation
import GRDB
import PipeboardCore

extension StoreWriter {
    /// Writes pulled records into the cache, matched by (account, remote id), else by the record's local id.
    /// An existing card keeps its local id and order (see `RemoteOpportunity.opportunity(account:existing:defaultRank:)`);
    /// a new card goes to the bottom of its stage unless the provider keeps a rank.
    ///
    /// Local changes win until they are delivered: a record is skipped when its card has any outbox entry,
    /// or when a delete of its remote id is still queued (the row is gone, but the pull must not bring it back).
    /// Returns the number of cards written.
    public func mergePulled(account: String, _ records: [RemoteOpportunity]) throws -> Int {
        let undelivered = try undeliveredWork(account: account)
        var nextRank: [StageKey: Int64] = [:]
        var written = 0
        for record in records where !undelivered.deletedRemoteIDs.contains(record.remoteID) {
            var existing = try OpportunityRow.fetchOne(db, account: account, remoteID: record.remoteID)
            if existing == nil, let localID = record.localID {
                existing = try opportunity(id: localID).flatMap { $0.account == account ? $0 : nil }
            }
            let id = existing?.id ?? record.localID
            if let id, undelivered.opportunityIDs.contains(OpportunityRow.key(id)) { continue }

            let stage = StageKey(pipelineID: record.pipelineID, stageID: record.stageID)
            let bottom = try nextRank[stage] ?? bottomRank(account: account, stage: stage)
            let card = record.opportunity(account: account, existing: existing, defaultRank: bottom)
            if existing == nil {
                try insert(card)
            } else {
                try update(card)
            }
            try saveBase(card)
            nextRank[stage] = max(bottom, card.rank + 1)
            written += 1
        }
        return written
    }

    /// After a complete pull of a pipeline: removes the account's cards of that pipeline that the provider no
    /// longer has (a remote id not in `remoteIDs`), except cards with undelivered changes. Cards never sent
    /// (no remote id) stay. Returns the number removed.
    public func removeMissing(account: String, pipelineID: String, keeping remoteIDs: Set<String>) throws -> Int {
        // `remoteIDs` can hold a whole pipeline, too many to bind: filter the candidates here instead.
        let candidates = try Row.fetchAll(db, sql: """
            SELECT id, remote_id FROM opportunity
            WHERE account = ? AND pipeline_id = ? AND remote_id IS NOT NULL
              AND id NOT IN (SELECT opportunity_id FROM outbox)
            """, arguments: [account, pipelineID])
        let delete = try db.cachedStatement(sql: "DELETE FROM opportunity WHERE id = ?")
        var removed = 0
        for row in candidates {
            let remoteID: String = try row.checked("remote_id")
            guard !remoteIDs.contains(remoteID) else { continue }
            try delete.execute(arguments: [row.checked("id") as String])
            try db.execute(sql: "DELETE FROM base WHERE opportunity_id = ?", arguments: [row.checked("id") as String])
            removed += 1
        }
        return removed
    }

    private struct StageKey: Hashable {
        var pipelineID: String
        var stageID: String
    }

    private struct UndeliveredWork {
        var opportunityIDs: Set<String> = []
        var deletedRemoteIDs: Set<String> = []
    }

    /// The outbox is small (undelivered changes only), so reading it once beats a lookup per record.
    private func undeliveredWork(account: String) throws -> UndeliveredWork {
        var work = UndeliveredWork()
        let rows = try Row.fetchCursor(db, sql: "SELECT id, account, opportunity_id, operation FROM outbox")
        while let row = try rows.next() {
            try work.opportunityIDs.insert(row.checked("opportunity_id"))
            guard try row.checked("account") == account else { continue }
            let id: Int64 = try row.checked("id")
            let operationText: String = try row.checked("operation")
            guard let operation = try? JSONDecoder().decode(OutboxOperation.self, from: Data(operationText.utf8)) else {
                throw StoreError.corrupt("outbox entry \(id)")
            }
            if case .delete(let remoteID?) = operation { work.deletedRemoteIDs.insert(remoteID) }
        }
        return work
    }

    /// One past the highest rank in the stage: where a new card goes.
    private func bottomRank(account: String, stage: StageKey) throws -> Int64 {
        let highest = try Int64.fetchOne(db, sql: """
            SELECT MAX(rank) FROM opportunity WHERE account = ? AND pipeline_id = ? AND stage_id = ?
            """, arguments: [account, stage.pipelineID, stage.stageID])
        return highest.map { $0 + 1 } ?? 0
    }
}

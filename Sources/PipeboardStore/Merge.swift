import Foundation
import GRDB
import PipeboardCore

extension StoreWriter {
    /// Writes pulled records into the cache, matched by (account, remote id), else by the record's local id.
    /// An existing card keeps its local id and order
    /// (see `RemoteOpportunity.opportunity(account:existing:defaultRank:)`);
    /// a new card goes to the bottom of its stage unless the provider keeps a rank.
    ///
    /// Local changes win until they are delivered: a record is skipped when its card has any outbox entry,
    /// or when a delete of its remote id is still queued (the row is gone, but the pull must not bring it back).
    /// And after: `askedAt` is the mark the page was asked for at (nil: after every delivery), and a record whose
    /// change of ours was acknowledged after it is skipped too, as the provider may have read it before the change
    /// arrived (it would take the card and its base back to the old values, and make the next change a conflict
    /// although nobody else made one), unless the provider's update time shows it changed after our change. The
    /// next pull takes it. Returns the number of cards written.
    ///
    /// A page is read in one query (the cards its remote ids already have) and written through prepared
    /// statements, so its cost grows with the page and not with a lookup per record. Each written row is marked as
    /// the card's base rather than copied into `base`, and the page's column totals are added once per group.
    /// A card whose stage, status, value, owner, close date or name the provider changed gains those changes in its
    /// history (`DealChange.pulled`).
    public func mergePulled(account: String, _ records: [RemoteOpportunity], askedAt: DeliveryMark? = nil) throws
        -> Int
    {
        let undelivered = try undeliveredWork(account: account)
        let deliveredSince = try delivered(account: account, since: askedAt)
        var known = try opportunities(account: account, remoteIDs: records.map(\.remoteID))
        // A record the provider keeps our local id for (the local workspace) may match a card not yet linked by
        // remote id: those are looked up together too, not one query each.
        var byLocalID = try opportunities(
            account: account, ids: records.compactMap { known[$0.remoteID] == nil ? $0.localID : nil })
        var nextRank: [StageKey: Int64] = [:]
        var written = 0
        var insertRow = RepeatedStatement(try db.cachedStatement(sql: OpportunityRow.pulledInsertSQL))
        var updateRow = RepeatedStatement(try db.cachedStatement(sql: OpportunityRow.pulledUpdateSQL))
        var dropBaseRow = RepeatedStatement(try db.cachedStatement(sql: "DELETE FROM base WHERE opportunity_id = ?"))
        var recordChange = RepeatedStatement(try db.cachedStatement(sql: DealChangeRow.insertSQL))
        var indexText = RepeatedStatement(try db.cachedStatement(sql: SearchIndex.addSQL))
        // A bulk fill's pages change the epoch rather than note each of their cards (a million at a demo fill).
        if inBulkFill { try CardChangeLog.newEpoch(db) }
        return try keepingStageTotals { totals in
            for record in records
            where !undelivered.deletedRemoteIDs.contains(record.remoteID) && !deliveredSince.mayPredate(record) {
                var existing = known[record.remoteID]
                if existing == nil, let localID = record.localID { existing = byLocalID[localID] }
                let id = existing?.id ?? record.localID
                if let id, undelivered.opportunityIDs.contains(OpportunityRow.key(id)) { continue }

                let stage = StageKey(pipelineID: record.pipelineID, stageID: record.stageID)
                let bottom = try nextRank[stage] ?? bottomRank(account: account, stage: stage)
                let card = record.opportunity(account: account, existing: existing, defaultRank: bottom)
                // The row as pulled is the card's base (see `Base.swift`): an older base row goes. A new card's
                // fresh id has none; one that takes a local id may (its delete was delivered, its base not yet gone).
                if let existing {
                    // The index's text changes only with the card's: then it is read as stored, just before.
                    let textChanged = !SearchIndex.Entry(rowID: 0, card: existing)
                        .sameText(as: SearchIndex.Entry(rowID: 0, card: card))
                    let indexed = textChanged ? try SearchIndex.stored(db, key: OpportunityRow.key(card.id)) : nil
                    try updateRow.execute(OpportunityRow.updateValues(for: card))
                    if let indexed { try reindex(indexed, as: card) }
                    if !inBulkFill { try CardChangeLog.note(db, key: OpportunityRow.key(card.id)) }
                    totals.count(existing, sign: -1)
                    // What the provider changed since the cached copy joins the deal's history: compared here, in
                    // the pass that writes the card, so an unchanged record costs no query.
                    for change in DealChange.pulled(existing, record, into: card) {
                        try recordChange.execute(DealChangeRow.values(for: change))
                    }
                } else {
                    try insertRow.execute(OpportunityRow.values(for: card))
                    let rowID = db.lastInsertedRowID
                    try indexText.execute(SearchIndex.values(rowID: rowID, card: card))
                    if !inBulkFill { try CardChangeLog.note(db, rowID: rowID) }
                }
                totals.count(card)
                if existing != nil || record.localID != nil {
                    try dropBaseRow.execute([OpportunityRow.key(card.id).databaseValue])
                }
                known[record.remoteID] = card
                if record.localID != nil { byLocalID[card.id] = card }
                nextRank[stage] = max(bottom, card.rank + 1)
                written += 1
            }
            return written
        }
    }
    /// After a complete pull of a pipeline: removes the account's cards of that pipeline that the provider no
    /// longer has (a remote id not in `remoteIDs`), except cards with undelivered changes, and cards whose
    /// change was acknowledged after `askedAt` (the pull's first page was asked for then: a record created or
    /// restored since may be missing from its pages). Cards never sent (no remote id) stay. Returns the number
    /// removed. Each removed card's deletion joins its history, timed by `now` (the pull that found it gone).
    package func removeMissing(
        account: String, pipelineID: String, keeping remoteIDs: Set<String>, askedAt: DeliveryMark? = nil,
        now: Date = Date()
    ) throws -> Int {
        let deliveredSince = try delivered(account: account, since: askedAt)
        // `remoteIDs` can hold a whole pipeline, too many to bind: filter the candidates here instead, streamed
        // (a million rows read at once took hundreds of megabytes), keeping only the few that go.
        var gone: [Row] = []
        let candidates = try Row.fetchCursor(
            db,
            sql: """
                SELECT rowid, id, remote_id, \(StageTotalsTally.Entry.columns) FROM opportunity
                WHERE account = ? AND pipeline_id = ? AND remote_id IS NOT NULL
                  AND id NOT IN (SELECT opportunity_id FROM outbox)
                """, arguments: [account, pipelineID])
        while let row = try candidates.next() {
            let remoteID: String = try row.checked("remote_id")
            if !remoteIDs.contains(remoteID) && !deliveredSince.contains(remoteID) { gone.append(row.copy()) }
        }
        let delete = try db.cachedStatement(sql: "DELETE FROM opportunity WHERE id = ?")
        let dropBase = try db.cachedStatement(sql: "DELETE FROM base WHERE opportunity_id = ?")
        return try keepingStageTotals { totals in
            var removed = 0
            for row in gone {
                let id: String = try row.checked("id")
                if let uuid = UUID(uuidString: id), let card = try OpportunityRow.fetchOne(db, id: uuid) {
                    try record([DealChange.deletion(of: card, at: now, origin: .provider)])
                }
                if let indexed = try SearchIndex.stored(db, key: id) { try SearchIndex.remove(db, indexed) }
                try delete.execute(arguments: [id])
                try CardChangeLog.note(db, rowID: row["rowid"])
                try dropBase.execute(arguments: [id])
                totals.count(try StageTotalsTally.Entry(row: row), sign: -1)
                removed += 1
            }
            return removed
        }
    }

    private struct StageKey: Hashable {
        var pipelineID: String
        var stageID: String
    }

    private struct UndeliveredWork {
        var opportunityIDs: Set<String> = []
        var deletedRemoteIDs: Set<String> = []
    }

    /// The outbox is small (undelivered changes only), so reading it once beats a lookup per record. The merge's
    /// queries run for every page: their statements are kept prepared.
    private func undeliveredWork(account: String) throws -> UndeliveredWork {
        var work = UndeliveredWork()
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT id, account, opportunity_id, operation FROM outbox"))
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

    /// The account's cards with these remote ids, by remote id (bound in chunks: SQLite caps the parameters).
    private func opportunities(account: String, remoteIDs: [String]) throws -> [String: Opportunity] {
        var found: [String: Opportunity] = [:]
        for start in stride(from: 0, to: remoteIDs.count, by: 500) {
            let chunk = remoteIDs[start..<min(start + 500, remoteIDs.count)]
            let marks = chunk.map { _ in "?" }.joined(separator: ", ")
            // Cached: every full page asks with the same number of ids.
            let statement = try db.cachedStatement(
                sql: """
                    SELECT \(OpportunityRow.selection()) FROM opportunity WHERE account = ? AND remote_id IN (\(marks))
                    """)
            let rows = try Row.fetchCursor(statement, arguments: StatementArguments([account] + Array(chunk)))
            while let row = try rows.next() {
                let card = try OpportunityRow.decode(row)
                if let remoteID = card.remoteID { found[remoteID] = card }
            }
        }
        return found
    }

    /// The account's cards with these local ids, by id (bound in chunks, as above).
    private func opportunities(account: String, ids: [UUID]) throws -> [UUID: Opportunity] {
        var found: [UUID: Opportunity] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)]
            let marks = chunk.map { _ in "?" }.joined(separator: ", ")
            let statement = try db.cachedStatement(
                sql: "SELECT \(OpportunityRow.selection()) FROM opportunity WHERE id IN (\(marks))")
            let rows = try Row.fetchCursor(
                statement, arguments: StatementArguments(chunk.map { OpportunityRow.key($0) }))
            while let row = try rows.next() {
                let card = try OpportunityRow.decode(row)
                if card.account == account { found[card.id] = card }
            }
        }
        return found
    }

    /// One past the highest rank in the stage: where a new card goes.
    private func bottomRank(account: String, stage: StageKey) throws -> Int64 {
        let highest = try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT MAX(rank) FROM opportunity WHERE account = ? AND pipeline_id = ? AND stage_id = ?
                    """), arguments: [account, stage.pipelineID, stage.stageID])
        return highest.map { $0 + 1 } ?? 0
    }
}

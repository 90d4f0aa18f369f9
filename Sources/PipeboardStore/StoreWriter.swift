import Foundation
import GRDB
import PipeboardCore

/// The cache during one write transaction (see `CacheStore.write`). It wraps GRDB's `Database`, which is only
/// valid inside that transaction: never keep a writer or let it escape the closure.
public struct StoreWriter {
    let db: Database
    /// True while this store fills in bulk (`fillingInBulk`): a pull's merge then changes the change log's epoch
    /// once per page instead of noting each card (`CardChangeLog`).
    let inBulkFill: Bool

    init(db: Database, inBulkFill: Bool = false) {
        self.db = db
        self.inBulkFill = inBulkFill
    }

    /// Throws `StoreError` of kind `.constraint` when the id (or the account's remote id) is already taken.
    /// With a `source`, the deal's history records its return (a card put back, not a new one).
    package func insert(_ opportunity: Opportunity, recording source: ChangeSource? = nil) throws {
        if let source {
            try record([DealChange.restoration(of: opportunity, at: source.at, origin: source.origin)])
        }
        try keepingStageTotals { totals in
            try db.cachedStatement(sql: OpportunityRow.insertSQL).execute(
                arguments: OpportunityRow.arguments(for: opportunity))
            let rowID = db.lastInsertedRowID
            try SearchIndex.add(db, SearchIndex.Entry(rowID: rowID, card: opportunity))
            try CardChangeLog.note(db, rowID: rowID)
            totals.count(opportunity)
        }
    }

    /// Replaces every field of the row with the same id; a missing row is not an error (nothing to replace).
    /// A card that was its own base keeps that base (`keepPulledBase`). With a `source`, what changed is appended to
    /// the deal's history in the same transaction.
    package func update(_ opportunity: Opportunity, recording source: ChangeSource? = nil) throws {
        if source != nil { try record(from: self.opportunity(id: opportunity.id), to: opportunity, source: source) }
        try keepPulledBase(opportunityID: opportunity.id)
        try keepingStageTotals { totals in
            let key = OpportunityRow.key(opportunity.id)
            guard let replaced = try StageTotalsTally.Entry.fetch(db, id: key),
                let indexed = try SearchIndex.stored(db, key: key)
            else { return }
            try db.cachedStatement(sql: OpportunityRow.updateSQL)
                .execute(arguments: OpportunityRow.updateArguments(for: opportunity))
            try reindex(indexed, as: opportunity)
            try CardChangeLog.note(db, rowID: indexed.rowID)
            totals.count(replaced, sign: -1)
            totals.count(opportunity)
        }
    }

    /// Removes the row only; its outbox entries and its base stay (a pending delete must outlive it). With a
    /// `source`, the deal's history keeps the card as it went (so the board as it was still shows it).
    package func delete(id: UUID, recording source: ChangeSource? = nil) throws {
        if let source, let card = try opportunity(id: id) {
            try record([DealChange.deletion(of: card, at: source.at, origin: source.origin, clock: source.clock)])
        }
        try keepPulledBase(opportunityID: id)
        if let indexed = try SearchIndex.stored(db, key: OpportunityRow.key(id)) {
            try SearchIndex.remove(db, indexed)
        }
        try keepingStageTotals { totals in
            let removed = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        DELETE FROM opportunity WHERE id = ? RETURNING rowid, \(StageTotalsTally.Entry.columns)
                        """), arguments: [OpportunityRow.key(id)])
            for row in removed {
                try CardChangeLog.note(db, rowID: row["rowid"])
                totals.count(try StageTotalsTally.Entry(row: row), sign: -1)
            }
        }
    }

    /// Bulk insert for first pulls and demo data: one prepared statement, executed once per row. The first row
    /// is bound by GRDB, which marks the statement ready; the others are bound directly (see `BulkBinding`).
    /// Kept copies of the cards build anew after it rather than read a log entry per row (`CardChangeLog`).
    public func insertMany(_ opportunities: [Opportunity]) throws {
        guard let first = opportunities.first else { return }
        try CardChangeLog.newEpoch(db)
        let statement = try db.cachedStatement(sql: OpportunityRow.insertSQL)
        try keepingStageTotals { totals in
            var index = RepeatedStatement(try db.cachedStatement(sql: SearchIndex.addSQL))
            statement.setUncheckedArguments(OpportunityRow.arguments(for: first))
            try statement.execute()
            try index.execute(SearchIndex.values(rowID: db.lastInsertedRowID, card: first))
            totals.count(first)
            for opportunity in opportunities.dropFirst() {
                try BulkBinding.rebind(statement, to: OpportunityRow.values(for: opportunity))
                try statement.execute()
                try index.execute(SearchIndex.values(rowID: db.lastInsertedRowID, card: opportunity))
                totals.count(opportunity)
            }
        }
    }

    /// Follows a row's new text in the search index; `indexed` is the entry read before the row was written. A
    /// write that leaves the text as it was (a move, a new value) leaves the index alone.
    func reindex(_ indexed: SearchIndex.Entry, as card: Opportunity) throws {
        let now = SearchIndex.Entry(rowID: indexed.rowID, card: card)
        guard !now.sameText(as: indexed) else { return }
        try SearchIndex.remove(db, indexed)
        try SearchIndex.add(db, now)
    }

    /// Reads inside the transaction, so it sees this transaction's own changes.
    package func opportunity(id: UUID) throws -> Opportunity? {
        try OpportunityRow.fetchOne(db, id: id)
    }
}

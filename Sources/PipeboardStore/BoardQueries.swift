import Foundation
import GRDB
import PipeboardCore

/// The order of cards in a column, everywhere: rank, then age, then id so that equal ranks never flicker.
/// `opportunity_column_order` indexes exactly this, so windows and neighbours read the index in order.
private let columnOrder = "rank, created_at, id"
private let columnOrderDescending = "rank DESC, created_at DESC, id DESC"

extension CacheStore {
    /// The board for one pipeline, in one read transaction: per stage (in order, empty ones included) the count
    /// and per-currency totals over every matching card, plus only the window of cards the board shows.
    /// Cost grows with the windows, not the pipeline: totals come from one GROUP BY over a covering index,
    /// each window from an index range with LIMIT / OFFSET.
    /// A search or filter adds conditions (see FilterSQL); `now` anchors its "days in stage".
    public func columns(account: String, pipeline: Pipeline, query: BoardQuery, now: Date = Date()) throws -> [ColumnSnapshot] {
        let filter = FilterSQL(query.filter, statuses: query.statuses, now: now)
        return try read { db in
            var counts: [String: Int] = [:]
            var totals: [String: MoneyTotals] = [:]
            let groups = try Row.fetchCursor(db, sql: """
                SELECT stage_id, currency, COUNT(*) AS count, SUM(value_micros) AS micros
                FROM opportunity \(filter.readsRows ? "NOT INDEXED" : "")
                WHERE account = ? AND pipeline_id = ? \(filter.sql)
                GROUP BY stage_id, currency
                """, arguments: [account, pipeline.id] + filter.arguments)
            while let group = try groups.next() {
                let stageID: String = try group.checked("stage_id")
                counts[stageID, default: 0] += try group.checked("count") as Int
                // Cards without a value have no currency: they count, but add to no total.
                let currency: String? = try group.checked("currency")
                let micros: Int64? = try group.checked("micros")
                if let currency, let micros {
                    totals[stageID, default: MoneyTotals()].add(Money(micros: micros, currency: currency))
                }
            }
            return try pipeline.stages.map { stage in
                let window = query.window(for: stage.id)
                let cards = window.limit == 0 ? [] : try OpportunityRow.fetchAll(db, sql: """
                    SELECT \(OpportunityRow.selection()) FROM opportunity
                    WHERE account = ? AND pipeline_id = ? AND stage_id = ? \(filter.sql)
                    ORDER BY \(query.sort(for: stage.id).orderSQL) LIMIT ? OFFSET ?
                    """, arguments: [account, pipeline.id, stage.id] + filter.arguments + [window.limit, window.offset])
                return ColumnSnapshot(
                    stage: stage, count: counts[stage.id] ?? 0, totals: totals[stage.id] ?? MoneyTotals(),
                    offset: window.offset, cards: cards)
            }
        }
    }

    /// The card `offset` places away in the same stage (-1 just above, +1 just below), among `statuses`
    /// (empty = all), or nil past either end. Positions are taken from `opportunity` as passed; offset 0
    /// returns the card as stored.
    /// With a filter, the neighbour is the next card that matches it: the one the user sees.
    public func neighbor(
        of opportunity: Opportunity, offset: Int, statuses: Set<OpportunityStatus>, filter boardFilter: BoardFilter = .none, now: Date = Date()
    ) throws -> Opportunity? {
        guard offset != 0 else { return try self.opportunity(id: opportunity.id) }
        let filter = FilterSQL(boardFilter, statuses: statuses, now: now)
        let (comparison, order) = offset > 0 ? (">", columnOrder) : ("<", columnOrderDescending)
        return try read { db in
            try OpportunityRow.fetchOne(db, sql: """
                SELECT \(OpportunityRow.selection()) FROM opportunity
                WHERE account = ? AND pipeline_id = ? AND stage_id = ? \(filter.sql)
                  AND (\(columnOrder)) \(comparison) (?, ?, ?)
                ORDER BY \(order) LIMIT 1 OFFSET ?
                """, arguments: [opportunity.account, opportunity.pipelineID, opportunity.stageID] + filter.arguments
                    + [opportunity.rank, DateColumn.encode(opportunity.createdAt), OpportunityRow.key(opportunity.id),
                       offset.magnitude - 1])
        }
    }

    /// Lowest and highest rank in a stage (over every status), nil when the stage is empty:
    /// what a move to the top or bottom of a column needs.
    public func rankBounds(account: String, pipelineID: String, stageID: String) throws -> ClosedRange<Int64>? {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT MIN(rank) AS low, MAX(rank) AS high FROM opportunity
                WHERE account = ? AND pipeline_id = ? AND stage_id = ?
                """, arguments: [account, pipelineID, stageID])
            guard let low: Int64 = row?["low"], let high: Int64 = row?["high"] else { return nil }
            return low...high
        }
    }
}

import Foundation
import GRDB
import PipeboardCore

extension CacheStore {
    package func opportunity(id: UUID) throws -> Opportunity? {
        try read { try OpportunityRow.fetchOne($0, id: id) }
    }

    package func opportunity(account: String, remoteID: String) throws -> Opportunity? {
        try read { try OpportunityRow.fetchOne($0, account: account, remoteID: remoteID) }
    }

    /// Every opportunity whose id starts with `idPrefix` (case-insensitive, e.g. "3F2A"); the caller decides
    /// whether the match is unique. An empty prefix matches nothing rather than the whole cache.
    package func opportunities(idPrefix: String) throws -> [Opportunity] {
        let prefix = idPrefix.trimmingCharacters(in: .whitespaces).lowercased()
        guard !prefix.isEmpty else { return [] }
        // A range on the primary key instead of LIKE, which SQLite would answer with a full scan.
        // Ids are ASCII, so every id starting with `prefix` sorts below `prefix + U+FFFF`.
        return try read { db in
            try OpportunityRow.fetchAll(
                db,
                sql: """
                    SELECT \(OpportunityRow.selection()) FROM opportunity WHERE id >= ? AND id < ? ORDER BY id
                    """, arguments: [prefix, prefix + "\u{FFFF}"])
        }
    }

    /// The CLI list: an account's cards, optionally of one pipeline and stage, with the given statuses
    /// (empty = all), in board order: pipeline, stage position, rank, creation. Cards of a stage that is not
    /// (or no longer) in the stages table come last in their pipeline. Inside a stage, `sort` orders the cards as
    /// the board's column.
    package func opportunities(
        account: String, pipelineID: String?, stageID: String?, statuses: Set<OpportunityStatus>,
        filter boardFilter: BoardFilter = .none, sort: ColumnSort = .manual, now: Date = Date()
    ) throws -> [Opportunity] {
        let filter = FilterSQL(boardFilter, statuses: statuses, now: now, table: "o")
        // With the search index, its matches are the cards to read: `+` keeps the account off the indexes, which
        // would have SQLite walk every card of the account instead (at 1M cards 480 ms, 115 ms from the index).
        var conditions = [filter.searchesIndex ? "+o.account = ?" : "o.account = ?"]
        var arguments: StatementArguments = [account]
        if let pipelineID {
            conditions.append("o.pipeline_id = ?")
            arguments += [pipelineID]
        }
        if let stageID {
            conditions.append("o.stage_id = ?")
            arguments += [stageID]
        }
        arguments += filter.arguments
        return try read { db in
            try OpportunityRow.fetchAll(
                db,
                sql: """
                    SELECT \(OpportunityRow.selection("o")) FROM opportunity o
                    LEFT JOIN pipeline p ON p.account = o.account AND p.id = o.pipeline_id
                    LEFT JOIN stage s ON s.account = o.account AND s.pipeline_id = o.pipeline_id AND s.id = o.stage_id
                    WHERE \(conditions.joined(separator: " AND ")) \(filter.sql)
                    ORDER BY p.position IS NULL, p.position, o.pipeline_id, s.position IS NULL, s.position, o.stage_id,
                             \(sort.orderSQL(table: "o"))
                    """, arguments: arguments)
        }
    }

    /// True when the cache holds a card of the pipeline that came from the provider (a remote id): only then can a
    /// full pull find cards the provider no longer has.
    package func hasDeliveredCards(account: String, pipelineID: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (
                        SELECT 1 FROM opportunity WHERE account = ? AND pipeline_id = ? AND remote_id IS NOT NULL)
                    """, arguments: [account, pipelineID]) ?? false
        }
    }

    /// Up to `limit` open deals of a pipeline that the provider has (a remote id): those a sync may read one by one.
    package func deliveredOpenDeals(account: String, pipelineID: String, limit: Int) throws -> [Opportunity] {
        try read { db in
            try OpportunityRow.fetchAll(
                db,
                sql: """
                    SELECT \(OpportunityRow.selection()) FROM opportunity
                    WHERE account = ? AND pipeline_id = ? AND +status = 'open' AND remote_id IS NOT NULL
                    ORDER BY stage_id, rank, created_at, id LIMIT ?
                    """, arguments: [account, pipelineID, limit])
        }
    }

    package func count(account: String) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM opportunity WHERE account = ?", arguments: [account]) ?? 0
        }
    }
}

/// The `AND +status IN (...)` clause for a status filter; empty (and therefore free) when every status is shown.
struct StatusFilter {
    let sql: String
    let arguments: StatementArguments

    init(_ statuses: Set<OpportunityStatus>, column: String = "status") {
        if statuses.isEmpty || statuses.count == OpportunityStatus.allCases.count {
            sql = ""
            arguments = []
        } else {
            let values = statuses.map(\.rawValue).sorted()
            // `+` keeps the status a filter over the index's order instead of a search key: as a key, SQLite splits
            // the board's GROUP BY scan by status and sorts it in a temporary b-tree, 2.5x slower at 100k cards.
            sql = "AND +\(column) IN (\(values.map { _ in "?" }.joined(separator: ", ")))"
            arguments = StatementArguments(values)
        }
    }
}

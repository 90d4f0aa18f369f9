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
    /// Cost grows with the windows, not the pipeline: with no filter beyond the statuses the totals are read from
    /// `stage_totals`, which every write keeps (StageTotalsTally); a filter sums them in one GROUP BY over a covering
    /// index (in the index's own order, so it streams without a sort). Each window comes from an index range
    /// with LIMIT / OFFSET. The headers' weighted forecast and average days in stage come from the same sums,
    /// over the open deals. A search or filter adds conditions (see FilterSQL); `now` anchors its "days in stage".
    /// `interruption` ends the read early once its board is no longer wanted (`CancellationError`).
    package func columns(
        account: String, pipeline: Pipeline, query: BoardQuery, now: Date = Date(),
        interruption: ReadInterruption? = nil
    ) throws -> [ColumnSnapshot] {
        return try read { db in
            // The kept search copy is brought to this snapshot uninterrupted: a catch-up stopped half way is lost.
            let mirrored = try mirroredSearch(
                db, account: account, pipelineID: pipeline.id, query: query, interruption: interruption)
            // With the copy's counts, a column read along its order holds more than `sortedSearchMatches` matches.
            let filter = FilterSQL(query.filter, statuses: query.statuses, now: now, narrowing: mirrored == nil)
            guard let interruption else {
                return try columns(
                    db, account: account, pipeline: pipeline, query: query, filter: filter, mirrored: mirrored)
            }
            return try interruption.watching(db) { db in
                try columns(db, account: account, pipeline: pipeline, query: query, filter: filter, mirrored: mirrored)
            }
        }
    }

    /// The matches of a search of words alone (the statuses aside) from the kept copy of the pipeline, when the
    /// board keeps one (`prepareSearch`); nil for any other filter, or without a copy.
    private func mirroredSearch(
        _ db: Database, account: String, pipelineID: String, query: BoardQuery, interruption: ReadInterruption?
    ) throws -> SearchMirror.Matches? {
        let words = query.filter.searchWords
        // A NUL ends a text for LIKE, and the copy's fields end in one: such a word is left to SQL.
        guard !words.isEmpty, query.filter.withoutSearch.isEmpty, !words.contains(where: { $0.utf8.contains(0) })
        else { return nil }
        guard searchMirrors.holds(account: account, pipelineID: pipelineID) else { return nil }
        if let interruption, interruption.isUnwanted() { throw CancellationError() }
        let statuses =
            query.statuses.isEmpty || query.statuses.count == OpportunityStatus.allCases.count
            ? nil : Set(query.statuses.map(\.rawValue))
        return try searchMirrors.matches(
            db, account: account, pipelineID: pipelineID, words: words.map(SearchMirror.folded), statuses: statuses,
            sparseLimit: Self.sortedSearchMatches)
    }

    /// Builds the kept search copy of this pipeline, or brings it up to date: when a board's search opens, before
    /// the first letter is typed (about a second at 1M cards).
    package func prepareSearch(account: String, pipelineID: String) throws {
        try read { db in try searchMirrors.prepare(db, account: account, pipelineID: pipelineID) }
    }

    /// Frees the kept search copy: the board closed.
    package func releaseSearch() {
        searchMirrors.release()
    }

    private func columns(
        _ db: Database, account: String, pipeline: Pipeline, query: BoardQuery, filter: FilterSQL,
        mirrored: SearchMirror.Matches?
    ) throws -> [ColumnSnapshot] {
        var sums: [String: StageSums] = [:]
        let groups: [Row]
        if let mirrored {
            groups = mirrored.groups
        } else if !filter.filtersCards {
            groups = try Row.fetchAll(
                db,
                sql: """
                    SELECT stage_id, status, NULLIF(currency, '') AS currency, count,
                           CASE WHEN valued > 0 THEN micros END AS micros, own_weighted, without_own, entered
                    FROM stage_totals
                    WHERE account = ? AND pipeline_id = ? \(filter.sql)
                    """, arguments: [account, pipeline.id] + filter.arguments)
        } else if filter.readsRows {
            // Read in table order: summed as they come (`GroupSums`), where a GROUP BY would sort them first.
            let statement = try db.makeStatement(
                sql: """
                    SELECT \(GroupSums.selection) FROM opportunity NOT INDEXED
                    WHERE account = ? AND pipeline_id = ? \(filter.sql)
                    """)
            try statement.setArguments([account, pipeline.id] + filter.arguments)
            groups = try GroupSums.read(statement)
        } else {
            groups = try Row.fetchAll(
                db,
                sql: """
                    SELECT stage_id, status, currency, COUNT(*) AS count, SUM(value_micros) AS micros,
                           SUM(value_micros * probability) AS own_weighted,
                           SUM(CASE WHEN probability IS NULL THEN value_micros END) AS without_own,
                           SUM(stage_changed_at) AS entered
                    FROM opportunity
                    WHERE account = ? AND pipeline_id = ? \(filter.sql)
                    GROUP BY stage_id, status, currency
                    """, arguments: [account, pipeline.id] + filter.arguments)
        }
        let probabilities = Dictionary(
            pipeline.stages.map { ($0.id, $0.probability) }, uniquingKeysWith: { first, _ in first })
        for group in groups {
            let stageID: String = try group.checked("stage_id")
            try sums[stageID, default: StageSums()].add(group, stageProbability: probabilities[stageID] ?? nil)
        }
        var columns = try pipeline.stages.map { stage in
            let window = query.window(for: stage.id)
            let stageSums = sums[stage.id] ?? StageSums()
            // A column with nothing to show is not read: under a status filter (the open deals) a column of
            // closed deals would otherwise be walked card by card to find none (26 ms at 300k).
            // A column with few matches of the search index reads just those and sorts them; walking the column
            // in order would read every card of the stage to find them (`+` keeps the account off the index).
            let fromSearchIndex = filter.searchesIndex && stageSums.count <= Self.sortedSearchMatches
            let accountKey = fromSearchIndex ? "+account" : "account"
            // The kept copy knows the rows of a column with few matches: read by rowid, then sorted.
            let known = mirrored?.sparse[stage.id]
            let cards =
                window.limit == 0 || stageSums.count <= window.offset
                ? []
                : try known.map { rowIDs in
                    try OpportunityRow.fetchAll(
                        db,
                        sql: """
                            SELECT \(OpportunityRow.selection()) FROM opportunity
                            WHERE rowid IN (SELECT value FROM json_each(?))
                            ORDER BY \(query.sort(for: stage.id).orderSQL) LIMIT ? OFFSET ?
                            """,
                        arguments: [
                            SearchMirror.rowIDList(rowIDs), window.limit,
                            window.offset,
                        ])
                }
                    ?? OpportunityRow.fetchAll(
                        db,
                        sql: """
                            SELECT \(OpportunityRow.selection()) FROM opportunity
                            WHERE \(accountKey) = ? AND pipeline_id = ? AND stage_id = ? \(filter.sql)
                            ORDER BY \(query.sort(for: stage.id).orderSQL) LIMIT ? OFFSET ?
                            """,
                        arguments: [account, pipeline.id, stage.id] + filter.arguments + [window.limit, window.offset])
            return ColumnSnapshot(
                stage: stage, count: stageSums.count, totals: stageSums.totals, offset: window.offset, cards: cards,
                openCount: stageSums.openCount, openTotals: stageSums.openTotals, weighted: stageSums.weighted,
                averageStageEntry: stageSums.averageEntry)
        }
        // The cards' next steps, in one query for every window rather than one per card.
        let shown = columns.flatMap { $0.cards.map(\.id) }
        let steps = try fetchNextSteps(db, for: shown)
        // Their latest notes and finished tasks, which count as activity for staleness.
        let activity = try fetchLastActivity(db, for: shown)
        for index in columns.indices {
            for card in columns[index].cards {
                columns[index].nextSteps[card.id] = steps[card.id]
                columns[index].lastActivity[card.id] = activity[card.id]
            }
        }
        return columns
    }

    /// Up to this many matches of the search index in a column are read and sorted rather than found along the
    /// column's order, where denser matches soon fill the window.
    static let sortedSearchMatches = 2_000

    /// The card `offset` places away in the same stage (-1 just above, +1 just below), among `statuses`
    /// (empty = all), or nil past either end. Positions are taken from `opportunity` as passed; offset 0
    /// returns the card as stored.
    /// With a filter, the neighbour is the next card that matches it: the one the user sees.
    package func neighbor(
        of opportunity: Opportunity, offset: Int, statuses: Set<OpportunityStatus>,
        filter boardFilter: BoardFilter = .none, now: Date = Date()
    ) throws -> Opportunity? {
        guard offset != 0 else { return try self.opportunity(id: opportunity.id) }
        let filter = FilterSQL(boardFilter, statuses: statuses, now: now)
        let (comparison, order) = offset > 0 ? (">", columnOrder) : ("<", columnOrderDescending)
        return try read { db in
            try OpportunityRow.fetchOne(
                db,
                sql: """
                    SELECT \(OpportunityRow.selection()) FROM opportunity
                    WHERE account = ? AND pipeline_id = ? AND stage_id = ? \(filter.sql)
                      AND (\(columnOrder)) \(comparison) (?, ?, ?)
                    ORDER BY \(order) LIMIT 1 OFFSET ?
                    """,
                arguments: [opportunity.account, opportunity.pipelineID, opportunity.stageID] + filter.arguments
                    + [
                        opportunity.rank, DateColumn.encode(opportunity.createdAt), OpportunityRow.key(opportunity.id),
                        offset.magnitude - 1,
                    ])
        }
    }

    /// Lowest and highest rank in a stage (over every status), nil when the stage is empty:
    /// what a move to the top or bottom of a column needs.
    package func rankBounds(account: String, pipelineID: String, stageID: String) throws -> ClosedRange<Int64>? {
        try read { db in
            let row = try Row.fetchOne(db, sql: Self.rankBoundsSQL, arguments: [account, pipelineID, stageID])
            guard let low: Int64 = row?["low"], let high: Int64 = row?["high"] else { return nil }
            return low...high
        }
    }

    /// One lookup at each end of the column's index: SQLite answers a lone MIN or MAX that way, but a query with
    /// both reads every card of the stage (23 ms of CPU for a column of 325k cards, each move).
    static let rankBoundsSQL = """
        SELECT (SELECT MIN(rank) FROM opportunity WHERE account = ?1 AND pipeline_id = ?2 AND stage_id = ?3) AS low,
               (SELECT MAX(rank) FROM opportunity WHERE account = ?1 AND pipeline_id = ?2 AND stage_id = ?3) AS high
        """
}

/// One stage's figures summed over the status and currency groups of the board's aggregate query.
private struct StageSums {
    var count = 0
    var totals = MoneyTotals()
    var openCount = 0
    var openTotals = MoneyTotals()
    var weighted = MoneyTotals()
    var enteredSum = 0.0

    /// Adds one (stage, status, currency) group. The open deals' figures are the sums of the open group: the query
    /// sums plainly and the status decides here, which keeps SQL's per-row work to the sums (a third less).
    mutating func add(_ group: Row, stageProbability: Double?) throws {
        let groupCount: Int = try group.checked("count")
        let isOpen = try group.checked("status") as String == OpportunityStatus.open.rawValue
        count += groupCount
        if isOpen {
            openCount += groupCount
            enteredSum += try group.checked("entered") as Double? ?? 0
        }
        // Cards without a value have no currency: they count, but add to no total.
        guard let currency: String = try group.checked("currency") else { return }
        let micros: Int64? = try group.checked("micros")
        if let micros { totals.add(Money(micros: micros, currency: currency)) }
        guard isOpen else { return }
        openTotals.add(Money(micros: micros ?? 0, currency: currency))
        let sums = WeightedSums(
            currency: currency, ownWeightedMicros: try group.checked("own_weighted") as Double? ?? 0,
            withoutOwnMicros: try group.checked("without_own") as Int64? ?? 0)
        weighted.add(sums.weighted(stageProbability: stageProbability))
    }

    var averageEntry: Date? {
        openCount > 0 ? DateColumn.decode(enteredSum / Double(openCount)) : nil
    }
}

extension CacheStore {
    /// The index of `card` in its column among the cards that match `statuses` and `filter`, in the order `sort`
    /// gives the column; nil when they hide it. One query over the column's index range, whatever its size.
    package func position(
        of card: Opportunity, statuses: Set<OpportunityStatus>, filter boardFilter: BoardFilter, sort: ColumnSort,
        now: Date = Date()
    ) throws -> Int? {
        let filter = FilterSQL(boardFilter, statuses: statuses, now: now)
        return try read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT position FROM (
                        SELECT id, ROW_NUMBER() OVER (ORDER BY \(sort.orderSQL)) - 1 AS position FROM opportunity
                        WHERE account = ? AND pipeline_id = ? AND stage_id = ? \(filter.sql))
                    WHERE id = ?
                    """,
                arguments: [card.account, card.pipelineID, card.stageID] + filter.arguments
                    + [OpportunityRow.key(card.id)])
        }
    }
}

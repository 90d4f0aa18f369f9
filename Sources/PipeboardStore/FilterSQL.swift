import Foundation
import GRDB
import PipeboardCore

/// The `AND ...` conditions for a BoardFilter plus a status set, with their arguments; empty when nothing is
/// filtered, so the plain board keeps answering from its covering indexes. `now` anchors "days in stage".
struct FilterSQL {
    private(set) var sql = ""
    private(set) var arguments: StatementArguments = []
    /// True when a condition needs columns that no index covers (text, dates, tags): then reading the table
    /// straight through beats walking an index and looking up each row (about 5x at 100k cards).
    private(set) var readsRows = false
    /// True when any condition beyond the status set applies: then a board's counts and totals are summed over
    /// the matching cards instead of read from `stage_totals`.
    private(set) var filtersCards = false
    /// True when the search index narrows the cards (a search word of three characters or more).
    private(set) var searchesIndex = false

    /// `narrowing` false leaves the search index out: for a read along a column's order where matches are known to be
    /// dense, which finds its window in a few hundred rows where the index's match set costs milliseconds to make.
    init(
        _ filter: BoardFilter, statuses: Set<OpportunityStatus> = [], now: Date, table: String? = nil,
        narrowing: Bool = true
    ) {
        let column = { (name: String) in table.map { "\($0).\(name)" } ?? name }
        let status = StatusFilter(statuses, column: column("status"))
        sql = status.sql
        arguments = status.arguments
        // Words of three characters or more narrow the cards through the search index first; LIKE still decides.
        if narrowing, let match = SearchIndex.match(filter.searchWords) {
            add(
                "\(table ?? "opportunity").rowid IN "
                    + "(SELECT rowid FROM opportunity_search WHERE opportunity_search MATCH ?)",
                [match])
            searchesIndex = true
        }
        for word in filter.searchWords {
            let pattern = "%" + Self.escapedForLike(word) + "%"
            add(
                "(\(column("name")) LIKE ? ESCAPE '\\' OR \(column("contact_name")) LIKE ? ESCAPE '\\' OR "
                    + "\(column("company_name")) LIKE ? ESCAPE '\\')",
                [pattern, pattern, pattern])
        }
        addAny(column("owner"), filter.owners)
        if filter.namesStatus {
            var parts: [String] = []
            var values: [String] = []
            if !filter.statuses.isEmpty {
                let names = filter.statuses.map(\.rawValue).sorted()
                parts.append("\(column("status")) IN (\(Self.marks(names.count)))")
                values += names
            }
            if !filter.providerStatuses.isEmpty {
                parts.append("lower(\(column("provider_status"))) IN (\(Self.marks(filter.providerStatuses.count)))")
                values += filter.providerStatuses.map { $0.lowercased() }
            }
            add("(" + parts.joined(separator: " OR ") + ")", values)
        }
        if let low = filter.minValueMicros { add("\(column("value_micros")) >= ?", [low], readsRows: false) }
        if let high = filter.maxValueMicros { add("\(column("value_micros")) <= ?", [high], readsRows: false) }
        // N whole days in the stage means entered at least N days ago and less than N + 1 days ago.
        if let low = filter.minAgeDays {
            add("\(column("stage_changed_at")) <= ?", [DateColumn.encode(now) - Double(low) * 86_400])
        }
        if let high = filter.maxAgeDays {
            add("\(column("stage_changed_at")) > ?", [DateColumn.encode(now) - Double(high + 1) * 86_400])
        }
        addAny(column("source"), filter.sources)
        if !filter.tags.isEmpty {
            add(
                "EXISTS (SELECT 1 FROM json_each(\(column("tags"))) WHERE lower(json_each.value) IN "
                    + "(\(Self.marks(filter.tags.count))))",
                filter.tags.map { $0.lowercased() })
        }
        addNextStep(filter, id: "\(table ?? "opportunity").id", status: column("status"), now: now)
    }

    /// An open deal whose earliest open task is overdue (then some open task is), or that has none; `today` is
    /// the UTC day of `now`. Probes `task_next_step` per card, in SQL: never a query per card from here.
    private mutating func addNextStep(_ filter: BoardFilter, id: String, status: String, now: Date) {
        guard filter.namesNextStep else { return }
        let openTask = "SELECT 1 FROM task WHERE task.opportunity_id = \(id) AND task.done = 0"
        var parts: [String] = []
        var values: [any DatabaseValueConvertible] = [OpportunityStatus.open.rawValue]
        if filter.overdue {
            parts.append("EXISTS (\(openTask) AND task.due_day < ?)")
            values.append(ISODay.string(from: now))
        }
        if filter.noNextStep { parts.append("NOT EXISTS (\(openTask))") }
        add("(\(status) = ? AND (\(parts.joined(separator: " OR "))))", values)
    }

    private mutating func add(_ condition: String, _ values: [any DatabaseValueConvertible], readsRows: Bool = true) {
        self.readsRows = self.readsRows || readsRows
        filtersCards = true
        sql += " AND " + condition
        arguments += StatementArguments(values)
    }

    /// `lower(column) IN (...)`: any of the values, ignoring case.
    private mutating func addAny(_ column: String, _ values: [String]) {
        guard !values.isEmpty else { return }
        add("lower(\(column)) IN (\(Self.marks(values.count)))", values.map { $0.lowercased() })
    }

    private static func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    /// LIKE treats % and _ as wildcards; a user searching for "50%" means the characters.
    static func escapedForLike(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

extension ColumnSort {
    /// The ORDER BY of a column; every order ends in the id so that equal keys never flicker.
    var orderSQL: String { orderSQL(table: nil) }

    /// The same with each column named by `table` (`o.rank`), for a query that joins other tables.
    func orderSQL(table: String?) -> String {
        let column = { (name: String) in table.map { "\($0).\(name)" } ?? name }
        let tie = [column("rank"), column("created_at"), column("id")].joined(separator: ", ")
        switch self {
        case .manual: return tie
        case .value: return "\(column("value_micros")) IS NULL, \(column("value_micros")) DESC, \(tie)"
        case .age: return "\(column("stage_changed_at")), \(column("id"))"
        case .closeDate: return "\(column("close_date")) IS NULL, \(column("close_date")), \(tie)"
        case .name: return "\(column("name")) COLLATE NOCASE, \(column("id"))"
        case .nextStep:
            // The earliest open task's due key (`task_next_step`), "~" for an undated one; no task sorts last.
            let key =
                "(SELECT MIN(due_key) FROM task WHERE task.opportunity_id = \(table ?? "opportunity").id "
                + "AND task.done = 0)"
            return "\(key) IS NULL, \(key), \(tie)"
        }
    }
}

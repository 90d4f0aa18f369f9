import Foundation
import GRDB
import PipeboardCore

/// What a batch of card writes adds to `stage_totals` (Schema.keepStageTotals) and to `outcome_day_totals`
/// (Schema.keepOutcomeDays), summed here and written in one statement per group. Every write to a card's tracked
/// columns goes through `StoreWriter.keepingStageTotals`: SQLite triggers would do the same with less code, but a
/// table with triggers makes every single-row write open a statement journal, which cost a pull a quarter of its
/// speed.
struct StageTotalsTally {
    /// What one card adds to its group: its key and the figures the sums read.
    struct Entry {
        /// The columns `init(row:)` reads, for a SELECT or a RETURNING clause.
        static let columns = """
            account, pipeline_id, stage_id, status, currency, value_micros, probability, stage_changed_at, \
            status_changed_at, updated_at
            """

        fileprivate var key: Key
        fileprivate var micros: Int64?
        fileprivate var probability: Double?
        fileprivate var entered: Double
        /// The UTC day a won or lost card closed on (`WeeklyOutcomes.dayNumber`); nil for the others.
        fileprivate var closedDay: Int?

        init(_ card: Opportunity) {
            key = Key(
                account: card.account, pipelineID: card.pipelineID, stageID: card.stageID,
                status: card.status.rawValue, currency: card.value?.currency ?? "")
            micros = card.value?.micros
            probability = card.probability
            entered = DateColumn.encode(card.stageChangedAt)
            closedDay = Self.closingDay(card.status.rawValue, card.statusChangedAt ?? card.updatedAt)
        }

        init(row: Row) throws {
            key = Key(
                account: try row.checked("account"), pipelineID: try row.checked("pipeline_id"),
                stageID: try row.checked("stage_id"), status: try row.checked("status"),
                currency: try row.checked("currency") as String? ?? "")
            micros = try row.checked("value_micros")
            probability = try row.checked("probability")
            entered = try row.checked("stage_changed_at")
            let closed: Double = try row.checked("status_changed_at") ?? row.checked("updated_at")
            closedDay = Self.closingDay(key.status, DateColumn.decode(closed))
        }

        private static func closingDay(_ status: String, _ changed: Date) -> Int? {
            status == OpportunityStatus.won.rawValue || status == OpportunityStatus.lost.rawValue
                ? WeeklyOutcomes.dayNumber(of: changed) : nil
        }

        /// The stored card's entry, or nil when there is no such card.
        static func fetch(_ db: Database, id: String) throws -> Entry? {
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT \(columns) FROM opportunity WHERE id = ?"), arguments: [id]
            )
            .map(Entry.init(row:))
        }
    }

    fileprivate struct Key: Hashable {
        var account, pipelineID, stageID, status, currency: String
    }

    private struct DayKey: Hashable {
        var key: Key
        var day: Int
    }

    private struct Sums {
        var count: Int64 = 0, valued: Int64 = 0, micros: Int64 = 0, withoutOwn: Int64 = 0
        var ownWeighted = 0.0, entered = 0.0

        var isZero: Bool {
            count == 0 && valued == 0 && micros == 0 && withoutOwn == 0 && ownWeighted == 0 && entered == 0
        }
    }

    /// A page touches a handful of groups (stages × statuses × currencies): a short list searched for each card costs
    /// less than hashing five strings.
    private var groups: [(key: Key, sums: Sums)] = []
    /// Closed cards by group and day: a pull's page of closed deals spans many days, so these are hashed.
    private var closedDays: [DayKey: (count: Int64, micros: Int64)] = [:]

    /// A card written (`sign` 1) or the row it replaced or removed (`sign` -1).
    mutating func count(_ entry: Entry, sign: Int64 = 1) {
        let index = groups.lastIndex { $0.key == entry.key } ?? newGroup(entry.key)
        groups[index].sums.count += sign
        groups[index].sums.valued += entry.micros == nil ? 0 : sign
        groups[index].sums.micros += sign * (entry.micros ?? 0)
        groups[index].sums.withoutOwn += entry.probability == nil ? sign * (entry.micros ?? 0) : 0
        if let micros = entry.micros, let probability = entry.probability {
            groups[index].sums.ownWeighted += Double(sign) * Double(micros) * probability
        }
        groups[index].sums.entered += Double(sign) * entry.entered
        countClosedDay(entry, sign: sign)
    }

    private mutating func countClosedDay(_ entry: Entry, sign: Int64) {
        guard let day = entry.closedDay else { return }
        let group = DayKey(key: entry.key, day: day)
        closedDays[group, default: (0, 0)].count += sign
        closedDays[group, default: (0, 0)].micros += sign * (entry.micros ?? 0)
    }

    mutating func count(_ card: Opportunity, sign: Int64 = 1) {
        count(Entry(card), sign: sign)
    }

    private mutating func newGroup(_ key: Key) -> Int {
        groups.append((key, Sums()))
        return groups.count - 1
    }

    /// Adds the tally to `stage_totals`; a group left without cards goes.
    func write(_ db: Database) throws {
        let add = try db.cachedStatement(
            sql: """
                INSERT INTO stage_totals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO UPDATE SET count = count + excluded.count, valued = valued + excluded.valued,
                        micros = micros + excluded.micros, own_weighted = own_weighted + excluded.own_weighted,
                        without_own = without_own + excluded.without_own, entered = entered + excluded.entered
                """)
        let dropEmpty = try db.cachedStatement(
            sql: """
                DELETE FROM stage_totals
                WHERE account = ? AND pipeline_id = ? AND stage_id = ? AND status = ? AND currency = ? AND count = 0
                """)
        for (key, sums) in groups where !sums.isZero {
            let keyValues: [any DatabaseValueConvertible] = [
                key.account, key.pipelineID, key.stageID, key.status, key.currency,
            ]
            try add.execute(
                arguments: StatementArguments(
                    keyValues + [
                        sums.count, sums.valued, sums.micros, sums.ownWeighted, sums.withoutOwn, sums.entered,
                    ] as [any DatabaseValueConvertible]))
            if sums.count < 0 { try dropEmpty.execute(arguments: StatementArguments(keyValues)) }
        }
        try writeClosedDays(db)
    }

    /// Adds the closed cards' days to `outcome_day_totals`; a day left without cards goes.
    private func writeClosedDays(_ db: Database) throws {
        guard !closedDays.isEmpty else { return }
        let add = try db.cachedStatement(
            sql: """
                INSERT INTO outcome_day_totals VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO UPDATE SET count = count + excluded.count, micros = micros + excluded.micros
                """)
        let dropEmpty = try db.cachedStatement(
            sql: """
                DELETE FROM outcome_day_totals
                WHERE account = ? AND pipeline_id = ? AND status = ? AND day = ? AND stage_id = ? AND currency = ?
                  AND count = 0
                """)
        for (group, sums) in closedDays where sums.count != 0 || sums.micros != 0 {
            let key = group.key
            let keyValues: [any DatabaseValueConvertible] = [
                key.account, key.pipelineID, key.status, group.day, key.stageID, key.currency,
            ]
            try add.execute(arguments: StatementArguments(keyValues + [sums.count, sums.micros]))
            if sums.count < 0 { try dropEmpty.execute(arguments: StatementArguments(keyValues)) }
        }
    }

    /// `stage_totals` summed anew from the cards: on upgrade, and after rows were copied in by SQL alone.
    static func refill(_ db: Database) throws {
        try db.execute(
            sql: """
                DELETE FROM stage_totals;
                INSERT INTO stage_totals
                    SELECT account, pipeline_id, stage_id, status, coalesce(currency, ''),
                           COUNT(*), COUNT(value_micros),
                           coalesce(SUM(value_micros), 0), coalesce(SUM(value_micros * probability), 0.0),
                           coalesce(SUM(CASE WHEN probability IS NULL THEN value_micros END), 0), SUM(stage_changed_at)
                    FROM opportunity GROUP BY account, pipeline_id, stage_id, status, coalesce(currency, '');
                """)
    }

    /// `outcome_day_totals` summed anew from the closed cards, through the same day arithmetic as every write.
    static func refillClosedDays(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM outcome_day_totals")
        var tally = StageTotalsTally()
        let closed = try Row.fetchCursor(
            db, sql: "SELECT \(Entry.columns) FROM opportunity WHERE status IN ('won', 'lost')")
        while let row = try closed.next() { tally.countClosedDay(try Entry(row: row), sign: 1) }
        try tally.writeClosedDays(db)
    }
}

extension StoreWriter {
    /// Runs `body`, then adds what it tallied, also when it throws: the caller may keep the rest of the
    /// transaction, and the totals must still match its cards.
    func keepingStageTotals<T>(_ body: (inout StageTotalsTally) throws -> T) throws -> T {
        var tally = StageTotalsTally()
        let outcome = Result { try body(&tally) }
        try tally.write(db)
        return try outcome.get()
    }
}

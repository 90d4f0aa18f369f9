import GRDB
import PipeboardCore

/// What a batch of writes adds to `stage_totals`, summed here and written in one statement per group, for the
/// pull's merge: the triggers (Schema.keepStageTotals) would run a statement per card. The sums are the triggers'.
struct StageTotalsTally {
    private struct Key: Equatable {
        var account, pipelineID, stageID, status, currency: String
    }

    private struct Sums {
        var count: Int64 = 0, valued: Int64 = 0, micros: Int64 = 0, withoutOwn: Int64 = 0
        var ownWeighted = 0.0, entered = 0.0

        var isZero: Bool { count == 0 && valued == 0 && micros == 0 && withoutOwn == 0 && ownWeighted == 0 && entered == 0 }
    }

    /// A page touches a handful of groups (stages × statuses × currencies): a short list searched for each card costs
    /// less than hashing five strings.
    private var groups: [(key: Key, sums: Sums)] = []

    /// A card written (`sign` 1) or the row it replaced (`sign` -1).
    mutating func count(_ card: Opportunity, sign: Int64 = 1) {
        let key = Key(account: card.account, pipelineID: card.pipelineID, stageID: card.stageID,
                      status: card.status.rawValue, currency: card.value?.currency ?? "")
        let index = groups.lastIndex { $0.key == key } ?? newGroup(key)
        let micros = card.value?.micros
        groups[index].sums.count += sign
        groups[index].sums.valued += micros == nil ? 0 : sign
        groups[index].sums.micros += sign * (micros ?? 0)
        groups[index].sums.withoutOwn += card.probability == nil ? sign * (micros ?? 0) : 0
        if let micros, let probability = card.probability {
            groups[index].sums.ownWeighted += Double(sign) * Double(micros) * probability
        }
        groups[index].sums.entered += Double(sign) * DateColumn.encode(card.stageChangedAt)
    }

    private mutating func newGroup(_ key: Key) -> Int {
        groups.append((key, Sums()))
        return groups.count - 1
    }

    /// Adds the tally to `stage_totals`; a group left without cards goes, as the triggers do.
    func write(_ db: Database) throws {
        let add = try db.cachedStatement(sql: """
            INSERT INTO stage_totals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET count = count + excluded.count, valued = valued + excluded.valued,
                    micros = micros + excluded.micros, own_weighted = own_weighted + excluded.own_weighted,
                    without_own = without_own + excluded.without_own, entered = entered + excluded.entered
            """)
        let dropEmpty = try db.cachedStatement(sql: """
            DELETE FROM stage_totals
            WHERE account = ? AND pipeline_id = ? AND stage_id = ? AND status = ? AND currency = ? AND count = 0
            """)
        for (key, sums) in groups where !sums.isZero {
            let keyValues: [any DatabaseValueConvertible] = [key.account, key.pipelineID, key.stageID, key.status, key.currency]
            try add.execute(arguments: StatementArguments(keyValues + [
                sums.count, sums.valued, sums.micros, sums.ownWeighted, sums.withoutOwn, sums.entered,
            ] as [any DatabaseValueConvertible]))
            if sums.count < 0 { try dropEmpty.execute(arguments: StatementArguments(keyValues)) }
        }
    }
}

extension StoreWriter {
    /// Runs `body` with the `stage_totals` triggers paused and then adds what `body` tallied, also when it throws:
    /// the caller may keep the rest of the transaction, and the totals must still match its cards.
    func keepingStageTotals<T>(_ body: (inout StageTotalsTally) throws -> T) throws -> T {
        try db.cachedStatement(sql: "INSERT INTO stage_totals_paused (writer) VALUES (1)").execute()
        var tally = StageTotalsTally()
        let outcome = Result { try body(&tally) }
        try db.cachedStatement(sql: "DELETE FROM stage_totals_paused").execute()
        try tally.write(db)
        return try outcome.get()
    }
}

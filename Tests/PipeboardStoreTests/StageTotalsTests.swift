import Foundation
import GRDB
import PipeboardCore
import Testing
@testable import PipeboardStore

/// `stage_totals` must always hold what summing the cards gives: after inserts, every kind of update, deletes,
/// a pull's merge and the removal of cards a provider no longer has (each tallied by the writer), and on a cache
/// migrated from before the table existed.
@Suite("Kept stage totals")
struct StageTotalsTests {
    /// One group's sums, from the kept table or from the cards.
    struct Group: Equatable, CustomStringConvertible {
        var key: String
        var count: Int64, valued: Int64, micros: Int64, withoutOwn: Int64
        var ownWeighted: Double, entered: Double

        /// Integers exactly; the two real sums to their last few bits, since they are added in another order (and a
        /// kept sum that went up and down again may keep a residue: 1e-7 micros where the cards sum to 0).
        static func == (a: Group, b: Group) -> Bool {
            func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= max(1e-9 * max(abs(x), abs(y)), 1e-3) }
            return a.key == b.key && a.count == b.count && a.valued == b.valued && a.micros == b.micros
                && a.withoutOwn == b.withoutOwn && close(a.ownWeighted, b.ownWeighted) && close(a.entered, b.entered)
        }

        var description: String {
            "\(key): \(count) cards, \(valued) valued, \(micros) µ, \(withoutOwn) without own, "
                + "\(ownWeighted) weighted, \(entered) entered"
        }
    }

    static let summedSQL = """
        SELECT account || '/' || pipeline_id || '/' || stage_id || '/' || status || '/' || coalesce(currency, '')
                   AS key,
               COUNT(*) AS count, COUNT(value_micros) AS valued, coalesce(SUM(value_micros), 0) AS micros,
               coalesce(SUM(CASE WHEN probability IS NULL THEN value_micros END), 0) AS without_own,
               coalesce(SUM(value_micros * probability), 0.0) AS own_weighted, SUM(stage_changed_at) AS entered
        FROM opportunity GROUP BY key ORDER BY key
        """
    static let keptSQL = """
        SELECT account || '/' || pipeline_id || '/' || stage_id || '/' || status || '/' || currency AS key,
               count, valued, micros, without_own, own_weighted, entered
        FROM stage_totals ORDER BY key
        """

    static func groups(_ db: Database, _ sql: String) throws -> [Group] {
        try Row.fetchAll(db, sql: sql).map { row in
            Group(
                key: row["key"], count: row["count"], valued: row["valued"], micros: row["micros"],
                withoutOwn: row["without_own"], ownWeighted: row["own_weighted"], entered: row["entered"])
        }
    }

    /// The won / lost weeks' sums per closing day, kept and summed from the cards (times here are after 2001, so
    /// truncating is the floor `WeeklyOutcomes.dayNumber` takes).
    static let closedDaysSummedSQL = """
        SELECT account || '/' || pipeline_id || '/' || status || '/'
                   || CAST(coalesce(status_changed_at, updated_at) / 86400 AS INTEGER) || '/' || stage_id || '/'
                   || coalesce(currency, '') AS key,
               COUNT(*) || ' cards, ' || coalesce(SUM(value_micros), 0) || ' µ' AS sums
        FROM opportunity WHERE status IN ('won', 'lost') GROUP BY key ORDER BY key
        """
    static let closedDaysKeptSQL = """
        SELECT account || '/' || pipeline_id || '/' || status || '/' || day || '/' || stage_id || '/' || currency
                   AS key,
               count || ' cards, ' || micros || ' µ' AS sums
        FROM outcome_day_totals ORDER BY key
        """

    static func closedDays(_ db: Database, _ sql: String) throws -> [String] {
        try Row.fetchAll(db, sql: sql).map { "\($0["key"] as String): \($0["sums"] as String)" }
    }

    func expectKeptEqualsSummed(_ store: CacheStore, _ step: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let (kept, summed) = try store.read { db in
            (try Self.groups(db, Self.keptSQL), try Self.groups(db, Self.summedSQL))
        }
        #expect(kept == summed, "after \(step)", sourceLocation: sourceLocation)
        let (keptDays, summedDays) = try store.read { db in
            (try Self.closedDays(db, Self.closedDaysKeptSQL), try Self.closedDays(db, Self.closedDaysSummedSQL))
        }
        #expect(keptDays == summedDays, "closing days after \(step)", sourceLocation: sourceLocation)
    }

    /// Cards of two accounts, several stages, statuses and currencies, some without a value or a probability.
    static func cards(_ count: Int, seed: UInt64) -> [Opportunity] {
        var random = SplitMix64(seed: seed)
        let stages = ["lead", "qualified", "won"], currencies = ["USD", "EUR", nil]
        return (0..<count).map { index in
            let roll = random.next()
            var card = card(
                "deal \(index)", account: roll % 5 == 0 ? "other" : "acme", stage: stages[Int(roll % 3)],
                rank: Int64(index),
                status: roll % 7 == 0 ? .lost : (roll % 3 == 2 ? .won : .open))
            if let currency = currencies[Int((roll >> 8) % 3)] {
                card.value = Money(micros: Int64(random.next() % 50_000) * 10_000 + 1, currency: currency)
            }
            card.probability = (roll >> 16) % 2 == 0 ? nil : Double((roll >> 20) % 100) / 100
            card.stageChangedAt = referenceNow.addingTimeInterval(-Double(random.next() % 9_000_000) - 0.123)
            card.updatedAt = card.stageChangedAt.addingTimeInterval(Double(random.next() % 300_000))
            card.statusChangedAt = roll % 4 == 0 ? nil : card.updatedAt.addingTimeInterval(-Double(roll % 200_000))
            return card
        }
    }

    @Test func theKeptTotalsFollowEveryKindOfChange() throws {
        let store = try CacheStore.inMemory()
        var cards = Self.cards(300, seed: 7)
        try store.seed(cards)
        try expectKeptEqualsSummed(store, "the first insert")

        var random = SplitMix64(seed: 11)
        try store.write { writer in
            for index in stride(from: 0, to: cards.count, by: 3) {
                var card = cards[index]
                switch random.next() % 7 {
                case 0: card.stageID = ["lead", "qualified", "won"][Int(random.next() % 3)]
                case 1: card.status = [.open, .won, .lost, .abandoned][Int(random.next() % 4)]
                case 2:
                    card.value =
                        random.next() % 4 == 0 ? nil : Money(micros: Int64(random.next() % 9_999_999), currency: "GBP")
                case 3: card.probability = random.next() % 2 == 0 ? nil : 0.35
                case 4: card.stageChangedAt = card.stageChangedAt.addingTimeInterval(86_400.5)
                case 5: // another closing day, or none kept (then the update time decides)
                    card.statusChangedAt = random.next() % 3 == 0 ? nil : referenceNow.addingTimeInterval(-43_200.25)
                    card.updatedAt = card.updatedAt.addingTimeInterval(3 * 86_400)
                default: card.name += " (renamed)" // no figure changes
                }
                try writer.update(card)
                cards[index] = card
            }
        }
        try expectKeptEqualsSummed(store, "updates of every tracked column")

        try store.write { writer in
            for index in stride(from: 1, to: cards.count, by: 4) { try writer.delete(id: cards[index].id) }
        }
        try expectKeptEqualsSummed(store, "deletes")

        // A pull: known records updated in place, new ones inserted, as the merge writes them.
        let pulled: [RemoteOpportunity] = (0..<40).map { (index: Int) -> RemoteOpportunity in
            let even = index % 2 == 0
            return RemoteOpportunity(
                remoteID: "r\(index)", pipelineID: "sales", stageID: even ? "lead" : "won", name: "pulled \(index)",
                value: Money(micros: Int64(index) * 1_000_000, currency: "USD"), status: even ? .open : .won,
                createdAt: referenceNow, updatedAt: referenceNow)
        }
        _ = try store.write { try $0.mergePulled(account: "acme", pulled) }
        _ = try store.write {
            try $0.mergePulled(
                account: "acme",
                pulled.map {
                    var record = $0; record.stageID = "qualified"; return record
                })
        }
        try expectKeptEqualsSummed(store, "two pulls")
        let removed = try store.write {
            try $0.removeMissing(account: "acme", pipelineID: "sales", keeping: Set(pulled.prefix(25).map(\.remoteID)))
        }
        #expect(removed == 15)
        try expectKeptEqualsSummed(store, "removing the cards a full pull no longer brought")

        try store.write { writer in
            for card in cards { try writer.delete(id: card.id) }
        }
        try expectKeptEqualsSummed(store, "deleting all but the pulled cards")
        let left = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stage_totals") }
        #expect(left == 2, "only the pulled cards' two groups (qualified, open and won) are left: emptied groups go")
    }

    @Test func aCacheFromBeforeTheTableGetsItsTotalsFromItsCards() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v4-row-is-base")
        let cards = Self.cards(120, seed: 3)
        try queue.write { db in
            // The columns the table had then: later migrations add their own.
            let existing = Set(try Row.fetchAll(db, sql: "PRAGMA table_info(opportunity)").map { $0["name"] as String })
            let kept = OpportunityRow.columns.indices.filter { existing.contains(OpportunityRow.columns[$0]) }
            let sql =
                "INSERT INTO opportunity (\(kept.map { OpportunityRow.columns[$0] }.joined(separator: ", "))) "
                + "VALUES (\(kept.map { _ in "?" }.joined(separator: ", ")))"
            for card in cards {
                let values = OpportunityRow.values(for: card)
                try db.execute(sql: sql, arguments: StatementArguments(kept.map { values[$0] }))
            }
        }
        try Schema.migrator.migrate(queue)
        let (kept, summed) = try queue.read { db in
            (try Self.groups(db, Self.keptSQL), try Self.groups(db, Self.summedSQL))
        }
        #expect(kept.count > 10)
        #expect(kept == summed)
        let (keptDays, summedDays) = try queue.read { db in
            (try Self.closedDays(db, Self.closedDaysKeptSQL), try Self.closedDays(db, Self.closedDaysSummedSQL))
        }
        #expect(keptDays.count > 10)
        #expect(keptDays == summedDays)
    }

    /// The status time arrives unknown (NULL, read as the update time) and leaves the kept totals as they were;
    /// the totals index carries it, so the won / lost weeks are still read from the index alone.
    @Test func theUpgradeToStatusTimesKeepsTheTotalsAndTheCoveringIndex() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v5-kept-stage-totals")
        try queue.write { db in
            let columns = OpportunityRow.columns.filter { $0 != "status_changed_at" }
            let sql =
                "INSERT INTO opportunity (\(columns.joined(separator: ", "))) "
                + "VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
            for card in Self.cards(150, seed: 11) {
                let values = OpportunityRow.values(for: card).prefix(columns.count)
                try db.execute(sql: sql, arguments: StatementArguments(Array(values)))
            }
            try StageTotalsTally.refill(db)
        }
        let before = try queue.read { db in try Self.groups(db, Self.keptSQL) }
        try Schema.migrator.migrate(queue)
        try queue.read { db in
            #expect(try Self.groups(db, Self.keptSQL) == before)
            #expect(try Self.groups(db, Self.summedSQL) == before)
            let known = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM opportunity WHERE status_changed_at NOT NULL")
            #expect(known == 0)
            let plan = try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT status, COALESCE(status_changed_at, updated_at), currency, value_micros
                    FROM opportunity WHERE account = 'acme' AND pipeline_id = 'sales' AND stage_id IN ('lead', 'won')
                      AND status IN ('won', 'lost')
                    """
            ).map { $0["detail"] as String }.joined(separator: "; ")
            #expect(plan.contains("COVERING INDEX opportunity_column_totals"), "\(plan)")
        }
    }

    /// The board reads the kept totals when only statuses filter it, and sums the cards under any other filter:
    /// both must give the same columns when the filter matches every card.
    @Test func theBoardGivesTheSameFiguresFromEitherSource() throws {
        let store = try CacheStore.inMemory()
        try store.seed(
            Self.cards(200, seed: 5).map {
                var card = $0; card.owner = "sam"; return card
            })
        let pipeline = Pipeline(
            id: "sales", name: "Sales",
            stages: ["lead", "qualified", "won"].enumerated().map {
                Stage(id: $0.element, name: $0.element, position: $0.offset, probability: 0.5)
            })
        for statuses in [Set<OpportunityStatus>(), [.open], [.won, .lost]] {
            let plain = BoardQuery(statuses: statuses)
            var filtered = plain
            filtered.filter = BoardFilter(owners: ["sam"])
            let kept = try store.columns(account: "acme", pipeline: pipeline, query: plain, now: referenceNow)
            let summed = try store.columns(account: "acme", pipeline: pipeline, query: filtered, now: referenceNow)
            #expect(kept.map(\.count) == summed.map(\.count))
            #expect(kept.map(\.totals) == summed.map(\.totals))
            #expect(kept.map(\.openTotals) == summed.map(\.openTotals))
            #expect(kept.map(\.weighted) == summed.map(\.weighted))
            #expect(kept.map(\.cards.count) == summed.map(\.cards.count))
            #expect(
                zip(kept, summed).allSatisfy { pair in
                    switch (pair.0.averageStageEntry, pair.1.averageStageEntry) {
                    case (nil, nil): return true
                    case let (a?, b?): return abs(a.timeIntervalSince(b)) < 0.001
                    default: return false
                    }
                })
            #expect(kept.map(\.count).reduce(0, +) > 0)
        }
    }

    /// A pulled page that changes every figure of known cards, repeats a record, brings new ones and one that takes
    /// back a local id: the merge's tally must equal the cards' sums.
    @Test func aPullsTallyMatchesTheCardsItWrote() throws {
        let store = try CacheStore.inMemory()
        let cards = Self.cards(60, seed: 21)
        try store.seed(cards)
        func record(_ index: Int, stage: String, value: Money?, status: OpportunityStatus, probability: Double?)
            -> RemoteOpportunity
        {
            var record = RemoteOpportunity(
                remoteID: "r\(index)", pipelineID: "sales", stageID: stage, name: "pulled \(index)",
                value: value, status: status, createdAt: referenceNow, updatedAt: referenceNow)
            record.probability = probability
            record.stageChangedAt = referenceNow.addingTimeInterval(Double(index) * 3_600.25)
            return record
        }
        let first = (0..<30).map { record($0, stage: "lead", value: usd(Int64($0)), status: .open, probability: nil) }
        _ = try store.write { try $0.mergePulled(account: "acme", first) }
        try expectKeptEqualsSummed(store, "a first pull")

        var second = (0..<30).map { index in
            record(
                index, stage: index % 2 == 0 ? "won" : "qualified", value: index % 3 == 0 ? nil : eur(Int64(index) * 7),
                status: index % 2 == 0 ? .won : .open, probability: index % 4 == 0 ? 0.25 : nil)
        }
        // r3 again, changed again.
        second.append(record(3, stage: "lead", value: usd(1), status: .lost, probability: 0.5))
        second += (30..<40).map { record($0, stage: "qualified", value: usd(5), status: .open, probability: 0.9) }
        var takesLocalID = record(99, stage: "won", value: usd(11), status: .won, probability: nil)
        takesLocalID.localID = cards.first { $0.account == "acme" }!.id
        second.append(takesLocalID)
        _ = try store.write { try $0.mergePulled(account: "acme", second) }
        try expectKeptEqualsSummed(store, "a pull that changes, repeats, adds and takes a local id")

        try store.write { writer in
            try writer.update(
                {
                    var card = cards[1]; card.status = .abandoned; return card
                }())
        }
        try expectKeptEqualsSummed(store, "a local change after the pulls")
    }

    /// A merge that fails halfway leaves its first records written; a caller that keeps the transaction must still
    /// find totals that match, and its own later writes counted too.
    @Test func aMergeThatFailsHalfwayStillTalliesWhatItWrote() throws {
        let store = try CacheStore.inMemory()
        let other = card("other account's card", account: "other", value: usd(3))
        try store.seed([other])
        var records = (0..<5).map {
            RemoteOpportunity(
                remoteID: "r\($0)", pipelineID: "sales", stageID: "lead", name: "pulled \($0)", value: usd(10),
                status: .open, createdAt: referenceNow, updatedAt: referenceNow)
        }
        records[3].localID = other.id // another account's id: the insert fails on the primary key
        try store.write { writer in
            #expect(throws: (any Error).self) { try writer.mergePulled(account: "acme", records) }
            try writer.insert(card("kept after the failure", value: usd(2)))
        }
        #expect(try store.count(account: "acme") == 4)
        try expectKeptEqualsSummed(store, "a failed merge and a write after it in the same transaction")
    }
}

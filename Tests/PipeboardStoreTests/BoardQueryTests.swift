import Foundation
import GRDB
import GRDBSQLite
import PipeboardCore
import Testing
@testable import PipeboardStore

@Suite("Board queries")
struct BoardQueryTests {
    /// Lead: 5 open USD cards ranked 0...4 plus a lost EUR card and a won card without value.
    /// Proposal: one EUR and one USD card. Won: empty. Another account's card must never show.
    static func seeded() throws -> CacheStore {
        let store = try CacheStore.inMemory()
        var cards = (0..<5).map { card("lead-\($0)", stage: "lead", rank: Int64(4 - $0) * 10, value: usd(100)) }
        cards.append(card("lead-lost", stage: "lead", rank: 5, value: eur(7), status: .lost))
        cards.append(card("lead-won", stage: "lead", rank: 6, status: .won))
        cards.append(card("proposal-eur", stage: "proposal", rank: 0, value: eur(250)))
        cards.append(card("proposal-usd", stage: "proposal", rank: 1, value: usd(1)))
        cards.append(card("foreign", account: "globex", stage: "lead", value: usd(999)))
        try store.seed(cards)
        return store
    }

    @Test func columnsCountAndTotalPerCurrency() throws {
        let columns = try Self.seeded().columns(account: "acme", pipeline: salesPipeline, query: BoardQuery())
        #expect(columns.map(\.stage.id) == ["lead", "proposal", "won"])
        #expect(columns.map(\.count) == [7, 2, 0])
        #expect(columns[0].totals == MoneyTotals(["USD": 500 * Money.microsPerUnit, "EUR": 7 * Money.microsPerUnit]))
        #expect(columns[1].totals == MoneyTotals(["USD": 1 * Money.microsPerUnit, "EUR": 250 * Money.microsPerUnit]))
        #expect(columns[2].totals.isEmpty && columns[2].cards.isEmpty)
    }

    @Test func columnsApplyTheStatusFilterToCountsTotalsAndCards() throws {
        let store = try Self.seeded()
        let open = try store.columns(account: "acme", pipeline: salesPipeline, query: BoardQuery(statuses: [.open]))
        #expect(open[0].count == 5)
        #expect(open[0].totals == MoneyTotals(["USD": 500 * Money.microsPerUnit]))
        #expect(!open[0].cards.contains { $0.status != .open })
        let closed = try store.columns(
            account: "acme", pipeline: salesPipeline, query: BoardQuery(statuses: [.won, .lost]))
        #expect(closed.map(\.count) == [2, 0, 0])
        #expect(closed[0].cards.map(\.name) == ["lead-lost", "lead-won"])
    }

    @Test func windowsHonourOffsetAndLimitInRankOrder() throws {
        let store = try Self.seeded()
        let query = BoardQuery(
            windows: ["lead": CardWindow(offset: 1, limit: 3)], defaultWindow: CardWindow(offset: 0, limit: 1))
        let columns = try store.columns(account: "acme", pipeline: salesPipeline, query: query)
        #expect(columns[0].offset == 1)
        #expect(columns[0].cards.map(\.name) == ["lead-lost", "lead-won", "lead-3"]) // ranks 5, 6, 10
        #expect(columns[0].count == 7) // the count covers the whole column, not the window
        #expect(columns[1].cards.map(\.name) == ["proposal-eur"])
        let past = try store.columns(
            account: "acme", pipeline: salesPipeline,
            query: BoardQuery(defaultWindow: CardWindow(offset: 50, limit: 10)))
        #expect(past.allSatisfy { $0.cards.isEmpty })
    }

    @Test func neighborsFollowRankWithinTheStageAndStatuses() throws {
        let store = try Self.seeded()
        let lead = try store.opportunities(account: "acme", pipelineID: "sales", stageID: "lead", statuses: [])
        #expect(lead.map(\.name) == ["lead-4", "lead-lost", "lead-won", "lead-3", "lead-2", "lead-1", "lead-0"])
        #expect(try store.neighbor(of: lead[0], offset: 1, statuses: [])?.name == "lead-lost")
        #expect(try store.neighbor(of: lead[0], offset: 1, statuses: [.open])?.name == "lead-3")
        #expect(try store.neighbor(of: lead[3], offset: -1, statuses: [.open])?.name == "lead-4")
        #expect(try store.neighbor(of: lead[3], offset: -1, statuses: [])?.name == "lead-won")
        #expect(try store.neighbor(of: lead[3], offset: 2, statuses: [])?.name == "lead-1")
        #expect(try store.neighbor(of: lead[0], offset: -1, statuses: []) == nil)
        #expect(try store.neighbor(of: lead[6], offset: 1, statuses: []) == nil)
    }

    @Test func neighborsBreakRankTiesByCreationThenID() throws {
        let store = try CacheStore.inMemory()
        let older = card("older", rank: 0)
        let newer = card("newer", rank: 0, created: referenceNow.addingTimeInterval(1))
        try store.seed([newer, older])
        #expect(try store.neighbor(of: older, offset: 1, statuses: []) == newer)
        #expect(try store.neighbor(of: newer, offset: -1, statuses: []) == older)
    }

    @Test func rankBoundsSpanTheStage() throws {
        let store = try Self.seeded()
        #expect(try store.rankBounds(account: "acme", pipelineID: "sales", stageID: "lead") == 0...40)
        #expect(try store.rankBounds(account: "acme", pipelineID: "sales", stageID: "proposal") == 0...1)
        #expect(try store.rankBounds(account: "acme", pipelineID: "sales", stageID: "won") == nil)
    }

    /// A move reads the ends of its column, not the column: SQLite's steps stay a handful whatever its size.
    @Test func rankBoundsReadTheEndsOfTheColumnOnly() throws {
        let store = try CacheStore.inMemory()
        try store.seed((0..<5_000).map { card("deal \($0)", rank: Int64($0)) })
        let steps = try store.database.read { db in
            let statement = try db.makeStatement(sql: CacheStore.rankBoundsSQL)
            statement.setUncheckedArguments(["acme", "sales", "lead"])
            let row = try Row.fetchOne(statement)
            #expect(row?["low"] == 0 as Int64 && row?["high"] == 4_999 as Int64)
            return sqlite3_stmt_status(statement.sqliteStatement, SQLITE_STMTSTATUS_VM_STEP, 0)
        }
        #expect(steps < 100, "\(steps) steps")
    }

    /// The board must not scan the table: totals from the covering index, windows in index order (no sort).
    @Test func boardQueriesUseTheIndexes() throws {
        let store = try CacheStore.inMemory()
        let (totalsPlan, windowPlan) = try store.database.read { db in
            (
                try Row.fetchAll(
                    db,
                    sql: """
                        EXPLAIN QUERY PLAN SELECT stage_id, currency, COUNT(*), SUM(value_micros) FROM opportunity
                        WHERE account = 'a' AND pipeline_id = 'p' AND status IN ('open', 'won')
                        GROUP BY stage_id, currency
                        """
                ).map { $0["detail"] as String }.joined(separator: "\n"),
                try Row.fetchAll(
                    db,
                    sql: """
                        EXPLAIN QUERY PLAN SELECT * FROM opportunity
                        WHERE account = 'a' AND pipeline_id = 'p' AND stage_id = 's'
                        ORDER BY rank, created_at, id LIMIT 50 OFFSET 100
                        """
                ).map { $0["detail"] as String }.joined(separator: "\n")
            )
        }
        #expect(totalsPlan.contains("COVERING INDEX opportunity_column_totals"))
        #expect(windowPlan.contains("opportunity_column_order"))
        #expect(!windowPlan.contains("TEMP B-TREE"))
    }

    @Test func aHundredThousandCardsCountCorrectly() throws {
        try withTemporaryFolder { folder in
            let store = try CacheStore(path: folder.appendingPathComponent("big.sqlite").path)
            let cards = DemoData.opportunities(count: 100_000, seed: 7, account: "big", now: referenceNow)
            let clock = ContinuousClock()
            let insertTime = try clock.measure { try store.write { try $0.insertMany(cards) } }
            var columns: [ColumnSnapshot] = []
            let boardTime = try clock.measure {
                columns = try store.columns(account: "big", pipeline: DemoData.pipeline, query: BoardQuery())
            }
            print("insertMany 100k: \(insertTime), columns: \(boardTime)")
            // The pictures' figures at this size: a printed measurement, not a timed assertion.
            var closeMonths: [CloseMonthSums] = []
            let forecastTime = try clock.measure {
                closeMonths = try store.closeMonthSums(account: "big", pipeline: DemoData.pipeline)
            }
            let trendTime = try clock.measure {
                _ = try store.outcomeWeekSums(account: "big", pipeline: DemoData.pipeline, now: referenceNow, weeks: 12)
            }
            let foldTime = clock.measure {
                _ = Funnel(columns: columns)
                _ = CloseMonthForecast(sums: closeMonths, now: referenceNow)
            }
            print(
                "figures 100k: forecast sums \(forecastTime), won/lost weeks \(trendTime), "
                    + "funnel + forecast from the sums \(foldTime)"
            )
            #expect(
                closeMonths.map(\.count).reduce(0, +) == cards.filter { $0.status == .open || $0.status == .won }.count)

            var expectedCounts: [String: Int] = [:]
            var expectedTotals: [String: MoneyTotals] = [:]
            for card in cards {
                expectedCounts[card.stageID, default: 0] += 1
                if let value = card.value { expectedTotals[card.stageID, default: MoneyTotals()].add(value) }
            }
            #expect(try store.count(account: "big") == 100_000)
            #expect(columns.map(\.count).reduce(0, +) == 100_000)
            for column in columns {
                #expect(column.count == expectedCounts[column.stage.id, default: 0])
                #expect(column.totals == expectedTotals[column.stage.id, default: MoneyTotals()])
                #expect(column.cards.count == min(50, column.count))
                #expect(column.cards.map(\.rank) == column.cards.map(\.rank).sorted())
            }
        }
    }
}

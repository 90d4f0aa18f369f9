import Foundation
import GRDB
import PipeboardCore
import Testing

@testable import PipeboardStore

@Suite("Sums of a search, added up as the rows come")
struct GroupSumsTests {
    /// Cards with and without a value, a currency and a probability of their own, in every status and stage.
    static func cards(_ count: Int, seed: UInt64) -> [Opportunity] {
        var random = SplitMix64(seed: seed)
        let names = ["Acme rollout", "Globex pilot", "acme renewal", "Initech", "Umbrella acme", "x"]
        return (0..<count).map { index in
            var made = card(names[Int(random.next() % UInt64(names.count))], rank: Int64(index))
            made.stageID = ["lead", "proposal", "won"][Int(random.next() % 3)]
            made.status = [.open, .open, .won, .lost][Int(random.next() % 4)]
            switch random.next() % 4 {
            case 0: made.value = nil
            case 1: made.value = eur(Int64(random.next() % 10_000))
            default: made.value = usd(Int64(random.next() % 1_000_000))
            }
            made.probability = random.next() % 3 == 0 ? nil : Double(random.next() % 100) / 100
            made.stageChangedAt = referenceNow.addingTimeInterval(-Double(random.next() % 9_000_000) / 7)
            return made
        }
    }

    /// The GROUP BY the board ran before, and which still sums a filter of indexed columns.
    static func groupedBySQL(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [Row] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT stage_id, status, currency, COUNT(*) AS count, SUM(value_micros) AS micros,
                       SUM(value_micros * probability) AS own_weighted,
                       SUM(CASE WHEN probability IS NULL THEN value_micros END) AS without_own,
                       SUM(stage_changed_at) AS entered
                FROM opportunity WHERE account = 'acme' \(condition)
                GROUP BY stage_id, status, currency
                """, arguments: arguments)
    }

    static func summedAsTheyCome(_ db: Database, where condition: String, _ arguments: StatementArguments) throws
        -> [Row]
    {
        let statement = try db.makeStatement(
            sql: "SELECT \(GroupSums.selection) FROM opportunity NOT INDEXED WHERE account = 'acme' \(condition)")
        try statement.setArguments(arguments)
        return try GroupSums.read(statement)
    }

    /// A group's row as comparable values: text and integers exactly, reals to a millionth of their size (they are
    /// added in another order).
    static func key(_ row: Row) -> String {
        [
            row["stage_id"] as String? ?? "-", row["status"] as String? ?? "-", row["currency"] as String? ?? "NULL",
        ].joined(separator: "/")
    }

    static func same(_ first: Row, _ second: Row) -> Bool {
        for column in ["count", "micros", "without_own"]
        where (first[column] as DatabaseValue) != (second[column] as DatabaseValue) {
            return false
        }
        for column in ["own_weighted", "entered"] {
            let (one, other) = (first[column] as Double?, second[column] as Double?)
            guard (one == nil) == (other == nil) else { return false }
            if let one, let other, abs(one - other) > abs(one) * 1e-9 { return false }
        }
        return true
    }

    @Test func theSumsAreTheGroupBysForEverySearchAndStatus() throws {
        let store = try CacheStore.inMemory()
        try store.seed(Self.cards(1_500, seed: 11))
        let conditions: [(String, StatementArguments)] = [
            ("", []),
            ("AND +status IN ('open')", []),
            ("AND (name LIKE ? OR contact_name LIKE ?)", ["%acme%", "%acme%"]),
            ("AND name LIKE ? AND +status IN ('open', 'won')", ["%a%"]),
            ("AND name LIKE ?", ["%nothing like it%"]),
        ]
        try store.read { db in
            for (condition, arguments) in conditions {
                let expected = try Self.groupedBySQL(db, where: condition, arguments)
                let summed = try Self.summedAsTheyCome(db, where: condition, arguments)
                #expect(summed.count == expected.count, "\(condition)")
                let byKey = Dictionary(uniqueKeysWithValues: summed.map { (Self.key($0), $0) })
                for row in expected {
                    let found = try #require(byKey[Self.key(row)], "\(Self.key(row)) for \(condition)")
                    #expect(Self.same(found, row), "\(Self.key(row)): \(found) against \(row)")
                }
            }
        }
    }

    /// A group whose every value is NULL sums to NULL, as SQL's SUM does, and a real among integers makes the sum
    /// a real; integers that overflow are an error, never a wrapped total.
    @Test func nullsRealsAndOverflowAreSQLitesOwn() throws {
        let store = try CacheStore.inMemory()
        try store.read { db in
            let sum = { (values: String) throws -> [Row] in
                let statement = try db.makeStatement(
                    sql: """
                        SELECT 'lead', 'open', NULL, value, NULL, NULL, value
                        FROM (SELECT column1 AS value FROM (VALUES \(values)))
                        """)
                return try GroupSums.read(statement)
            }
            let nulls = try #require(try sum("(NULL), (NULL)").first)
            #expect(nulls["count"] as Int == 2)
            #expect((nulls["micros"] as DatabaseValue).isNull)
            #expect((nulls["own_weighted"] as DatabaseValue).isNull)
            let mixed = try #require(try sum("(1), (2.5)").first)
            #expect(mixed["micros"] as DatabaseValue == 3.5.databaseValue)
            let integers = try #require(try sum("(1), (2)").first)
            #expect(integers["micros"] as DatabaseValue == 3.databaseValue)
            #expect(throws: DatabaseError.self) { try sum("(9223372036854775807), (1)") }
        }
    }
}

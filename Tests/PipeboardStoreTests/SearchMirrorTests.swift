import Foundation
import GRDB
import PipeboardCore
import Testing

@testable import PipeboardStore

@Suite("The kept search copy answers as SQL does")
struct SearchMirrorTests {
    /// Fragments that names, contacts and companies are made of: cases, non-ASCII letters (LIKE folds only ASCII),
    /// LIKE's own characters and words found in many cards or in few.
    static let pieces = [
        "Acme", "ACME", "acme", "Globex", "pilot", "Über", "über", "Émile", "émile", "50%", "5x0", "a_b", "axb", "\\q",
        "Zq", "Initech", "ü", "Ω", "n",
    ]

    static func text(_ random: inout SplitMix64, words: Int) -> String {
        (0..<words).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined(
            separator: random.next() % 2 == 0 ? " " : "")
    }

    /// Cards of two accounts and two pipelines, every status, several currencies, NULL fields, values and
    /// probabilities, and reals that do not add up exactly.
    static func cards(_ count: Int, seed: UInt64) -> [Opportunity] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            var made = card(
                text(&random, words: 1 + Int(random.next() % 3)), account: random.next() % 6 == 0 ? "other" : "acme",
                stage: ["lead", "proposal", "won", "gone"][Int(random.next() % 4)], rank: Int64(random.next() % 50),
                pipeline: random.next() % 8 == 0 ? "renewals" : "sales",
                created: referenceNow.addingTimeInterval(-Double(random.next() % 1_000)))
            made.status = OpportunityStatus.allCases[Int(random.next() % UInt64(OpportunityStatus.allCases.count))]
            made.contactName = random.next() % 3 == 0 ? nil : text(&random, words: 1)
            made.companyName = random.next() % 3 == 0 ? nil : text(&random, words: 2)
            switch random.next() % 5 {
            case 0: made.value = nil
            case 1: made.value = eur(Int64(random.next() % 10_000))
            case 2: made.value = Money(micros: Int64(random.next() % 1_000_000_007), currency: "GBP")
            default: made.value = usd(Int64(random.next() % 1_000_000))
            }
            made.probability = random.next() % 3 == 0 ? nil : Double(random.next() % 1_000) / 999
            made.stageChangedAt = referenceNow.addingTimeInterval(-Double(random.next() % 9_000_000) / 7)
            return made
        }
    }

    static func search(_ random: inout SplitMix64) -> String {
        let words = [
            "a", "A", "ac", "acm", "ACME", "cme", "ü", "Ü", "über", "É", "é", "%", "_", "50%", "a_b", "\\", "\\q", "x",
            "zq", "Zq", "n", "Ω", "glob", "pilotn", "me Gl",
        ]
        return (0...(random.next() % 3)).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(
            separator: " ")
    }

    static func query(_ random: inout SplitMix64, search: String) -> BoardQuery {
        let statusChoices: [Set<OpportunityStatus>] = [[], [.open], [.won, .lost], Set(OpportunityStatus.allCases)]
        var query = BoardQuery(
            account: "acme", pipelineID: "sales", statuses: statusChoices[Int(random.next() % 4)],
            defaultWindow: CardWindow(offset: Int(random.next() % 3), limit: 1 + Int(random.next() % 6)))
        query.filter = BoardFilter(search: search)
        let sorts: [ColumnSort] = [.manual, .value, .age, .closeDate, .name, .nextStep]
        query.sorts["proposal"] = sorts[Int(random.next() % UInt64(sorts.count))]
        return query
    }

    /// What `GroupSums` sums for the same search, as a board load without the copy reads it.
    static func groupSums(_ db: Database, _ query: BoardQuery) throws -> [Row] {
        let filter = FilterSQL(query.filter, statuses: query.statuses, now: referenceNow)
        let statement = try db.makeStatement(
            sql: """
                SELECT \(GroupSums.selection) FROM opportunity NOT INDEXED
                WHERE account = 'acme' AND pipeline_id = 'sales' \(filter.sql)
                """)
        try statement.setArguments(filter.arguments)
        return try GroupSums.read(statement)
    }

    static func mirrored(_ store: CacheStore, _ query: BoardQuery, sparseLimit: Int = 3) throws -> SearchMirror.Matches?
    {
        let statuses =
            query.statuses.isEmpty || query.statuses.count == OpportunityStatus.allCases.count
            ? nil : Set(query.statuses.map(\.rawValue))
        return try store.read { db in
            try store.searchMirrors.matches(
                db, account: "acme", pipelineID: "sales", words: query.filter.searchWords.map(SearchMirror.folded),
                statuses: statuses, sparseLimit: sparseLimit)
        }
    }

    static func columns(_ store: CacheStore, _ query: BoardQuery) throws -> [ColumnSnapshot] {
        try store.columns(account: "acme", pipeline: salesPipeline, query: query, now: referenceNow)
    }

    @Test func theCopysSumsAndBoardsAreSQLsForRandomCardsAndSearches() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("cache.sqlite").path
            let kept = try CacheStore(path: path)
            let plain = try CacheStore(path: path)
            try kept.seed(Self.cards(2_000, seed: 25))
            try kept.prepareSearch(account: "acme", pipelineID: "sales")
            #expect(kept.searchMirrors.holds(account: "acme", pipelineID: "sales"))
            var random = SplitMix64(seed: 7)
            var matched = 0
            for _ in 0..<300 {
                let query = Self.query(&random, search: Self.search(&random))
                let mirrored = try #require(try Self.mirrored(kept, query))
                let expected = try kept.read { try Self.groupSums($0, query) }
                // The same groups in the same order, every count, micro and real to the last bit.
                #expect(mirrored.groups == expected, "\(query.filter.search) \(query.statuses)")
                #expect(try Self.columns(kept, query) == Self.columns(plain, query), "\(query.filter.search)")
                matched += expected.reduce(0) { $0 + ($1["count"] as Int) }
            }
            #expect(matched > 1_000)
        }
    }

    @Test func sparseColumnsAreReadByRowidWithTheirOrderAndWindow() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("cache.sqlite").path
            let kept = try CacheStore(path: path)
            let plain = try CacheStore(path: path)
            try kept.seed(Self.cards(3_000, seed: 3))
            try kept.prepareSearch(account: "acme", pipelineID: "sales")
            var random = SplitMix64(seed: 9)
            for search in ["zq", "a_b", "50%", "\\q", "Ω", "émile über", "acme"] {
                var query = Self.query(&random, search: search)
                query.defaultWindow = CardWindow(offset: 1, limit: 4)
                query.sorts = ["lead": .name, "proposal": .value, "won": .age]
                let mirrored = try #require(try Self.mirrored(kept, query, sparseLimit: CacheStore.sortedSearchMatches))
                #expect(mirrored.sparse.values.allSatisfy { $0.count <= CacheStore.sortedSearchMatches })
                #expect(try Self.columns(kept, query) == Self.columns(plain, query), "\(search)")
            }
        }
    }

    @Test func aFilterBeyondWordsOrAnotherPipelineIsLeftToSQL() throws {
        let store = try CacheStore.inMemory()
        try store.seed(Self.cards(500, seed: 5))
        try store.prepareSearch(account: "acme", pipelineID: "sales")
        var query = BoardQuery(account: "acme", pipelineID: "sales")
        query.filter = BoardFilter(search: "acme", owners: ["sam"])
        #expect(try Self.columns(store, query).allSatisfy { $0.count == 0 })
        #expect(!store.searchMirrors.holds(account: "acme", pipelineID: "renewals"))
    }
}

@Suite("The kept search copy follows every write")
struct SearchMirrorStalenessTests {
    let kept: CacheStore
    let plain: CacheStore
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-mirror-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        kept = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
        plain = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
        try kept.seed(SearchMirrorTests.cards(400, seed: 1))
        try kept.prepareSearch(account: "acme", pipelineID: "sales")
    }

    /// Every search of the list reads the same board from the kept copy as from SQL, and the copy answered.
    func expectSameBoards(_ comment: Comment) throws {
        for search in ["a", "acme", "zq", "Fresh", "renamed", "ü n"] {
            var query = BoardQuery(account: "acme", pipelineID: "sales")
            query.filter = BoardFilter(search: search)
            #expect(try SearchMirrorTests.mirrored(kept, query) != nil, comment)
            #expect(
                try SearchMirrorTests.columns(kept, query) == SearchMirrorTests.columns(plain, query),
                "\(comment): \(search)")
        }
    }

    func someCard(_ search: String) throws -> Opportunity {
        var query = BoardQuery(account: "acme", pipelineID: "sales")
        query.filter = BoardFilter(search: search)
        return try #require(try SearchMirrorTests.columns(plain, query).flatMap(\.cards).first)
    }

    @Test func everyKindOfWriteIsSeenByTheNextSearch() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try expectSameBoards("as built")

        var fresh = card("Fresh acme", stage: "proposal", value: usd(5))
        fresh.contactName = "Zq"
        try kept.write { try $0.insert(fresh) }
        try expectSameBoards("an insert")

        var renamed = try someCard("acme")
        renamed.name = "renamed"
        renamed.value = eur(7)
        try kept.write { try $0.update(renamed) }
        try expectSameBoards("an update")

        var moved = try someCard("a")
        moved.stageID = "won"
        moved.status = .won
        try kept.write { try $0.update(moved) }
        try expectSameBoards("a move")

        var away = try someCard("n")
        away.pipelineID = "renewals"
        try kept.write { try $0.update(away) }
        try expectSameBoards("a move to another pipeline")

        let gone = try someCard("a")
        try kept.write { try $0.delete(id: gone.id) }
        try expectSameBoards("a delete")

        var fromPeer = try someCard("acme")
        fromPeer.companyName = "Fresh peer"
        try plain.write { try $0.update(fromPeer) }
        try plain.write { try $0.insert(card("Fresh from a peer", stage: "lead", value: usd(1))) }
        try expectSameBoards("writes from a second store on the same file")

        try kept.write { writer in
            _ = try writer.mergePulled(
                account: "acme",
                [
                    RemoteOpportunity(
                        remoteID: "r1", pipelineID: "sales", stageID: "lead", name: "Fresh pulled", value: usd(3),
                        createdAt: referenceNow, updatedAt: referenceNow),
                    RemoteOpportunity(
                        remoteID: "r2", pipelineID: "sales", stageID: "won", name: "pulled zq", value: eur(4),
                        createdAt: referenceNow, updatedAt: referenceNow),
                ])
        }
        try expectSameBoards("a pull's merge")
        try kept.write { writer in
            var changed = RemoteOpportunity(
                remoteID: "r1", pipelineID: "sales", stageID: "proposal", name: "renamed pull", value: usd(9),
                createdAt: referenceNow, updatedAt: referenceNow.addingTimeInterval(1))
            changed.contactName = "acme"
            _ = try writer.mergePulled(account: "acme", [changed])
        }
        try expectSameBoards("a pull's merge of a changed record")
        _ = try kept.write {
            try $0.removeMissing(account: "acme", pipelineID: "sales", keeping: ["r1"], now: referenceNow)
        }
        try expectSameBoards("a pull's removal of what the provider no longer has")

        try plain.seed(SearchMirrorTests.cards(50, seed: 2))
        try expectSameBoards("a bulk fill")
    }

    @Test func aBulkFillsPullChangesTheEpochInsteadOfNotingEachCard() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try expectSameBoards("as built")
        let before = try kept.read(CardChangeLog.mark)
        let records = (0..<CacheStore.bulkFillFrom).map { index in
            RemoteOpportunity(
                remoteID: "bulk-\(index)", pipelineID: "sales", stageID: ["lead", "won"][index % 2],
                name: index % 7 == 0 ? "Fresh acme \(index)" : "Bulk \(index)", value: usd(Int64(index % 50)),
                createdAt: referenceNow, updatedAt: referenceNow)
        }
        try await kept.fillingInBulk(adding: records.count) {
            for start in stride(from: 0, to: records.count, by: 2_000) {
                _ = try kept.write { try $0.mergePulled(account: "acme", Array(records[start..<start + 2_000])) }
                try expectSameBoards("a page of a bulk fill")
            }
        }
        let after = try kept.read(CardChangeLog.mark)
        #expect(after.epoch != before.epoch)
        #expect(after.seq == 0, "no card of the fill noted one by one")
        try kept.write { try $0.insert(card("Fresh after the fill", value: usd(1))) }
        try expectSameBoards("after a bulk fill")
    }

    @Test func aCopyBehindWhatTheLogKeepsIsBuiltAnew() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try expectSameBoards("as built")
        try plain.write { try $0.insert(card("Fresh one", value: usd(1))) }
        try plain.write { try $0.insert(card("Fresh two", value: usd(2))) }
        // What trimming does once the log holds more than it keeps: the entries the copy needs are gone.
        try plain.write {
            try $0.db.execute(sql: "DELETE FROM card_change WHERE seq < (SELECT MAX(seq) FROM card_change)")
        }
        try expectSameBoards("after the log was trimmed past the copy")
    }

    @Test func aRebuiltCacheHasAnotherEpoch() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("other.sqlite").path
        let before = try CacheStore(path: path).read(CardChangeLog.mark)
        let (rebuilt, _) = try CacheStore.rebuild(at: path, now: referenceNow)
        let after = try rebuilt.read(CardChangeLog.mark)
        #expect(before.epoch != after.epoch)
    }
}

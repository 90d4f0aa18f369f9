import Foundation
import GRDB
import PipeboardCore
import Testing
@testable import PipeboardStore

@Suite("Search index")
struct SearchIndexTests {
    /// Text that tries the index's edges: ASCII and non-ASCII case (LIKE folds ASCII only, the tokenizer more),
    /// the Kelvin sign (which folds to an ASCII k), LIKE's and the query syntax's own characters, wide characters.
    static let pieces = [
        "Acme", "ACME", "acme", "Café", "CAFÉ", "café", "Müller", "MÜLLER", "straße", "\u{212A}elvin", "kelvin",
        "50%", "a_b", "back\\slash", "\"quoted\"", "it's", "日本語", "🙂", "x", "yz", "—", "Ana", "ana", "AnA",
        "Globex", "or", "AND", "NEAR", "*",
    ]

    static func text(_ random: inout SplitMix64, pieces count: Int) -> String {
        let separators = [" ", "", "-", "  "]
        return (0..<count).map { _ in
            pieces[Int(random.next() % UInt64(pieces.count))] + separators[Int(random.next() % 4)]
        }.joined()
    }

    static func cards(_ count: Int, seed: UInt64) -> [Opportunity] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            var made = card(text(&random, pieces: 1 + Int(random.next() % 3)), rank: Int64(index))
            made.stageID = ["lead", "proposal", "won"][Int(random.next() % 3)]
            switch random.next() % 4 {
            case 0: made.contactName = nil
            case 1: made.contactName = ""
            default: made.contactName = text(&random, pieces: 1 + Int(random.next() % 2))
            }
            made.companyName = random.next() % 3 == 0 ? nil : text(&random, pieces: 1)
            return made
        }
    }

    /// A search as someone would type it: part of a card's text with the ASCII letters' case changed at random, or
    /// pieces of text, one or more words, some shorter than a trigram.
    static func query(_ random: inout SplitMix64, cards: [Opportunity]) -> String {
        guard random.next() % 3 != 0 else { return text(&random, pieces: 1 + Int(random.next() % 2)) }
        let picked = cards[Int(random.next() % UInt64(cards.count))]
        let field = Array([picked.name, picked.contactName ?? "", picked.companyName ?? ""][Int(random.next() % 3)])
        guard !field.isEmpty else { return "acm" }
        let start = Int(random.next() % UInt64(field.count))
        let length = 1 + Int(random.next() % 8)
        return String(
            field[start..<min(field.count, start + length)].map { character in
                guard character.isASCII, random.next() % 2 == 0 else { return character }
                return Character(character.isUppercase ? character.lowercased() : character.uppercased())
            })
    }

    /// The cards each word matches by LIKE in the name, the contact or the company: what the search meant before the
    /// index, read straight from the table.
    static func likeMatches(_ store: CacheStore, search: String) throws -> Set<UUID> {
        let words = BoardFilter(search: search).searchWords
        let conditions = words.map { _ in
            "(name LIKE ? ESCAPE '\\' OR contact_name LIKE ? ESCAPE '\\' OR company_name LIKE ? ESCAPE '\\')"
        }
        let patterns = words.flatMap { word in Array(repeating: "%" + FilterSQL.escapedForLike(word) + "%", count: 3) }
        return try store.read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: "SELECT id FROM opportunity WHERE account = 'acme' "
                        + conditions.map { "AND " + $0 }.joined(separator: " "),
                    arguments: StatementArguments(patterns)
                ).compactMap(UUID.init(uuidString:)))
        }
    }

    /// SQLite's own check that the index holds exactly the cards' text (`rank` 1: compared with the table).
    static func checkIndex(_ store: CacheStore) throws {
        _ = try store.write { writer in
            try writer.db.execute(
                sql: "INSERT INTO opportunity_search (opportunity_search, rank) VALUES ('integrity-check', 1)")
        }
    }

    /// The cards the index alone finds for `word` (three characters or more), without the LIKE that decides.
    static func indexed(_ store: CacheStore, _ word: String) throws -> Set<UUID> {
        try store.read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT id FROM opportunity WHERE rowid IN (
                            SELECT rowid FROM opportunity_search WHERE opportunity_search MATCH ?)
                        """, arguments: [SearchIndex.match([word])]
                ).compactMap(UUID.init(uuidString:)))
        }
    }

    @Test func theIndexedSearchFindsWhatLikeFinds() throws {
        let store = try CacheStore.inMemory()
        let cards = Self.cards(400, seed: 5)
        try store.seed(cards)
        var random = SplitMix64(seed: 9)
        var throughIndex = 0
        for _ in 0..<200 {
            let search = Self.query(&random, cards: cards)
            let filter = BoardFilter(search: search)
            if FilterSQL(filter, now: referenceNow).searchesIndex { throughIndex += 1 }
            let expected = try Self.likeMatches(store, search: search)
            // The command line's list and the board's columns (counts and windows) both search.
            let listed = try store.opportunities(
                account: "acme", pipelineID: nil, stageID: nil, statuses: [], filter: filter)
            #expect(Set(listed.map(\.id)) == expected, "search \(search.debugDescription)")
            var query = BoardQuery(defaultWindow: CardWindow(offset: 0, limit: 500))
            query.filter = filter
            let columns = try store.columns(account: "acme", pipeline: salesPipeline, query: query, now: referenceNow)
            #expect(columns.map(\.count).reduce(0, +) == expected.count, "search \(search.debugDescription)")
            #expect(Set(columns.flatMap { $0.cards.map(\.id) }) == expected, "search \(search.debugDescription)")
        }
        #expect(throughIndex > 100, "most searches have a word of three characters or more")
    }

    @Test func theSearchReadsTheIndex() throws {
        let store = try CacheStore.inMemory()
        let acme = card("Acme rollout")
        try store.seed([acme, card("Globex pilot")])
        #expect(
            try store.opportunities(
                account: "acme", pipelineID: nil, stageID: nil, statuses: [],
                filter: BoardFilter(search: "ACME")
            ).map(\.id) == [acme.id])
        // Taken out of the index behind the store's back, the card is no longer found by a word the index answers,
        // still by one it cannot (shorter than a trigram).
        try store.write { writer in
            let entry = try #require(try SearchIndex.stored(writer.db, key: OpportunityRow.key(acme.id)))
            try SearchIndex.remove(writer.db, entry)
        }
        let search = { (text: String) in
            try store.opportunities(
                account: "acme", pipelineID: nil, stageID: nil, statuses: [], filter: BoardFilter(search: text))
        }
        #expect(try search("acme").isEmpty)
        #expect(try search("ac").map(\.id) == [acme.id])
        #expect(FilterSQL(BoardFilter(search: "ac me"), now: referenceNow).searchesIndex == false)
    }

    @Test func theIndexFollowsInsertsUpdatesDeletesAndPulls() throws {
        let store = try CacheStore.inMemory()
        var cards = Self.cards(60, seed: 21)
        try store.seed(cards)
        try Self.checkIndex(store)
        var renamed = cards[0]
        renamed.name = "Zorblax renewal"
        renamed.contactName = "Quentin Vex"
        var moved = cards[1]
        moved.stageID = "won"
        let added = card("Brand new Wibblecorp deal")
        try store.write { writer in
            try writer.update(renamed)
            try writer.update(moved)
            try writer.insert(added)
            try writer.delete(id: cards[2].id)
        }
        cards[0] = renamed
        try Self.checkIndex(store)
        #expect(try Self.indexed(store, "zorblax") == [renamed.id])
        #expect(try Self.indexed(store, "quentin") == [renamed.id])
        #expect(try Self.indexed(store, "wibblecorp") == [added.id])
        #expect(try Self.likeMatches(store, search: cards[2].name).contains(cards[2].id) == false)

        // A pull inserts new records, renames a known one, moves another and removes what the provider lost.
        let pulled = (0..<6).map { index in
            RemoteOpportunity(
                remoteID: "r\(index)", pipelineID: "sales", stageID: "lead", name: "Pulled Frobnitz \(index)",
                contactName: index == 0 ? "Olga Spruce" : nil, createdAt: referenceNow, updatedAt: referenceNow)
        }
        _ = try store.write { try $0.mergePulled(account: "acme", pulled) }
        var again = pulled
        again[0].name = "Pulled Quuxify"
        again[1].stageID = "won"
        _ = try store.write { try $0.mergePulled(account: "acme", again) }
        #expect(try Self.indexed(store, "quuxify").count == 1)
        #expect(try Self.indexed(store, "frobnitz").count == 5)
        _ = try store.write {
            try $0.removeMissing(account: "acme", pipelineID: "sales", keeping: ["r0", "r1", "r2"])
        }
        #expect(try Self.indexed(store, "frobnitz").count == 2)
        try Self.checkIndex(store)
    }

    /// A column with few matches reads them from the index and sorts them; one with many walks the column in order
    /// (`CacheStore.sortedSearchMatches`): both give the same window.
    @Test func aColumnsWindowIsTheSameHoweverItsMatchesAreRead() throws {
        let store = try CacheStore.inMemory()
        let total = 2 * (CacheStore.sortedSearchMatches + 300)
        try store.seed(
            (0..<total).map { index in card(index % 2 == 0 ? "Acme \(index)" : "Globex", rank: Int64(index)) })
        for (search, matches) in [("acme", total / 2), ("acme 12", 120)] {
            var query = BoardQuery(defaultWindow: CardWindow(offset: 3, limit: 10))
            query.filter = BoardFilter(search: search)
            let lead = try store.columns(account: "acme", pipeline: salesPipeline, query: query, now: referenceNow)[0]
            let expected = try store.opportunities(
                account: "acme", pipelineID: "sales", stageID: "lead", statuses: [], filter: query.filter)
            #expect(lead.count == matches && expected.count == matches)
            #expect(lead.cards.map(\.name) == expected[3..<13].map(\.name), "search \(search)")
        }
    }

    /// The check above can fail: a card renamed past the store's writer leaves the index behind, and it says so.
    @Test func theIntegrityCheckSeesAnIndexLeftBehind() throws {
        let store = try CacheStore.inMemory()
        let acme = card("Acme rollout")
        try store.seed([acme])
        try store.write { writer in
            try writer.db.execute(
                sql: "UPDATE opportunity SET name = 'Globex' WHERE id = ?", arguments: [OpportunityRow.key(acme.id)])
        }
        #expect(throws: StoreError.self) { try Self.checkIndex(store) }
    }

    @Test func anUpgradedCacheIndexesTheCardsItHas() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v9-deal-history-by-field")
        let cards = Self.cards(50, seed: 3)
        try queue.write { db in
            for card in cards {
                try db.execute(sql: OpportunityRow.insertSQL, arguments: OpportunityRow.arguments(for: card))
            }
        }
        try Schema.migrator.migrate(queue)
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO opportunity_search (opportunity_search, rank) VALUES ('integrity-check', 1)")
            let found = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM opportunity_search WHERE opportunity_search MATCH ?",
                arguments: [SearchIndex.match([cards[0].name])])
            #expect((found ?? 0) >= 1)
        }
    }

    @Test func aRebuiltCacheIndexesTheCardsItKept() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("cache.sqlite").path
            let kept = card("Zorblax renewal")
            do {
                let store = try CacheStore(path: path)
                try store.seed([kept, card("Globex pilot")])
                _ = try store.write {
                    try $0.enqueue(account: "acme", opportunityID: kept.id, operation: .create, at: referenceNow)
                }
            }
            let (rebuilt, report) = try CacheStore.rebuild(at: path)
            #expect(report.keptCards == 1)
            try Self.checkIndex(rebuilt)
            #expect(try Self.indexed(rebuilt, "zorblax") == [kept.id])
            let found = try rebuilt.opportunities(
                account: "acme", pipelineID: nil, stageID: nil, statuses: [], filter: BoardFilter(search: "ZORB"))
            #expect(found.map(\.id) == [kept.id])
        }
    }

    @Test func aWordBecomesTheTrigramsItHoldsQuoted() {
        #expect(SearchIndex.match(["ac", "x"]) == nil)
        #expect(SearchIndex.match(["Acme"]) == "\"Acm\" AND \"cme\"")
        #expect(SearchIndex.match(["a\"b", "ab"]) == "\"a\"\"b\"")
        #expect(SearchIndex.match(["aaaa"]) == "\"aaa\"")
        #expect(SearchIndex.match(["日本語"]) == "\"日本語\"")
    }
}

import Foundation
import PipeboardCore
import Testing
@testable import PipeboardStore

@Suite("Board queries: search, filters and sorts")
struct FilterQueryTests {
    /// Five Lead cards with different owners, values, ages, sources, tags and statuses.
    static func seeded() throws -> CacheStore {
        let store = try CacheStore.inMemory()
        func make(
            _ name: String, rank: Int64, value: Money?, owner: String?, days: Double, source: String?, tags: [String],
            status: OpportunityStatus = .open, providerStatus: String? = nil, contact: String? = nil,
            company: String? = nil,
            close: String? = nil
        ) -> Opportunity {
            Opportunity(
                account: "acme", pipelineID: "sales", stageID: "lead", rank: rank, name: name, value: value,
                status: status,
                providerStatus: providerStatus, contactName: contact, companyName: company, owner: owner,
                closeDate: close,
                source: source, tags: tags, createdAt: referenceNow.addingTimeInterval(-100 * 86_400),
                stageChangedAt: referenceNow.addingTimeInterval(-days * 86_400))
        }
        try store.seed([
            make(
                "Acme rollout", rank: 0, value: usd(5_000), owner: "Ana", days: 2, source: "Referral",
                tags: ["q1", "Priority"],
                contact: "Li Wei", company: "Acme Corp", close: "2026-03-01"),
            make(
                "Globex pilot", rank: 1, value: eur(20_000), owner: "ben", days: 40, source: "Web", tags: [],
                providerStatus: "ON_HOLD", contact: "Ana Ruiz", close: "2026-01-15"),
            make(
                "Initech 100% renewal", rank: 2, value: usd(90_000), owner: "ANA", days: 10, source: "web",
                tags: ["q2"],
                company: "Initech"),
            make(
                "Hooli lost", rank: 3, value: usd(1_000), owner: "Ana", days: 5, source: nil, tags: ["q1"],
                status: .lost),
            make(
                "Umbrella", rank: 4, value: nil, owner: nil, days: 90, source: "Referral", tags: ["q1"],
                providerStatus: "ACTIVE",
                close: "2026-02-01"),
        ])
        return store
    }

    func names(_ filter: BoardFilter, statuses: Set<OpportunityStatus> = [], sort: ColumnSort = .manual) throws
        -> [String]
    {
        var query = BoardQuery(statuses: statuses)
        query.filter = filter
        query.sorts = ["lead": sort]
        let columns = try Self.seeded().columns(
            account: "acme", pipeline: salesPipeline, query: query, now: referenceNow)
        #expect(columns[0].count == columns[0].cards.count, "the count covers the same cards as the window")
        return columns[0].cards.map(\.name)
    }

    @Test func searchMatchesNameContactAndCompanyIgnoringCaseWordByWord() throws {
        #expect(try names(BoardFilter(search: "ana")) == ["Globex pilot"]) // contact Ana Ruiz; owners do not count
        #expect(try names(BoardFilter(search: "ACME")) == ["Acme rollout"])
        #expect(try names(BoardFilter(search: "initech")) == ["Initech 100% renewal"]) // name and company
        #expect(try names(BoardFilter(search: "wei acme")) == ["Acme rollout"]) // every word, in any field
        #expect(try names(BoardFilter(search: "wei globex")) == [])
        #expect(try names(BoardFilter(search: "100%")) == ["Initech 100% renewal"]) // % is a character, not a wildcard
        #expect(try names(BoardFilter(search: "1_0")) == [])
    }

    @Test func ownerSourceAndTagMatchAnyValueIgnoringCase() throws {
        #expect(try names(BoardFilter(owners: ["ana"])) == ["Acme rollout", "Initech 100% renewal", "Hooli lost"])
        #expect(try names(BoardFilter(owners: ["ana"]), statuses: [.open]) == ["Acme rollout", "Initech 100% renewal"])
        #expect(try names(BoardFilter(sources: ["WEB"])) == ["Globex pilot", "Initech 100% renewal"])
        #expect(try names(BoardFilter(tags: ["priority", "q2"])) == ["Acme rollout", "Initech 100% renewal"])
        #expect(try names(BoardFilter(owners: ["ana"], tags: ["q1"])) == ["Acme rollout", "Hooli lost"])
    }

    @Test func statusFilterCoversBoardAndProviderStatuses() throws {
        #expect(try names(BoardFilter(statuses: [.lost])) == ["Hooli lost"])
        #expect(try names(BoardFilter(providerStatuses: ["on_hold"])) == ["Globex pilot"])
        #expect(try names(BoardFilter(statuses: [.lost], providerStatuses: ["ACTIVE"])) == ["Hooli lost", "Umbrella"])
    }

    @Test func valueAndAgeRanges() throws {
        let micros = Money.microsPerUnit
        #expect(
            try names(BoardFilter(minValueMicros: 5_000 * micros, maxValueMicros: 20_000 * micros)) == [
                "Acme rollout", "Globex pilot",
            ])
        #expect(try names(BoardFilter(minValueMicros: 50_000 * micros)) == ["Initech 100% renewal"])
        #expect(try names(BoardFilter(maxValueMicros: 1_000 * micros)) == ["Hooli lost"]) // no value: never in a range
        #expect(try names(BoardFilter(minAgeDays: 10)) == ["Globex pilot", "Initech 100% renewal", "Umbrella"])
        #expect(try names(BoardFilter(minAgeDays: 5, maxAgeDays: 10)) == ["Initech 100% renewal", "Hooli lost"])
    }

    @Test func totalsFollowTheFilterAndStayPerCurrency() throws {
        var query = BoardQuery()
        query.filter = BoardFilter(sources: ["web"])
        let column = try Self.seeded().columns(
            account: "acme", pipeline: salesPipeline, query: query, now: referenceNow)[0]
        #expect(column.count == 2)
        #expect(
            column.totals == MoneyTotals(["USD": 90_000 * Money.microsPerUnit, "EUR": 20_000 * Money.microsPerUnit]))
    }

    @Test func sortsOrderTheColumn() throws {
        #expect(
            try names(.none, sort: .manual) == [
                "Acme rollout", "Globex pilot", "Initech 100% renewal", "Hooli lost", "Umbrella",
            ])
        #expect(
            try names(.none, sort: .value) == [
                "Initech 100% renewal", "Globex pilot", "Acme rollout", "Hooli lost", "Umbrella",
            ])
        #expect(
            try names(.none, sort: .age) == [
                "Umbrella", "Globex pilot", "Initech 100% renewal", "Hooli lost", "Acme rollout",
            ])
        #expect(
            try names(.none, sort: .closeDate) == [
                "Globex pilot", "Umbrella", "Acme rollout", "Initech 100% renewal", "Hooli lost",
            ])
        #expect(
            try names(.none, sort: .name) == [
                "Acme rollout", "Globex pilot", "Hooli lost", "Initech 100% renewal", "Umbrella",
            ])
    }

    @Test func neighbourSkipsCardsTheFilterHides() throws {
        let store = try Self.seeded()
        let all = try store.columns(account: "acme", pipeline: salesPipeline, query: BoardQuery(), now: referenceNow)[0]
            .cards
        let below = try store.neighbor(
            of: all[0], offset: 1, statuses: [.open], filter: BoardFilter(owners: ["ana"]), now: referenceNow)
        #expect(below?.name == "Initech 100% renewal")
    }

    @Test func listUsesTheSameFilter() throws {
        let found = try Self.seeded().opportunities(
            account: "acme", pipelineID: nil, stageID: nil, statuses: [],
            filter: BoardFilter(search: "acme", owners: ["Ana"]), now: referenceNow)
        #expect(found.map(\.name) == ["Acme rollout"])
    }

    @Test func onlyFiltersOnUncoveredColumnsReadTheTableStraightThrough() {
        #expect(!FilterSQL(.none, statuses: [.open], now: referenceNow).readsRows)
        #expect(!FilterSQL(BoardFilter(minValueMicros: 1), now: referenceNow).readsRows)
        #expect(FilterSQL(BoardFilter(search: "a"), now: referenceNow).readsRows)
        #expect(FilterSQL(BoardFilter(tags: ["q1"]), now: referenceNow).readsRows)
    }

    /// Prints how long a search takes over 100,000 cached cards (a figure, not a timed assertion).
    @Test func searchOverAHundredThousandCards() throws {
        try withTemporaryFolder { folder in
            let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
            let cards = DemoData.opportunities(count: 100_000, seed: 7, account: "acme", now: referenceNow)
            try store.seed(cards)
            var query = BoardQuery(statuses: [.open], defaultWindow: CardWindow(offset: 0, limit: 14))
            var figures: [String] = []
            for text in ["", "g", "gl", "glo", "globex", "globex pilot"] {
                query.filter = BoardFilter(search: text)
                let start = ContinuousClock.now
                let columns = try store.columns(
                    account: "acme", pipeline: DemoData.pipeline, query: query, now: referenceNow)
                let elapsed = ContinuousClock.now - start
                #expect(columns.allSatisfy { $0.cards.count <= 14 }, "only the window is loaded")
                let matches = columns.reduce(0) { $0 + $1.count }
                figures.append(
                    "“\(text)”: \(matches) matches in "
                        + "\(elapsed.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1))))"
                )
            }
            print("search over 100,000 cards: " + figures.joined(separator: ", "))
        }
    }
}

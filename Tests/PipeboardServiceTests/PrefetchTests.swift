@testable import PipeboardService
import Testing

/// Pages fetched one ahead of the store (`Prefetch.pages`): order, the end, errors, and how far ahead it runs.
@Suite("Prefetch: the next page is fetched while this one is stored")
struct PrefetchTests {
    struct Failure: Error, Equatable { let page: Int }

    /// Pages 0..<count; the cursor of page n is "n+1", the last page has none. Records what was asked for.
    actor Source {
        let count: Int
        let failing: Int?
        var asked: [Int] = []
        var storedBeforeAsking: [Int: Int] = [:]
        var stored = 0

        init(count: Int, failing: Int? = nil) {
            self.count = count
            self.failing = failing
        }

        func fetch(_ cursor: String?) async throws -> Int {
            let page = cursor.flatMap(Int.init) ?? 0
            asked.append(page)
            storedBeforeAsking[page] = stored
            // Let the consumer run meanwhile, as a network wait would.
            try await Task.sleep(for: .milliseconds(2))
            if page == failing { throw Failure(page: page) }
            return page
        }

        func store(_ page: Int) { stored += 1 }
    }

    /// Prefetch over `source`'s pages.
    func run(_ source: Source, consume: (Int) async throws -> Void) async throws {
        let count = source.count
        let fetch: @Sendable (String?) async throws -> Int = { cursor in try await source.fetch(cursor) }
        let next: (Int) -> String? = { page in page + 1 < count ? String(page + 1) : nil }
        try await Prefetch.pages(fetch: fetch, next: next, consume: consume)
    }

    @Test("every page reaches the store once, in order; nothing is asked for after the last page")
    func inOrderAndStopsAtTheEnd() async throws {
        let source = Source(count: 25)
        var consumed: [Int] = []
        try await run(source) { (page: Int) async throws -> Void in
            consumed.append(page)
            await source.store(page)
        }
        #expect(consumed == Array(0..<25))
        #expect(await source.asked == Array(0..<25))
    }

    @Test("the fetch runs at most one page ahead of the store")
    func atMostOnePageAhead() async throws {
        let source = Source(count: 10)
        try await run(source) { (page: Int) async throws -> Void in
            try await Task.sleep(for: .milliseconds(3))
            await source.store(page)
        }
        // Page n is asked for once page n - 1 has arrived, while it is stored: after n - 1 pages were stored.
        for (page, stored) in await source.storedBeforeAsking where page > 0 {
            #expect(stored >= page - 1, "page \(page) was asked for with only \(stored) stored")
        }
    }

    @Test("a failed fetch ends the pull after the pages before it were stored, and nothing more is asked for")
    func aFailedFetchEndsIt() async throws {
        let source = Source(count: 10, failing: 4)
        var consumed: [Int] = []
        await #expect(throws: Failure(page: 4)) {
            try await run(source) { (page: Int) async throws -> Void in
                consumed.append(page)
            }
        }
        #expect(consumed == [0, 1, 2, 3])
        #expect(await source.asked == [0, 1, 2, 3, 4])
    }

    @Test("a failed store ends the pull: no later page is stored and the fetch ahead is the last one asked for")
    func aFailedStoreEndsIt() async throws {
        let source = Source(count: 10)
        var consumed: [Int] = []
        await #expect(throws: Failure(page: 2)) {
            try await run(source) { (page: Int) async throws -> Void in
                consumed.append(page)
                if page == 2 { throw Failure(page: page) }
            }
        }
        #expect(consumed == [0, 1, 2])
        // The page after the failed one may have been asked for already; none after it.
        let asked = await source.asked
        #expect(asked == [0, 1, 2] || asked == [0, 1, 2, 3])
    }
}

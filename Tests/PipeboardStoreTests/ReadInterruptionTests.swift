import Foundation
import PipeboardCore
import Synchronization
import Testing

@testable import PipeboardStore

@Suite("Reads ended once unwanted")
struct ReadInterruptionTests {
    static func searchFor(_ text: String) -> BoardQuery {
        var query = BoardQuery(defaultWindow: CardWindow(offset: 0, limit: 20))
        query.filter = BoardFilter(search: text)
        return query
    }

    /// The search scans every card (a word of one letter); it is wanted when it starts and unwanted from SQLite's
    /// first question on, so the statement already running is stopped and the board says it was abandoned.
    @Test func aReadUnwantedWhileItRunsStopsThere() throws {
        let store = try CacheStore.inMemory()
        try store.seed((0..<3_000).map { card(($0 % 2 == 0 ? "Acme " : "Globex ") + "\($0)", rank: Int64($0)) })
        let asked = Mutex(0)
        let interruption = ReadInterruption {
            asked.withLock { count in
                count += 1
                return count > 1
            }
        }
        #expect(throws: CancellationError.self) {
            try store.columns(
                account: "acme", pipeline: salesPipeline, query: Self.searchFor("a"), now: referenceNow,
                interruption: interruption)
        }
        // Asked before the read, by SQLite (which stopped there), and to tell this stop from any other error.
        #expect(asked.withLock { $0 } == 3)
        // A later read on the same connection is not stopped by the earlier question.
        let plain = try store.columns(
            account: "acme", pipeline: salesPipeline, query: Self.searchFor("a"), now: referenceNow)
        #expect(plain[0].count == 1_500)
    }

    @Test func aReadAlwaysWantedIsTheSameBoard() throws {
        let store = try CacheStore.inMemory()
        try store.seed((0..<500).map { card("Acme \($0)", rank: Int64($0)) })
        let asked = Mutex(0)
        let wanted = try store.columns(
            account: "acme", pipeline: salesPipeline, query: Self.searchFor("acme 1"), now: referenceNow,
            interruption: ReadInterruption {
                asked.withLock { $0 += 1 }
                return false
            })
        let plain = try store.columns(
            account: "acme", pipeline: salesPipeline, query: Self.searchFor("acme 1"), now: referenceNow)
        #expect(wanted == plain)
        #expect(wanted[0].count == 176, "the cards with a 1 in their number")
        #expect(asked.withLock { $0 } > 1)
    }

    /// Unwanted before it starts: nothing is read.
    @Test func aReadUnwantedAtTheStartReadsNothing() throws {
        let store = try CacheStore.inMemory()
        #expect(throws: CancellationError.self) {
            try store.columns(
                account: "acme", pipeline: salesPipeline, query: Self.searchFor("a"), now: referenceNow,
                interruption: ReadInterruption { true })
        }
    }
}

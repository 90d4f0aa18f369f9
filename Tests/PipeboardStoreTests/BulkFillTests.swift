import Foundation
import PipeboardCore
import Testing

@testable import PipeboardStore

/// A fill as big as the cache runs without the totals index (`CacheStore.fillingInBulk`), and the cache ends with
/// the very index it had, whatever way the fill ends.
@Suite struct BulkFillTests {
    static let index = "opportunity_column_totals"

    private static func cards(_ count: Int) -> [Opportunity] {
        (0..<count).map { card("Deal \($0)", rank: Int64($0), value: usd(Int64($0 % 97))) }
    }

    private static func withCacheFile<T>(_ body: (String) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-bulk-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder.appendingPathComponent("cache.sqlite").path)
    }

    private static func indexSQL(_ store: CacheStore) throws -> String? {
        try store.read { try CacheStore.indexSQL($0, name: index) }
    }

    private static func notes(_ store: CacheStore) throws -> [String: String] {
        try store.settings(prefix: CacheStore.setAsideNote)
    }

    @Test func aBigFillRunsWithoutTheTotalsIndexAndEndsWithItAsItWas() async throws {
        try await Self.withCacheFile { path in
            let store = try CacheStore(path: path)
            let before = try #require(try Self.indexSQL(store))
            try await store.fillingInBulk(adding: CacheStore.bulkFillFrom) {
                #expect(try Self.indexSQL(store) == nil)
                #expect(try Self.notes(store) == [Self.index: before])
                try store.write { try $0.insertMany(Self.cards(CacheStore.bulkFillFrom)) }
            }
            #expect(try Self.indexSQL(store) == before)
            #expect(try Self.notes(store).isEmpty)
            let check = try store.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
            #expect(check == ["ok"])
            let columns = try store.columns(account: "acme", pipeline: salesPipeline, query: BoardQuery())
            #expect(columns.map(\.count).reduce(0, +) == CacheStore.bulkFillFrom)
        }
    }

    @Test func aSmallFillOrOneSmallerThanTheCacheKeepsTheIndex() async throws {
        let store = try CacheStore.inMemory()
        try await store.fillingInBulk(adding: CacheStore.bulkFillFrom - 1) {
            #expect(try Self.indexSQL(store) != nil)
            try store.seed(Self.cards(CacheStore.bulkFillFrom + 1))
        }
        let kept = try await store.fillingInBulk(adding: CacheStore.bulkFillFrom) { try Self.indexSQL(store) != nil }
        #expect(kept)
    }

    @Test func aFillThatFailsStillEndsWithTheIndex() async throws {
        struct Refused: Error {}
        let store = try CacheStore.inMemory()
        await #expect(throws: Refused.self) {
            try await store.fillingInBulk(adding: CacheStore.bulkFillFrom) {
                #expect(try Self.indexSQL(store) == nil)
                throw Refused()
            }
        }
        #expect(try Self.indexSQL(store) != nil)
        #expect(try Self.notes(store).isEmpty)
    }

    /// A fill that never ended (the process was killed) left the index aside: the next open makes it.
    @Test func theNextOpenMakesAnIndexAFillLeftAside() async throws {
        try await Self.withCacheFile { path in
            let before: String
            do {
                let store = try CacheStore(path: path)
                before = try #require(try Self.indexSQL(store))
                #expect(try store.setIndexesAside(adding: CacheStore.bulkFillFrom))
                #expect(try Self.indexSQL(store) == nil)
            }
            let reopened = try CacheStore(path: path)
            #expect(try Self.indexSQL(reopened) == before)
            #expect(try Self.notes(reopened).isEmpty)
        }
    }

    /// A rebuild copies the settings, the note among them, into a cache that has the index: it stays, once.
    @Test func aRebuiltCacheKeepsItsIndexAndDropsTheNote() async throws {
        try await Self.withCacheFile { path in
            do {
                let store = try CacheStore(path: path)
                #expect(try store.setIndexesAside(adding: CacheStore.bulkFillFrom))
            }
            let (rebuilt, _) = try CacheStore.rebuild(at: path)
            #expect(try Self.indexSQL(rebuilt) != nil)
            #expect(try Self.notes(rebuilt).isEmpty)
        }
    }
}

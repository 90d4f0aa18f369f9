import Foundation
import GRDB
import PipeboardCore
import Testing
@testable import PipeboardStore

@Suite("Sharing one cache")
struct ConcurrencyTests {
    /// The Service writes while the board and the sync read: each write commits whole, readers never see half.
    @Test func concurrentWritersAndReadersSeeWholeTransactions() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    for index in 0..<25 {
                        let deal = card("w\(writer)-\(index)", rank: Int64(index))
                        try store.write { transaction in
                            try transaction.insert(deal)
                            try transaction.enqueue(
                                account: "acme", opportunityID: deal.id, operation: .create, at: referenceNow)
                        }
                    }
                }
            }
            group.addTask {
                for _ in 0..<25 {
                    // Card and outbox entry are written together, so a snapshot always has as many of each.
                    let (cards, entries) = try store.snapshotCounts()
                    #expect(cards == entries)
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.count(account: "acme") == 100)
        #expect(try store.outboxCounts(account: "acme") == (pending: 100, failed: 0))
    }
}

extension CacheStore {
    /// Cards and outbox entries counted in one read transaction.
    fileprivate func snapshotCounts() throws -> (Int, Int) {
        try read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM opportunity") ?? -1,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? -2
            )
        }
    }
}

import Foundation
import GRDB
import PipeboardCore
import PipeboardProviders
import PipeboardService
@testable import PipeboardStore
import Testing

/// Broken disks: each fault gives one clear sentence, the change that hit it is not half-saved, and every change
/// queued before it is still queued afterwards.
@Suite(.serialized) struct StorageFaultTests {
    /// Adds cards until the disk is full; returns how many were saved and the error that stopped them.
    func addUntilFull(_ bench: Workbench, limit: Int = 2_000) async throws -> (saved: Int, error: (any Error)?) {
        let padding = String(repeating: "padding ", count: 100)
        for n in 0..<limit {
            do {
                _ = try await bench.service.create(account: nil, pipeline: nil, input: ["name": "Deal \(n) \(padding)"])
            } catch {
                return (n, error)
            }
        }
        return (limit, nil)
    }

    @Test func aFullDiskRefusesTheChangeAndKeepsTheQueue() async throws {
        // A real full disk where a tmpfs can be mounted; else SQLite's own size cap gives the same SQLITE_FULL.
        let disk = ScratchDisk.mount(kilobytes: 1_024)
        defer { disk?.unmount() }
        let folder = disk?.folder.appendingPathComponent("data")
        if let folder { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let pending: Int
        let dataFolder: URL
        do {
            let bench = try await Workbench(folder: folder).seeded()
            dataFolder = bench.folder
            let before = try await bench.service.outboxCounts(account: nil).pending
            if let disk {
                _ = try disk.fill()
            } else {
                try await bench.store.database.writeWithoutTransaction { db in
                    let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                    try db.execute(sql: "PRAGMA max_page_count = \(pages + 2)")
                }
            }
            let (saved, error) = try await addUntilFull(bench)
            let refusal = try #require(error, "the disk never filled")
            #expect(
                String(describing: refusal).contains("is full; this change was not saved, earlier ones are kept"),
                "\(refusal)")
            pending = try await bench.service.outboxCounts(account: nil).pending
            #expect(pending == before + saved)
        }
        // Space comes back: a fresh process finds every queued change and can save again.
        if let disk { try FileManager.default.removeItem(at: disk.folder.appendingPathComponent("filler")) }
        let reopened = try Workbench(folder: dataFolder)
        defer { if disk == nil { reopened.cleanUp() } }
        #expect(try await reopened.service.outboxCounts(account: nil).pending == pending)
        _ = try await reopened.service.create(account: nil, pipeline: nil, input: ["name": "After the cleanup"])
        #expect(try await reopened.service.outboxCounts(account: nil).pending == pending + 1)
    }

    @Test(.enabled(if: ScratchDisk.canMount, "needs a tmpfs that can be remounted read-only (root)"))
    func aReadOnlyDataFolderIsNamedAndLosesNothing() async throws {
        let disk = try #require(ScratchDisk.mount(kilobytes: 4_096))
        defer { disk.unmount() }
        let pending: Int
        do {
            let bench = try await Workbench(folder: disk.folder).seeded()
            let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: nil).first)
            let pipeline = try await bench.service.pipelines(account: nil)[0]
            _ = try await bench.service.move(id: card.id, toStage: pipeline.stages[1].name)
            pending = try await bench.service.outboxCounts(account: nil).pending
            #expect(pending > 0)
        }
        // The disk turns read-only (a full fs remounted, a USB stick locked) while pipeboard is closed.
        #expect(disk.remount(readOnly: true))
        // A new process on the read-only folder: one sentence naming the folder and the fix.
        let opening = #expect(throws: StoreError.self) {
            try CacheStore(path: disk.folder.appendingPathComponent("cache.sqlite").path)
        }
        #expect(
            opening?.description.contains("is not writable (read-only disk or permissions)") == true,
            "\(String(describing: opening))")
        #expect(disk.remount(readOnly: false))
        let reopened = try Workbench(folder: disk.folder)
        #expect(try await reopened.service.outboxCounts(account: nil).pending == pending)
    }

    @Test func aCacheLockedByAnotherWriterIsNamedAndTheChangeCanBeRetried() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: nil).first)
        let stages = try await bench.service.pipelines(account: nil)[0].stages
        let before = try await bench.service.outboxCounts(account: nil).pending
        // Another connection (as another pipeboard would) holds the write lock past the 5 s busy timeout.
        let other = try DatabaseQueue(path: bench.folder.appendingPathComponent("cache.sqlite").path)
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? other.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                holding.signal()
                release.wait()
                try db.execute(sql: "ROLLBACK")
            }
        }
        holding.wait()
        let error = await #expect(throws: StoreError.self) {
            try await bench.service.move(id: card.id, toStage: stages[1].name)
        }
        release.signal()
        #expect(error?.kind == .busy)
        #expect(error?.description.contains("locked by another pipeboard") == true, "\(String(describing: error))")
        #expect(try await bench.service.outboxCounts(account: nil).pending == before)
        _ = try await bench.service.move(id: card.id, toStage: stages[1].name)
        #expect(try await bench.service.outboxCounts(account: nil).pending == before + 1)
    }

    @Test func aDamagedCacheSaysHowToRebuildAndRebuildSetsItAside() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-damaged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do { _ = try await Workbench(folder: folder).seeded() }
        let path = folder.appendingPathComponent("cache.sqlite").path
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 8_192))
        try handle.close()
        let error = #expect(throws: StoreError.self) { try CacheStore(path: path) }
        #expect(error?.kind == .notACache)
        #expect(error?.description.contains("run `pipeboard cache rebuild`") == true, "\(String(describing: error))")
        let (store, report) = try CacheStore.rebuild(at: path)
        #expect(report.unreadable.count == 1, "\(report.unreadable)")
        let backup = try #require(report.backup)
        #expect(FileManager.default.fileExists(atPath: backup))
        #expect(try store.outboxCounts(account: nil) == (0, 0))
    }

    @Test func rebuildKeepsQueuedChangesAndPullsTheRestAgain() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-rebuild-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let queued: Set<UUID>
        let added: Opportunity
        let cardCount: Int
        do {
            let bench = try await Workbench(folder: folder).seeded()
            let cards = try await bench.service.list(account: nil, pipeline: nil, stage: nil)
            cardCount = cards.count
            let stages = try await bench.service.pipelines(account: nil)[0].stages
            _ = try await bench.service.move(id: cards[0].id, toStage: stages[2].name)
            added = try await bench.service.create(account: nil, pipeline: nil, input: ["name": "Not yet delivered"])
            queued = Set(try bench.store.outbox(account: nil, states: []).map(\.opportunityID))
            #expect(queued == [cards[0].id, added.id])
            // While this store is open (another pipeboard), a rebuild is refused.
            let busy = #expect(throws: StoreError.self) {
                try CacheStore.rebuild(at: folder.appendingPathComponent("cache.sqlite").path)
            }
            #expect(busy?.description.contains("is open in another pipeboard") == true)
        }
        let (store, report) = try CacheStore.rebuild(at: folder.appendingPathComponent("cache.sqlite").path)
        #expect(report.keptChanges == 2)
        #expect(report.keptCards == 2)
        #expect(report.unreadable.isEmpty)
        let local = try LocalWorkspaceProvider(path: folder.appendingPathComponent("workspace.sqlite").path)
        let service = BoardService(
            store: store, accounts: [Account(config: AccountConfig(name: "local", provider: .local), provider: local)])
        #expect(Set(try store.outbox(account: nil, states: []).map(\.opportunityID)) == queued)
        _ = try await service.pull(account: nil)
        let after = try await service.list(account: nil, pipeline: nil, stage: nil)
        #expect(after.count == cardCount + 1)
        #expect(after.contains { $0.id == added.id && $0.name == "Not yet delivered" })
        // The board's kept column counts include the cards the rebuild copied over.
        let counted = try store.pipelines(account: "local").reduce(0) { sum, pipeline in
            sum
                + (try store.columns(account: "local", pipeline: pipeline, query: BoardQuery()).map(\.count).reduce(
                    0, +))
        }
        #expect(counted == after.count)
        // The queue is still delivered exactly once after the rebuild.
        let report2 = try await service.push(account: nil)
        #expect(report2.delivered == 2)
        #expect(try store.outboxCounts(account: nil) == (0, 0))
    }
}

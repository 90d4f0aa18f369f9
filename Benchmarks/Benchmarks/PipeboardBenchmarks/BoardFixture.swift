import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import PipeboardTUI

/// A cache on disk filled with `count` generated deals, the service over it, and a 120×40 board state loaded
/// from it: what `pipeboard board` has in hand after `pipeboard demo --cards count`.
final class BoardFixture: @unchecked Sendable {
    static let width = 120, height = 40

    let folder: URL
    let service: BoardService
    var state: AppState

    private init(folder: URL, service: BoardService, state: AppState) {
        self.folder = folder
        self.service = service
        self.state = state
    }

    /// Built once per size and kept for the process: filling 300k cards takes seconds, which no benchmark measures.
    /// With `tasksPerDeal`, every deal also has about that many tasks and half as many notes (`demo --tasks`).
    static func shared(count: Int, tasksPerDeal: Int = 0) async throws -> BoardFixture {
        let key = "\(count) \(tasksPerDeal)"
        if let made = made.withLock({ $0[key] }) { return made }
        let fixture = try await make(count: count, tasksPerDeal: tasksPerDeal)
        made.withLock { $0[key] = fixture }
        return fixture
    }

    private static let made = LockedValue<[String: BoardFixture]>([:])

    private static func make(count: Int, tasksPerDeal: Int) async throws -> BoardFixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-bench-\(count)-\(tasksPerDeal)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
        let now = Date()
        // Written straight to the cache in batches, as `pipeboard demo` leaves it after its pull.
        try store.write { try $0.savePipelines(account: "local", [DemoData.pipeline]) }
        var done = 0
        while done < count {
            let size = min(10_000, count - done)
            var batch = DemoData.opportunities(
                count: size, seed: 1 &+ UInt64(done), account: "local", now: now, firstRank: Int64(done))
            // Tasks belong to delivered deals (they are stored in the workspace under the deal's remote id).
            if tasksPerDeal > 0 {
                for index in batch.indices { batch[index].remoteID = batch[index].id.uuidString.lowercased() }
            }
            try store.write { try $0.insertMany(batch) }
            done += size
        }
        let local = try LocalWorkspaceProvider(path: folder.appendingPathComponent("local.sqlite").path)
        let service = BoardService(
            store: store, accounts: [Account(config: AccountConfig(name: "local", provider: .local), provider: local)])
        if tasksPerDeal > 0 {
            let written = try await service.fillDemoActivity(account: "local", perDeal: tasksPerDeal)
            print("board fixture: \(count) deals, \(written.tasks) tasks, \(written.notes) notes")
        }
        var state = AppState(width: width, height: height, now: now)
        _ = update(&state, .boardLoaded(try await service.board(state.boardQuery)))
        return BoardFixture(folder: folder, service: service, state: state)
    }

    /// The card the board has focused now.
    var focusedCard: Opportunity? {
        guard let snapshot = state.snapshot, snapshot.columns.indices.contains(state.focus.column) else { return nil }
        let column = snapshot.columns[state.focus.column]
        let index = state.focus.card - column.offset
        return column.cards.indices.contains(index) ? column.cards[index] : nil
    }
}

/// A value behind a lock, for the fixtures shared between benchmarks.
final class LockedValue<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

import Foundation
import PipeboardConfig
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import Synchronization
import Testing

@testable import PipeboardRuntime

@Suite("A board load overtaken by a newer one")
struct OvertakenLoadTests {
    /// The service's clock, which can hold the next reading of the time until it is let go: the service reads the
    /// time just before it reads the board's columns, so a load held there is under way and not yet read.
    final class HeldClock: Sendable {
        private let holding = Mutex(false)
        private let held = DispatchSemaphore(value: 0)
        private let letGo = DispatchSemaphore(value: 0)

        func now() -> Date {
            if holding.withLock({ $0 }) {
                holding.withLock { $0 = false }
                held.signal()
                letGo.wait()
            }
            return RunningBoard.now
        }

        func holdNextReading() { holding.withLock { $0 = true } }
        func waitUntilHeld() -> Bool { held.wait(timeout: .now() + 10) == .success }
        func release() { letGo.signal() }
    }

    static func search(_ text: String) -> BoardQuery {
        var query = BoardQuery(account: "local")
        query.filter = BoardFilter(search: text)
        return query
    }

    /// The search for "a" is under way when "zzzq" (which nothing matches) is asked for: the loop is only ever sent
    /// the board for "zzzq". Before, the board for "a" arrived first and was drawn, then replaced.
    @Test func theOvertakenSearchIsNeverSentToTheLoop() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-overtaken-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
        let workspace = try LocalWorkspaceProvider(path: folder.appendingPathComponent("workspace.sqlite").path)
        let clock = HeldClock()
        let service = BoardService(
            store: store,
            accounts: [Account(config: AccountConfig(name: "local", provider: .local), provider: workspace)],
            clock: clock.now)
        _ = try await service.prepareLocalWorkspace(account: nil)
        #expect(try await service.board(Self.search("a")).columns.map(\.count).reduce(0, +) > 0)

        let inbox = try Inbox()
        let runner = EffectRunner(service: service, inbox: inbox)
        clock.holdNextReading()
        runner.submit(.load(Self.search("a")))
        #expect(clock.waitUntilHeld(), "the first load reached the service")
        runner.submit(.load(Self.search("zzzq")))
        clock.release()

        var boards: [BoardSnapshot] = []
        var others: [String] = []
        let read = { () in
            for message in inbox.drain() {
                if case .loaded(let loaded) = message {
                    boards.append(loaded.snapshot)
                } else {
                    others.append(String(describing: message))
                }
            }
        }
        for _ in 0..<250 where boards.isEmpty {
            try await Task.sleep(for: .milliseconds(20))
            read()
        }
        // Anything else the loads would send comes within this.
        try await Task.sleep(for: .milliseconds(300))
        read()
        #expect(boards.count == 1)
        #expect(boards.first?.columns.allSatisfy { $0.count == 0 } == true, "the board for zzzq, which nothing matches")
        #expect(others.isEmpty, "no failure said and no reload asked for: \(others)")
    }
}

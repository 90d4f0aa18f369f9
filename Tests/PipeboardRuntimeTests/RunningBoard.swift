import Foundation
import PipeboardConfig
import PipeboardCore
import PipeboardProviders
import PipeboardRuntime
import PipeboardService
import PipeboardStore
import PipeboardTUI
import Synchronization
import Testing

/// The whole board as the executable runs it, without a terminal: the runtime's loop on its own thread, a real
/// service over a real cache in a fresh temporary folder, and a headless terminal the test types into. The
/// account is a local workspace there with the demo starter deals, made at a fixed time so that screens are the
/// same on every run, or the provider given (a client of a loopback fake), pulled before the board opens.
final class RunningBoard: Sendable {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    let terminal: HeadlessTerminal
    let service: BoardService
    let folder: URL
    /// The board as it opened, before any key.
    let first: BoardSnapshot
    private let ended = DispatchSemaphore(value: 0)
    private let outcome = Mutex<Result<Bool, any Error>?>(nil)

    var cachePath: String { folder.appendingPathComponent("cache.sqlite").path }
    var workspacePath: String { folder.appendingPathComponent("workspace.sqlite").path }

    /// Opens the board as `pipeboard board` does: the first snapshot loaded with the loop's opening query, then
    /// the loop started with it.
    init(
        width: Int = 120, height: Int = 40, account name: String = "local", kind: ProviderKind = .local,
        provider: (any OpportunityProvider)? = nil, configure: (inout BoardOptions) -> Void = { _ in }
    ) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-runtime-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
        let now = Self.now
        let workspace = folder.appendingPathComponent("workspace.sqlite").path
        let client = try provider ?? LocalWorkspaceProvider(path: workspace)
        let account = Account(config: AccountConfig(name: name, provider: kind), provider: client)
        service = BoardService(store: store, accounts: [account], clock: { now })
        if provider == nil {
            _ = try await service.prepareLocalWorkspace(account: nil)
        } else {
            try await service.pull(account: name)
        }
        var configured = Self.options(account: name)
        configure(&configured)
        let options = configured
        first = try await service.board(options.openingState(width: 0, height: 0).openingQuery)
        terminal = HeadlessTerminal(width: width, height: height)
        // The loop blocks in poll() between events, as on a terminal, so it gets a thread of its own rather than
        // one of the few the tasks share.
        Thread.detachNewThread { [self] in
            let result = Result {
                try BoardLoop(
                    terminal: terminal, service: service, theme: Theme.builtInDefault, options: options,
                    loadTheme: { name in try Theme.parse(toml: Theme.shippedTOML[name] ?? "", name: name) },
                    first: first, now: now
                ).run()
            }
            outcome.withLock { $0 = result }
            ended.signal()
        }
    }

    /// The account's board with the standard keys, no mouse and no background sync.
    static func options(account: String) -> BoardOptions {
        BoardOptions(
            mouse: false, pullOnStart: false, keyMaps: .standard, display: BoardDisplay(), configTheme: "default",
            account: account)
    }

    /// The screen once the loop has settled: `done` holds for it, nothing waits in the outbox, and no frame has
    /// been drawn for a fifth of a second. Records an issue with the last screen if that takes over ten seconds.
    func settledScreen(
        sourceLocation: SourceLocation = #_sourceLocation, until done: (Screen) -> Bool = { _ in true }
    ) async throws -> Screen {
        let deadline = Date().addingTimeInterval(10)
        var seen = terminal.lastFrame
        var quietSince = Date()
        while Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
            let frame = terminal.lastFrame
            if frame.count != seen.count {
                seen = frame
                quietSince = Date()
                continue
            }
            guard let screen = frame.screen, done(screen), Date().timeIntervalSince(quietSince) >= 0.2 else { continue }
            let waiting = try await service.outboxCounts(account: nil)
            if waiting.pending + waiting.failed == 0 { return screen }
        }
        let last = terminal.lastFrame.screen
        Issue.record(
            "the board did not settle; last screen:\n\(last?.plainText ?? "(none)")", sourceLocation: sourceLocation)
        return try #require(last, sourceLocation: sourceLocation)
    }

    /// Sends q and waits for the loop to end; true when it saved everything asked for.
    func quit(sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        terminal.press(.character("q"))
        return try ending(sourceLocation: sourceLocation)
    }

    /// Waits up to fifteen seconds (the loop gives saving ten and delivery two) for `run()` to return.
    func ending(sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        guard ended.wait(timeout: .now() + 15) == .success else {
            Issue.record("the loop did not end", sourceLocation: sourceLocation)
            return false
        }
        ended.signal() // so that a second wait (cleanUp after quit) returns at once
        return try #require(outcome.withLock { $0 }, sourceLocation: sourceLocation).get()
    }

    /// Ends the loop if the test did not, and removes the folder.
    func cleanUp() {
        if ended.wait(timeout: .now()) == .success {
            ended.signal()
        } else {
            terminal.hangUp()
            _ = ended.wait(timeout: .now() + 15)
        }
        try? FileManager.default.removeItem(at: folder)
    }
}

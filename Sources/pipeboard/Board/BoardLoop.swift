import Foundation
import PipeboardCore
import PipeboardService
import PipeboardTerminal
import PipeboardTUI

/// The interactive board: one thread owns the terminal and the state; effects run on the service in the
/// background and come back through the inbox. The loop sleeps in poll() between events (no busy loop).
final class BoardLoop {
    private let terminal: Terminal
    private let theme: Theme
    private let inbox: Inbox
    private let runner: EffectRunner
    private var state: AppState

    private let pullOnStart: Bool
    /// Seconds between background syncs; 0 turns them off.
    private let syncInterval: Int

    /// `pullOnStart` fetches the provider's changes when the board opens (a local workspace has none to fetch).
    /// `first`, the board as just loaded, is drawn at once instead of being asked for again.
    init(service: BoardService, theme: Theme, mouse: Bool, pullOnStart: Bool, syncInterval: Int = 0, first: BoardSnapshot? = nil) throws {
        self.pullOnStart = pullOnStart
        self.syncInterval = syncInterval
        inbox = try Inbox()
        runner = EffectRunner(service: service, inbox: inbox)
        terminal = try Terminal(mouse: mouse)
        self.theme = theme
        let size = terminal.size
        state = AppState(width: size.width, height: size.height, now: Date())
        state.charset = Charset.detect(environment: ProcessInfo.processInfo.environment)
        if let first { initialEffects = update(&state, .boardLoaded(first)) }
    }

    /// What the first snapshot asked for (a load when its windows do not cover the screen).
    private var initialEffects: [Effect] = []

    /// Runs until the user quits; returns false when changes asked for were still being saved at the end.
    @discardableResult
    func run() -> Bool {
        defer { terminal.stop() }
        if state.snapshot == nil { runner.submit(.load(state.boardQuery)) }
        initialEffects.forEach(runner.submit)
        // The first pull of a run is a full one, so records deleted at the provider leave the board.
        runner.refreshInBackground(pull: pullOnStart, user: false, full: true)
        let ticker = runner.syncEvery(syncInterval)
        defer { ticker?.cancel() }
        render()
        while true {
            _ = terminal.waitForInput(wakeFD: inbox.wakeDescriptor)
            var events = terminal.readEvents().map(AppEvent.terminal)
            // Several saves reported at once need one reload, not one each: at 100k cards a load is most of
            // what a move costs.
            var reload = false
            for message in inbox.drain() {
                switch message {
                case .app(let event): events.append(event)
                case .reload: reload = true
                case .outboxChanged:
                    switch state.mode {
                    case .outbox, .conflict: runner.submit(.loadOutbox)
                    default: break
                    }
                }
            }
            if reload { runner.submit(.load(state.boardQuery)) }
            for event in events {
                for effect in update(&state, event) {
                    switch effect {
                    case .quit: return runner.finish(within: 10, grace: 2)
                    case .refresh: runner.refreshInBackground(pull: true)
                    default: runner.submit(effect)
                    }
                }
            }
            render()
        }
    }

    private func render() {
        terminal.draw(view(state), theme: theme)
    }
}

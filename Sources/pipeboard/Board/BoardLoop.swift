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
    init(service: BoardService, theme: Theme, mouse: Bool, pullOnStart: Bool, syncInterval: Int = 0) throws {
        self.pullOnStart = pullOnStart
        self.syncInterval = syncInterval
        inbox = try Inbox()
        runner = EffectRunner(service: service, inbox: inbox)
        terminal = try Terminal(mouse: mouse)
        self.theme = theme
        let size = terminal.size
        state = AppState(width: size.width, height: size.height, now: Date())
    }

    func run() {
        defer { terminal.stop() }
        runner.submit(.load(state.boardQuery))
        // The first pull of a run is a full one, so records deleted at the provider leave the board.
        runner.refreshInBackground(pull: pullOnStart, user: false, full: true)
        let ticker = runner.syncEvery(syncInterval)
        defer { ticker?.cancel() }
        render()
        while true {
            _ = terminal.waitForInput(wakeFD: inbox.wakeDescriptor)
            var events = terminal.readEvents().map(AppEvent.terminal)
            for message in inbox.drain() {
                switch message {
                case .app(let event): events.append(event)
                case .reload: runner.submit(.load(state.boardQuery))
                case .outboxChanged:
                    switch state.mode {
                    case .outbox, .conflict: runner.submit(.loadOutbox)
                    default: break
                    }
                }
            }
            for event in events {
                for effect in update(&state, event) {
                    switch effect {
                    case .quit:
                        runner.finish()
                        return
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

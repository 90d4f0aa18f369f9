import Foundation
import PipeboardCore
import PipeboardService
import PipeboardTerminal
import PipeboardTUI

/// What the board opens with, from the config and what it remembers.
struct BoardOptions {
    var mouse: Bool
    /// Fetch the provider's changes when the board opens (a local workspace has none to fetch).
    var pullOnStart: Bool
    var keyMaps: KeyMaps
    var display: BoardDisplay
    /// The config's theme, which a choice made with `T` is remembered against.
    var configTheme: String
    /// The account or merged board to show first; nil for the service's choice.
    var account: String?
    /// Saved filters from the config, on keys 1-9.
    var views: [SavedView] = []
}

/// The interactive board: one thread owns the terminal and the state; effects run on the service in the
/// background and come back through the inbox. The loop sleeps in poll() between events (no busy loop).
final class BoardLoop {
    private let terminal: Terminal
    private var theme: Theme
    private let inbox: Inbox
    private let runner: EffectRunner
    private let service: BoardService
    private var state: AppState
    private let options: BoardOptions

    init(service: BoardService, theme: Theme, options: BoardOptions) throws {
        self.options = options
        self.service = service
        inbox = try Inbox()
        let undo = options.keyMaps.board.bindings.first { $0.action == .undo }?.keys.first?.label
        runner = EffectRunner(service: service, inbox: inbox, undoKey: undo)
        terminal = try Terminal(mouse: options.mouse)
        self.theme = theme
        let size = terminal.size
        state = AppState(width: size.width, height: size.height, now: Date())
        state.keyMaps = options.keyMaps
        state.display = options.display
        state.views = options.views
        if let account = options.account { state.target = BoardTarget(account: account, pipelineID: nil) }
    }

    func run() {
        defer { terminal.stop() }
        runner.submit(.load(state.boardQuery))
        runner.refreshInBackground(pull: options.pullOnStart)
        render()
        while true {
            _ = terminal.waitForInput(wakeFD: inbox.wakeDescriptor)
            var events = terminal.readEvents().map(AppEvent.terminal)
            for message in inbox.drain() {
                switch message {
                case .app(let event): events.append(event)
                case .reload: runner.submit(.load(state.boardQuery))
                }
            }
            for event in events {
                for effect in update(&state, event) {
                    switch effect {
                    case .quit: return
                    case .refresh: runner.refreshInBackground(pull: true)
                    case .setTheme(let name): switchTheme(to: name)
                    default: runner.submit(effect)
                    }
                }
            }
            render()
        }
    }

    /// Loads the theme and remembers the choice; a theme that cannot be loaded leaves the current one on.
    private func switchTheme(to name: String) {
        do {
            theme = try ThemeLoader.load(name)
        } catch {
            _ = update(&state, .notice("theme \(name): \(error)"))
            return
        }
        let service = service, configTheme = options.configTheme, inbox = inbox
        Task.detached {
            do { try await service.rememberTheme(name, configTheme: configTheme) } catch {
                inbox.post(.app(.notice("the theme could not be remembered: \(error)")))
            }
        }
    }

    private func render() {
        terminal.draw(view(state), theme: theme)
    }
}

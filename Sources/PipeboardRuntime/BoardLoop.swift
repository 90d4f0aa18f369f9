import Foundation
import PipeboardCore
import PipeboardService
import PipeboardTUI

/// What the board opens with, from the config and what it remembers.
package struct BoardOptions: Sendable {
    /// Whether the terminal reports the mouse; read by whoever starts the terminal.
    package var mouse: Bool
    /// Fetch the provider's changes when the board opens (a local workspace has none to fetch).
    package var pullOnStart: Bool
    package var keyMaps: KeyMaps
    package var display: BoardDisplay
    /// The config's theme, which a choice made with `T` is remembered against.
    package var configTheme: String
    /// The account or merged board to show first; nil for the service's choice.
    package var account: String?
    /// Saved filters from the config, on keys 1-9.
    package var views: [SavedView]
    /// Seconds between background syncs; 0 turns them off.
    package var syncInterval: Int
    /// The board as it was just before this moment, read only (`--as-of`); nil: the present.
    package var asOf: Date?
    /// Per account: where its deals' pages are in the CRM's web app, or why there are none.
    package var dealPages: [String: DealPage] = [:]
    /// The variables pages and commands are started with (`BROWSER`, `PATH`, ...).
    package var environment: [String: String] = ProcessInfo.processInfo.environment

    package init(
        mouse: Bool, pullOnStart: Bool, keyMaps: KeyMaps, display: BoardDisplay, configTheme: String,
        account: String?, views: [SavedView] = [], syncInterval: Int = 0
    ) {
        self.mouse = mouse
        self.pullOnStart = pullOnStart
        self.keyMaps = keyMaps
        self.display = display
        self.configTheme = configTheme
        self.account = account
        self.views = views
        self.syncInterval = syncInterval
    }

    /// The board's state before anything is shown: the config's keys, looks and views, and the account asked for.
    /// The first snapshot is loaded with this state's `openingQuery`, so it is the board the loop would ask for.
    package func openingState(width: Int, height: Int, now: Date = Date(), charset: Charset = .unicode) -> AppState {
        var state = AppState(width: width, height: height, now: now)
        state.keyMaps = keyMaps
        state.display = display
        state.views = views
        state.charset = charset
        if let account { state.target = BoardTarget(account: account, pipelineID: nil) }
        state.asOf = asOf
        state.dealPages = dealPages
        if let asOf { state.now = AsOf.lastMoment(before: asOf) }
        return state
    }
}

/// The interactive board: one thread owns the terminal and the state; effects run on the service in the
/// background and come back through the inbox. The loop sleeps in poll() between events (no busy loop).
package final class BoardLoop {
    private let terminal: any TerminalBackend
    private var theme: Theme
    /// Finds a theme by name for `T`; the executable's looks in the user's and the shipped themes.
    private let loadTheme: (String) throws -> Theme
    private let inbox: Inbox
    private let runner: EffectRunner
    private let service: BoardService
    private var state: AppState
    private let options: BoardOptions
    private let commands = RunningCommands()

    /// `first`, the board as just loaded (with `options.openingState(...).openingQuery`), is drawn at once
    /// instead of being asked for again. `now` is the time the board's stage ages count to.
    package init(
        terminal: any TerminalBackend, service: BoardService, theme: Theme, options: BoardOptions,
        loadTheme: @escaping (String) throws -> Theme, first: BoardSnapshot? = nil, now: Date = Date()
    ) throws {
        self.options = options
        self.service = service
        inbox = try Inbox()
        runner = EffectRunner(service: service, inbox: inbox)
        self.terminal = terminal
        self.theme = theme
        self.loadTheme = loadTheme
        let size = terminal.size
        state = options.openingState(width: size.width, height: size.height, now: now, charset: terminal.charset)
        if let first { initialEffects = update(&state, .boardLoaded(first)) }
    }

    /// What the first snapshot asked for (a load when its windows do not cover the screen).
    private var initialEffects: [Effect] = []

    /// Runs until the user quits; returns false when changes asked for were still being saved at the end.
    @discardableResult
    package func run() -> Bool {
        // Declared first, so it runs last: after the terminal is back, where its line can be read.
        defer { sayStopped(commands.stopAll()) }
        defer { terminal.stop() }
        // The first frame, then the work that follows it (as after every key, below).
        render()
        if state.snapshot == nil { runner.submit(.load(state.boardQuery)) }
        initialEffects.forEach(runner.submit)
        // The first pull of a run is a full one, so records deleted at the provider leave the board.
        let opening = runner.refreshInBackground(pull: options.pullOnStart, user: false, full: true)
        let ticker = runner.syncEvery(options.syncInterval, after: opening)
        let days = tellEachNewDay(inbox)
        defer {
            ticker?.cancel()
            days.cancel()
        }
        while true {
            _ = terminal.waitForInput(wakeFD: inbox.wakeDescriptor)
            // The window closed under us: keep what was asked for, as q does, and end.
            if terminal.isGone { return runner.finish(within: 10, grace: 2) }
            var events = terminal.readEvents().map(AppEvent.terminal)
            // Several saves reported at once need one reload, not one each: at 100k cards a load is most of
            // what a move costs.
            var reload = false
            for message in inbox.drain() {
                switch message {
                case .app(let event): events.append(event)
                case .loaded(let board):
                    if runner.isCurrent(board) { events.append(.boardLoaded(board.snapshot)) }
                case .reload: reload = true
                case .outboxChanged:
                    switch state.mode {
                    case .outbox, .conflict: runner.submit(.loadOutbox)
                    default: break
                    }
                }
            }
            var asked: [Effect] = reload ? [.load(state.boardQuery)] : []
            for event in events {
                for effect in update(&state, event) {
                    switch effect {
                    case .quit:
                        asked.forEach(start)
                        service.releaseSearch()
                        return runner.finish(within: 10, grace: 2)
                    case .setTheme(let name): switchTheme(to: name)
                    case .openURL(let url): openPage(url)
                    case .runCommand(let run): runCommand(run)
                    default: asked.append(effect)
                    }
                }
            }
            // The frame goes out before the work it asks for starts: on two cores, a save and its reload
            // starting first would compete with drawing the key's own frame.
            render()
            asked.forEach(start)
        }
    }

    private func start(_ effect: Effect) {
        if case .refresh = effect { runner.refreshInBackground(pull: true) } else { runner.submit(effect) }
    }

    /// Loads the theme and remembers the choice; a theme that cannot be loaded leaves the current one on.
    private func switchTheme(to name: String) {
        do {
            theme = try loadTheme(name)
        } catch {
            _ = update(&state, .themeFailed(name: name, reason: String(describing: error)))
            return
        }
        let service = service, configTheme = options.configTheme, inbox = inbox
        Task.detached {
            do { try await service.rememberTheme(name, configTheme: configTheme) } catch {
                inbox.post(.app(.themeNotRemembered(reason: String(describing: error))))
            }
        }
    }

    /// Starts the browser on a page; the status bar says which page, or why it could not be opened.
    private func openPage(_ url: String) {
        let inbox = inbox
        let said = WebBrowser(environment: options.environment).open(url) { inbox.post(.app(.notice($0))) }
        _ = update(&state, .notice(said))
    }

    /// A command that wants the terminal runs now, the board suspended, and the board comes back redrawn; any other
    /// runs on a thread of its own (a slow one holds up nothing) and reports when it ends.
    private func runCommand(_ run: CommandRun) {
        let inbox = inbox, environment = options.environment, commands = commands
        guard run.output == .terminal else {
            Thread.detachNewThread {
                let result = CommandRunner.capture(run, environment: environment, running: commands)
                inbox.post(.app(.commandFinished(result)))
            }
            return
        }
        terminal.suspend()
        let result = CommandRunner.inTerminal(run, environment: environment)
        terminal.resume()
        inbox.post(.app(.commandFinished(result)))
    }

    /// Names on standard error the commands still running when the board closed, which it ended.
    private func sayStopped(_ names: [String]) {
        guard !names.isEmpty else { return }
        let list = names.map { "“\($0)”" }.joined(separator: ", ")
        FileHandle.standardError.write(Data("pipeboard: ended \(list), still running when the board closed\n".utf8))
    }

    private func render() {
        terminal.draw(view(state), theme: theme)
    }
}

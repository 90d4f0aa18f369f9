import ArgumentParser
import Foundation
import PipeboardConfig
import PipeboardCore
import PipeboardProviders
import PipeboardRuntime
import PipeboardService
import PipeboardTerminal
import PipeboardTUI

struct BoardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "board", abstract: "Open the board (the default).")

    @OptionGroup var common: CommonOptions
    @Flag(help: "Leave the mouse to the terminal, so text can be selected (as mouse = false in the config).")
    var noMouse = false
    @Option(help: "Open the board as it was at the end of this day (YYYY-MM-DD, UTC), read only.") var asOf: String?

    func run() async throws {
        try await reportingErrors {
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                throw CLIError("the board needs a terminal; for scripts use list, add, move, status, edit or delete")
            }
            let cutoff = try asOf.map { try AsOfDay.past($0) }
            let context = try await AppContext.open()
            let service = context.service
            let config = context.config
            var shown: String?
            var pullOnStart = true
            if let merged = try await service.mergedBoard(named: common.account) {
                // A merged board: every account on it is fetched when first seen.
                shown = merged.name
                pullOnStart = false
                for source in merged.sources {
                    if try await service.pipelines(account: source.account).isEmpty {
                        try await service.pull(account: source.account)
                    }
                    // Local workspaces have nothing to fetch; a CRM on the board is pulled when it opens.
                    if try await service.account(source.account).config.provider != .local { pullOnStart = true }
                }
            } else {
                let account = try await service.account(common.account).name
                // A CRM account seen for the first time has nothing cached yet: fetch it before drawing.
                if try await service.pipelines(account: account).isEmpty {
                    try await service.pull(account: account)
                }
                shown = account
                pullOnStart = try await service.account(account).config.provider != .local
            }
            // The theme chosen with T last time, unless it can no longer be loaded.
            var themeName = try await service.rememberedTheme(configTheme: config.theme) ?? config.theme
            let remembered = try? ThemeLoader.load(themeName)
            if remembered == nil { themeName = config.theme }
            let theme = try remembered ?? ThemeLoader.load(config.theme)
            var themes = BoardDisplay.shippedThemes
            if !themes.contains(config.theme) { themes.append(config.theme) }
            var options = BoardOptions(
                mouse: config.board.mouse && !noMouse, pullOnStart: pullOnStart && cutoff == nil,
                keyMaps: try config.keyMaps(),
                display: BoardDisplay(
                    stale: config.board.stale, cards: config.board.cards, themes: themes, theme: themeName),
                configTheme: config.theme, account: shown, views: config.views,
                // The past does not change: no syncing under it.
                syncInterval: cutoff == nil ? config.syncInterval : 0)
            options.asOf = cutoff
            options.dealPages = try Self.dealPages(config)
            // Loaded before curses starts so that an error is a plain line; the board opens with it. It is asked
            // as the board asks (open deals only, the config's settings), so the next load draws the same board.
            let first = try await service.board(options.openingState(width: 0, height: 0).openingQuery)
            let terminal = try Terminal(mouse: options.mouse)
            let loop = try BoardLoop(
                terminal: terminal, service: service, theme: theme, options: options,
                loadTheme: { try ThemeLoader.load($0) }, first: first)
            let saved = loop.run()
            if !saved {
                let message =
                    "pipeboard: the last change was still being saved when the board closed; "
                    + "check it with `pipeboard list`\n"
                FileHandle.standardError.write(Data(message.utf8))
            }
            // What is not yet at the provider is kept, and said so, rather than dropped silently.
            let waiting = try await service.outboxCounts(account: nil)
            if waiting.pending + waiting.failed > 0 {
                let message =
                    "pipeboard: \(waiting.pending) change(s) waiting and \(waiting.failed) refused or in conflict; "
                    + "`pipeboard sync` sends them, `pipeboard outbox` shows them\n"
                FileHandle.standardError.write(Data(message.utf8))
            }
        }
    }

    /// Each account's deal pages (`b`); its `url_template` was checked with the config.
    static func dealPages(_ config: AppConfig) throws -> [String: DealPage] {
        var pages: [String: DealPage] = [:]
        for account in config.accounts {
            do {
                pages[account.name] = try DealPages.page(for: account)
            } catch {
                throw config.error(at: "\(account.keyPath).url_template", "account '\(account.name)': \(error)")
            }
        }
        return pages
    }
}

import ArgumentParser
import Foundation
import PipeboardService
import PipeboardTUI

struct BoardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "board", abstract: "Open the board (the default).")

    @OptionGroup var common: CommonOptions
    @Flag(help: "Leave the mouse to the terminal, so text can be selected (as mouse = false in the config).") var noMouse = false

    func run() async throws {
        try await reportingErrors {
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                throw CLIError("the board needs a terminal; for scripts use list, add, move, status, edit or delete")
            }
            let context = try await AppContext.open()
            let service = context.service
            let config = context.config
            var first: String?
            var pullOnStart = true
            if let merged = try await service.mergedBoard(named: common.account) {
                // A merged board: every account on it is fetched when first seen.
                first = merged.name
                for source in merged.sources where try await service.pipelines(account: source.account).isEmpty {
                    try await service.pull(account: source.account)
                }
                _ = try await service.board(.init(account: merged.name))
            } else {
                let account = try await service.account(common.account).name
                // A CRM account seen for the first time has nothing cached yet: fetch it before drawing.
                if try await service.pipelines(account: account).isEmpty {
                    try await service.pull(account: account)
                }
                _ = try await service.board(.init(account: account))
                pullOnStart = try await service.account(account).config.provider != .local
            }
            // The theme chosen with T last time, unless it can no longer be loaded.
            var themeName = try await service.rememberedTheme(configTheme: config.theme) ?? config.theme
            let remembered = try? ThemeLoader.load(themeName)
            if remembered == nil { themeName = config.theme }
            let theme = try remembered ?? ThemeLoader.load(config.theme)
            var themes = BoardDisplay.shippedThemes
            if !themes.contains(config.theme) { themes.append(config.theme) }
            let options = BoardOptions(
                mouse: config.board.mouse && !noMouse, pullOnStart: pullOnStart,
                keyMaps: try AppContext.keyMaps(config, file: context.paths.configFile),
                display: BoardDisplay(stale: config.board.stale, cards: config.board.cards, themes: themes, theme: themeName),
                configTheme: config.theme, account: first, views: config.views)
            try BoardLoop(service: service, theme: theme, options: options).run()
        }
    }
}

import ArgumentParser
import Foundation
import PipeboardTUI

struct BoardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "board", abstract: "Open the board (the default).")

    @OptionGroup var common: CommonOptions
    @Flag(help: "Leave the mouse to the terminal, so text can be selected.") var noMouse = false

    func run() async throws {
        try await reportingErrors {
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                throw CLIError("the board needs a terminal; for scripts use list, add, move, status, edit or delete")
            }
            let context = try await AppContext.open()
            let account = try await context.service.account(common.account).name
            // A CRM account seen for the first time has nothing cached yet: fetch it before drawing.
            if try await context.service.pipelines(account: account).isEmpty {
                try await context.service.pull(account: account)
            }
            _ = try await context.service.board(.init(account: account))
            let theme = try ThemeLoader.load(context.config.theme)
            let isLocal = try await context.service.account(account).config.provider == .local
            try BoardLoop(service: context.service, theme: theme, mouse: !noMouse, pullOnStart: !isLocal,
                          syncInterval: context.config.syncInterval).run()
        }
    }
}

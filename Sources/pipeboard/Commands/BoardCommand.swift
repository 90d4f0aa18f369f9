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
            if let name = common.account { _ = try await context.service.board(.init(account: name)) }
            let theme = try ThemeLoader.load(context.config.theme)
            try BoardLoop(service: context.service, theme: theme, mouse: !noMouse).run()
        }
    }
}

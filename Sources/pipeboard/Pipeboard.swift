import ArgumentParser

@main
struct Pipeboard: AsyncParsableCommand {
    /// The release; the commit and build day come from the build (see Plugins/BuildInfo).
    static let version = "0.1.0"
    static let builtFrom = BuildInfo.commit == "unknown commit" ? BuildInfo.commit : "commit \(BuildInfo.commit)"

    static let configuration = CommandConfiguration(
        commandName: "pipeboard",
        abstract: "A sales pipeline board for the terminal, over a local workspace or your CRM.",
        discussion: """
            With no command, opens the board. Config: $PIPEBOARD_CONFIG, else \
            $XDG_CONFIG_HOME/pipeboard/config.toml, else ~/.config/pipeboard/config.toml. Data: $PIPEBOARD_HOME, \
            else $XDG_DATA_HOME/pipeboard, else ~/.local/share/pipeboard.
            """,
        version: "pipeboard \(version) (\(builtFrom), built \(BuildInfo.day))",
        subcommands: [
            BoardCommand.self, ListCommand.self, AddCommand.self, MoveCommand.self, StatusCommand.self,
            EditCommand.self, DeleteCommand.self, PipelinesCommand.self, UndoCommand.self, RedoCommand.self,
            SyncCommand.self, AccountsCommand.self, DemoCommand.self, ReportCommand.self, OutboxCommand.self,
            CacheCommand.self, DoctorCommand.self, ImportCommand.self, NoteCommand.self, NotesCommand.self,
            TaskCommand.self, TasksCommand.self, AgendaCommand.self, HistoryCommand.self,
        ],
        defaultSubcommand: BoardCommand.self
    )

    /// Makes crash output safe before anything else runs (see `CrashOutput`), then runs the command; a usage
    /// error is one line on stderr (see `UsageFailure`).
    static func main() async {
        CrashOutput.hideMemoryFromBacktraces()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let unknown = UsageFailure.unknownCommand(in: arguments, known: commandNames) {
            UsageFailure.exit(unknown)
        }
        if let unknown = UsageFailure.unknownSubcommand(in: arguments, commands: configuration.subcommands) {
            UsageFailure.exit(unknown)
        }
        do {
            var command = try await asyncParseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            UsageFailure.exit(for: error, arguments: arguments, known: commandNames)
        }
    }

    /// The commands' names, as typed, and `help`.
    static var commandNames: [String] {
        configuration.subcommands.flatMap { [$0._commandName] + $0.configuration.aliases } + ["help"]
    }
}

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The account to use (default: the one used last, else the first in the config).")
    var account: String?
}

import ArgumentParser
import Foundation
import PipeboardCore

/// Bad usage (an unknown command, option or value the parser refuses) as one line on stderr and exit status 64
/// (EX_USAGE), apart from a failure of the operation itself (status 1, see `reportingErrors`).
enum UsageFailure {
    static let exitCode = ExitCode.validationFailure

    /// The line for a first word that is no command; nil when it is one, or an option.
    /// The board takes no words, so a word that names no command is always a slip.
    static func unknownCommand(in arguments: [String], known: [String]) -> String? {
        guard let word = arguments.first, !word.hasPrefix("-"), !known.contains(word) else { return nil }
        let commands = known.joined(separator: ", ")
        guard let guess = Spelling.closest(to: word, among: known) else {
            return "unknown command '\(word)'; the commands are \(commands)"
        }
        return "unknown command '\(word)'; did you mean '\(guess)'? The commands are \(commands)"
    }

    /// The line for a second word that is none of its command's subcommands (`note ad`), where the command has
    /// subcommands and none is the default; nil otherwise.
    static func unknownSubcommand(in arguments: [String], commands: [ParsableCommand.Type]) -> String? {
        guard arguments.count > 1, let command = commands.first(where: { $0._commandName == arguments[0] }),
            command.configuration.defaultSubcommand == nil
        else { return nil }
        let names = command.configuration.subcommands.map { $0._commandName }
        let word = arguments[1]
        guard !names.isEmpty, !word.hasPrefix("-"), !names.contains(word), word != "help" else { return nil }
        let line = "unknown command '\(command._commandName) \(word)'"
        let list = "the \(command._commandName) commands are \(names.joined(separator: ", "))"
        guard let guess = Spelling.closest(to: word, among: names) else { return "\(line); \(list)" }
        return "\(line); did you mean '\(command._commandName) \(guess)'? T" + list.dropFirst()
    }

    /// Prints `message` as one line and exits with the usage status.
    static func exit(_ message: String) -> Never {
        FileHandle.standardError.write(Data("pipeboard: \(message)\n".utf8))
        Foundation.exit(exitCode.rawValue)
    }

    /// Ends the process for an error the parser or a command threw: help and version print as the parser prints
    /// them; a usage error becomes one line naming the help to read.
    static func exit(for error: Error, arguments: [String], known: [String]) -> Never {
        let message = Pipeboard.message(for: error)
        guard Pipeboard.exitCode(for: error) == exitCode, !message.isEmpty else { Pipeboard.exit(withError: error) }
        var line = message.split(whereSeparator: \.isNewline).joined(separator: "; ")
        if line.hasSuffix(".") { line.removeLast() }
        let command = arguments.first.flatMap { known.contains($0) ? $0 + " " : nil } ?? ""
        exit(lowercasingFirst(line) + "; see 'pipeboard \(command)--help'")
    }

    private static func lowercasingFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase == true else {
            return text
        }
        return first.lowercased() + text.dropFirst()
    }
}

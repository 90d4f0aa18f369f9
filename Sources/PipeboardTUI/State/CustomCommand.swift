import PipeboardCore

/// A command of the user's own on a board key (`[[commands]]` in the config), run on the focused card or on each
/// selected card, with the card's fields in its shell line.
public struct CustomCommand: Hashable, Sendable {
    /// Where the command's output goes.
    public enum Output: String, CaseIterable, Hashable, Sendable {
        /// Into a scrollable box over the board, once it ends (stdout and stderr, made safe to show).
        case overlay
        /// The terminal itself: the board steps aside while it runs (an editor, a pager, a prompt).
        case terminal
        /// Nowhere: only the exit status is reported.
        case quiet
    }

    package var key: Key
    package var name: String
    package var template: CardTemplate
    package var output: Output

    package init(key: Key, name: String, template: CardTemplate, output: Output = .overlay) {
        self.key = key
        self.name = name
        self.template = template
        self.output = output
    }
}

/// A command to run now: one shell line per card.
public struct CommandRun: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        package var card: String
        package var shell: String
    }

    package var name: String
    package var output: CustomCommand.Output
    package var lines: [Line]
}

/// How a program the board starts ended.
public enum ExitStatus: Hashable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)
    /// It could not be started; the reason.
    case notStarted(String)

    package var succeeded: Bool { self == .exited(0) }

    /// "exit 0", "exit 2", "killed by signal 9".
    public var description: String {
        switch self {
        case .exited(let code): "exit \(code)"
        case .signalled(let signal): "killed by signal \(signal)"
        case .notStarted(let reason): reason
        }
    }
}

/// What a command did: each card's exit status and, unless it ran in the terminal, what it printed.
public struct CommandResult: Hashable, Sendable {
    public struct Outcome: Hashable, Sendable {
        package var card: String
        package var status: ExitStatus
        package var output: String

        package init(card: String, status: ExitStatus, output: String = "") {
            self.card = card
            self.status = status
            self.output = output
        }
    }

    package var name: String
    package var output: CustomCommand.Output
    package var outcomes: [Outcome]

    package init(name: String, output: CustomCommand.Output, outcomes: [Outcome]) {
        self.name = name
        self.output = output
        self.outcomes = outcomes
    }
}

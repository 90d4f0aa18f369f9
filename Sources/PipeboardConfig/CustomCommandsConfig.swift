import PipeboardCore
import PipeboardTUI
import TOMLKit

/// `[[commands]]`: the user's own commands on board keys.
///
///     [[commands]]
///     key = "D"
///     name = "Deploy the site"
///     command = "deploy --client {{company}} --deal {{remote_id}}"
///     output = "overlay"        # overlay (default), terminal or quiet
///
/// The command is a shell line; each placeholder becomes one shell word, quoted by pipeboard, so it must stand
/// outside quotes of its own.
enum CustomCommandsConfig {
    static let keys: Set<String> = ["key", "name", "command", "output"]

    static func parse(_ value: TOMLValueConvertible, keyMaps: KeyMaps, file: String) throws -> [CustomCommand] {
        guard let array = value.array else {
            throw ConfigError(
                file: file, keyPath: "commands", message: "commands must be written as [[commands]] tables")
        }
        var commands: [CustomCommand] = []
        for (index, element) in array.enumerated() {
            let path = "commands[\(index)]"
            func problem(_ key: String?, _ message: String) -> ConfigError {
                ConfigError(file: file, keyPath: key.map { "\(path).\($0)" } ?? path, message: message)
            }
            guard let entry = element.table else { throw problem(nil, "commands entry \(index + 1) must be a table") }
            for key in entry.keys.sorted() where !keys.contains(key) {
                throw problem(key, "[[commands]]: unknown key '\(key)'; \(Suggestion.fix(for: key, among: keys))")
            }
            guard let name = entry["name"]?.string?.nilIfBlank else {
                throw problem(entry["name"] == nil ? nil : "name", "commands entry \(index + 1) needs name = \"...\"")
            }
            guard let keyText = entry["key"]?.string else {
                throw problem(entry["key"] == nil ? nil : "key", "command '\(name)' needs key = \"x\", a board key")
            }
            guard let key = Key(configName: keyText) else {
                throw problem(
                    "key",
                    "command '\(name)': cannot read the key '\(keyText)'; write one character (\"D\") or a "
                        + "name such as f2 or ctrl-g")
            }
            if let taken = keyMaps.board.action(for: key) {
                throw problem(
                    "key",
                    "command '\(name)': the key \(key.label) is the board's \(taken.configName); choose "
                        + "another key, or give \(taken.configName) other keys in [keys.board]")
            }
            if let other = commands.first(where: { $0.key == key }) {
                throw problem("key", "command '\(name)': the key \(key.label) is already command '\(other.name)'")
            }
            guard let line = entry["command"]?.string?.nilIfBlank else {
                throw problem(
                    entry["command"] == nil ? nil : "command",
                    "command '\(name)' needs command = \"...\", a shell line such as \"open-deal {{remote_id}}\"")
            }
            let template: CardTemplate
            do { template = try CardTemplate(line) } catch { throw problem("command", "command '\(name)': \(error)") }
            if let misplaced = ShellPlaceholders.problem(in: template) {
                throw problem("command", "command '\(name)': \(misplaced)")
            }
            var output = CustomCommand.Output.overlay
            if let written = entry["output"] {
                let choices = CustomCommand.Output.allCases.map(\.rawValue)
                guard let text = written.string, let chosen = CustomCommand.Output(rawValue: text) else {
                    throw problem(
                        "output", "command '\(name)': output must be one of \(choices.joined(separator: ", "))")
                }
                output = chosen
            }
            commands.append(CustomCommand(key: key, name: name, template: template, output: output))
        }
        return commands
    }
}

/// Where a placeholder may stand in a shell line. Each value is written as one single-quoted word, which is safe
/// only outside quotes: inside '...' or "..." the value's own quotes would end them, after a lone backslash the
/// opening quote would be taken literally, and a here-document's text is expanded whatever its quotes.
enum ShellPlaceholders {
    static func problem(in template: CardTemplate) -> String? {
        var single = false, double = false, escaped = false, heredoc = false
        for piece in template.pieces {
            switch piece {
            case .literal(let text):
                var previous: Character = " "
                for character in text {
                    defer { previous = character }
                    if escaped {
                        escaped = false
                        continue
                    }
                    switch character {
                    case "\\" where !single: escaped = true
                    case "'" where !double: single.toggle()
                    case "\"" where !single: double.toggle()
                    case "<" where !single && !double && previous == "<": heredoc = true
                    default: break
                    }
                }
            case .placeholder(let name):
                if single || double {
                    return "{{\(name)}} is inside quotes; pipeboard quotes each value itself, so write it bare: "
                        + "echo {{\(name)}}, not echo '{{\(name)}}'"
                }
                if escaped { return "{{\(name)}} follows a backslash, which would unquote it; remove the backslash" }
                if heredoc {
                    return "{{\(name)}} is in a here-document, where its text would be expanded; pass it as "
                        + "an argument instead"
                }
            }
        }
        return nil
    }
}

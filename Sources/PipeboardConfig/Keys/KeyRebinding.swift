import PipeboardTUI

/// A binding in the config that cannot be used, with where it is and how to fix it.
package struct KeyBindingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where in the config: "keys.board.quit".
    package var path: String
    package var problem: String

    package var description: String { "\(path): \(problem)" }
}

extension KeyMaps {
    /// The config's name of each mode's table: `[keys.board]`, `[keys.form]`, ...
    package static let modeNames = [
        "board", "form", "picker", "detail", "confirm_delete", "help", "chart", "outbox", "conflict", "agenda",
        "output",
    ]

    func map(named mode: String) -> KeyMap? {
        switch mode {
        case "board": board
        case "form": form
        case "picker": picker
        case "detail": detail
        case "confirm_delete": confirmDelete
        case "help": help
        case "chart": chart
        case "outbox": outbox
        case "conflict": conflict
        case "agenda": agenda
        case "output": commandOutput
        default: nil
        }
    }

    mutating func setMap(_ map: KeyMap, named mode: String) {
        switch mode {
        case "board": board = map
        case "form": form = map
        case "picker": picker = map
        case "detail": detail = map
        case "confirm_delete": confirmDelete = map
        case "chart": chart = map
        case "outbox": outbox = map
        case "conflict": conflict = map
        case "agenda": agenda = map
        case "output": commandOutput = map
        default: help = map
        }
    }

    /// These maps with the config's bindings: each action named gets exactly the keys given (several allowed,
    /// none unbinds it). An unknown mode or action, a key that cannot be read, or a key left on two actions of
    /// one mode is an error that says what to write instead.
    package func rebinding(_ config: [String: [String: [String]]]) throws -> KeyMaps {
        var maps = self
        for mode in config.keys.sorted() {
            guard var map = maps.map(named: mode) else {
                throw KeyBindingError(
                    path: "keys.\(mode)",
                    problem:
                        "unknown mode '\(mode)'; "
                        + "use one of \(Self.modeNames.map { "[keys.\($0)]" }.joined(separator: ", "))"
                )
            }
            let bindings = config[mode] ?? [:]
            for name in bindings.keys.sorted() {
                let path = "keys.\(mode).\(name)"
                guard let index = map.bindings.firstIndex(where: { $0.action.configName == name }) else {
                    throw KeyBindingError(
                        path: path,
                        problem:
                            "unknown action '\(name)' in \(mode) mode; "
                            + "its actions are \(map.bindings.map(\.action.configName).joined(separator: ", "))"
                    )
                }
                var keys: [Key] = []
                for text in bindings[name] ?? [] {
                    guard let key = Key(configName: text) else {
                        throw KeyBindingError(
                            path: path,
                            problem:
                                "cannot read the key '\(text)'; write one character (\"x\", \"X\", \"?\") "
                                + "or a name such as enter, esc, tab, shift-tab, space, backspace, delete, up, "
                                + "shift-left, pgdn, home, ctrl-r, f2"
                        )
                    }
                    if !keys.contains(key) { keys.append(key) }
                }
                map.bindings[index].keys = keys
            }
            for (index, binding) in map.bindings.enumerated() {
                for key in binding.keys {
                    if let other = map.bindings[(index + 1)...].first(where: { $0.keys.contains(key) }) {
                        // The error is at the line that gave the key: the later action's where both are set here.
                        let rebound = bindings[other.action.configName] != nil ? other : binding
                        throw KeyBindingError(
                            path: "keys.\(mode).\(rebound.action.configName)",
                            problem:
                                "the key \(key.label) is bound to both \(binding.action.configName) and "
                                + "\(other.action.configName); give one of them other keys in [keys.\(mode)]"
                        )
                    }
                }
            }
            maps.setMap(map, named: mode)
        }
        return maps
    }
}

extension AppConfig {
    /// The board's key maps with the config's bindings; a bad binding is a config error naming the fix.
    package func keyMaps() throws -> KeyMaps {
        do {
            var maps = try KeyMaps.standard.rebinding(board.keys)
            maps.commands = commands
            return maps
        } catch let error as KeyBindingError {
            throw self.error(at: error.path, error.description)
        }
    }
}

extension Action {
    /// The action's name in the config: `moveCardLeft` is `move_card_left`.
    package var configName: String {
        rawValue.reduce(into: "") { name, character in
            if character.isUppercase { name += "_" + character.lowercased() } else { name.append(character) }
        }
    }
}

extension Key {
    /// Reads a key as the config writes it: one character, or a name (case-insensitive) such as "enter",
    /// "shift-left", "ctrl-r", "pgdn", "f5"; the labels the help shows ("←", "Shift-→", "Ctrl-R") work too.
    package init?(configName text: String) {
        if text.count == 1, let character = text.first {
            switch character {
            case "←": self = .left
            case "→": self = .right
            case "↑": self = .up
            case "↓": self = .down
            default:
                guard TextField.accepts(character) else { return nil }
                self = .character(character)
            }
            return
        }
        let name = text.lowercased().replacingOccurrences(of: "_", with: "-")
        let named: [String: Key] = [
            "space": .character(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
            "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "delete": .delete,
            "del": .delete,
            "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp, "page-up": .pageUp,
            "pgdn": .pageDown, "pagedown": .pageDown, "page-down": .pageDown,
            "up": .up, "down": .down, "left": .left, "right": .right,
            "shift-up": .shiftUp, "shift-down": .shiftDown, "shift-left": .shiftLeft, "shift-right": .shiftRight,
            "shift-↑": .shiftUp, "shift-↓": .shiftDown, "shift-←": .shiftLeft, "shift-→": .shiftRight,
        ]
        if let key = named[name] { self = key; return }
        for prefix in ["ctrl-", "c-", "^"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            // Ctrl-C quits; Ctrl-H, I, J and M arrive as Backspace, Tab and Enter.
            guard rest.count == 1, let letter = rest.first, letter.isASCII, letter.isLetter, !"chijm".contains(letter)
            else { return nil }
            self = .control(letter)
            return
        }
        if name.hasPrefix("f"), let number = Int(name.dropFirst()), (1...63).contains(number) {
            self = .function(number)
            return
        }
        return nil
    }
}

import PipeboardCore
import TOMLKit

/// What the config says about the board itself:
///
///     mouse = false                              # leave the mouse to the terminal (text selection)
///     [stale]
///     days = 30                                  # default threshold; 0 = never stale
///     stages = { Proposal = 7, Won = 0 }         # per stage, by name or id
///     counts_activity = true                     # a note or a finished task resets a deal's clock
///     [cards]
///     lines = [["name"], ["value", "who"], ["age"]]
///     [cards.pipelines."Renewals"]
///     lines = [["name", "value"]]
///     [keys.board]
///     quit = ["q", "ctrl-q"]
///     [[boards]]                                 # one board over several accounts
///     name = "All deals"
///     columns = ["Lead", "Won"]
///     [[boards.sources]]
///     account = "agency"
///     stages = { "New Lead" = "Lead" }
///
/// Keys are checked here only for their shape (tables of strings); the board checks actions and key names,
/// since only it knows them.
package struct BoardSettings: Hashable, Sendable {
    package var mouse = true
    package var stale = StalePolicy.standard
    package var cards = CardLayouts()
    /// Mode → action → keys, as written (`[keys.board] quit = ["q", "ctrl-q"]`).
    package var keys: [String: [String: [String]]] = [:]
    package var boards: [MergedBoardSpec] = []

    package init() {}

    static let topLevelKeys: Set<String> = ["mouse", "stale", "cards", "keys", "boards"]

    static func parse(_ table: TOMLTable, accounts: [String], file: String) throws -> BoardSettings {
        let parser = BoardSettingsParser(file: file)
        var settings = BoardSettings()
        if let value = table["mouse"] {
            guard let flag = value.bool else {
                throw parser.error(
                    "mouse must be true or false; write mouse = false to leave the mouse to the terminal", at: "mouse")
            }
            settings.mouse = flag
        }
        if let value = table["stale"] { settings.stale = try parser.stale(value) }
        if let value = table["cards"] { settings.cards = try parser.cards(value) }
        if let value = table["keys"] { settings.keys = try parser.keys(value) }
        if let value = table["boards"] { settings.boards = try parser.boards(value, accounts: accounts) }
        return settings
    }
}

private struct BoardSettingsParser {
    let file: String

    /// `keyPath` (`stale.days`, `boards[0].sources[1].stages`) lets the config's locator name the line.
    func error(_ message: String, at keyPath: String) -> ConfigError {
        ConfigError(file: file, keyPath: keyPath, message: message)
    }

    func table(_ value: TOMLValueConvertible, _ name: String, keys allowed: Set<String>, at path: String) throws
        -> TOMLTable
    {
        guard let table = value.table else { throw error("\(name) must be a table; write [\(name)]", at: path) }
        for key in table.keys.sorted() where !allowed.contains(key) {
            throw error(
                "unknown key '\(key)' in [\(name)]; known keys are \(allowed.sorted().joined(separator: ", "))",
                at: "\(path).\(key)")
        }
        return table
    }

    func days(_ value: TOMLValueConvertible, _ name: String, at path: String) throws -> Int {
        guard let days = value.int, days >= 0 else {
            throw error("\(name) must be a whole number of days, 0 or more (0 = never stale); e.g. 14", at: path)
        }
        return days
    }

    func strings(_ value: TOMLValueConvertible, _ name: String, at path: String) throws -> [String] {
        if let text = value.string { return [text] }
        guard let array = value.array else { throw error("\(name) must be a string or a list of strings", at: path) }
        let items = array.compactMap(\.string)
        guard items.count == array.count else { throw error("\(name) must be a list of strings", at: path) }
        return items
    }

    func stale(_ value: TOMLValueConvertible) throws -> StalePolicy {
        let table = try table(value, "stale", keys: ["days", "stages", "counts_activity"], at: "stale")
        var policy = StalePolicy()
        if let days = table["days"] { policy.defaultDays = try self.days(days, "[stale] days", at: "stale.days") }
        if let counts = table["counts_activity"] {
            guard let flag = counts.bool else {
                throw error(
                    "[stale] counts_activity must be true or false; false: a note or a finished task leaves a deal "
                        + "stale", at: "stale.counts_activity")
            }
            policy.countsActivity = flag
        }
        if let stages = table["stages"] {
            guard let stageTable = stages.table else {
                throw error("[stale] stages must be a table such as stages = { Proposal = 7 }", at: "stale.stages")
            }
            for key in stageTable.keys {
                policy.stageDays[key.lowercased()] = try days(
                    stageTable[key]!, "[stale] stages.\(key)", at: "stale.stages.\(key)")
                policy.stageDays[key] = policy.stageDays[key.lowercased()]
            }
        }
        return policy
    }

    func cards(_ value: TOMLValueConvertible) throws -> CardLayouts {
        let table = try table(value, "cards", keys: ["lines", "pipelines"], at: "cards")
        var layouts = CardLayouts()
        if let lines = table["lines"] { layouts.standard = try layout(lines, "[cards] lines", at: "cards.lines") }
        if let pipelines = table["pipelines"] {
            guard let pipelineTable = pipelines.table else {
                throw error(
                    "[cards] pipelines must be tables: write [cards.pipelines.\"Sales\"]", at: "cards.pipelines")
            }
            for name in pipelineTable.keys {
                let path = "cards.pipelines.\(name)"
                let entry = try self.table(
                    pipelineTable[name]!, "cards.pipelines.\"\(name)\"", keys: ["lines"], at: path)
                guard let lines = entry["lines"] else {
                    throw error(
                        "[cards.pipelines.\"\(name)\"] needs lines = [[\"name\"], [\"value\", \"who\"]]", at: path)
                }
                let layout = try layout(lines, "[cards.pipelines.\"\(name)\"] lines", at: "\(path).lines")
                layouts.byPipeline[name] = layout
                layouts.byPipeline[name.lowercased()] = layout
            }
        }
        return layouts
    }

    func layout(_ value: TOMLValueConvertible, _ name: String, at path: String) throws -> CardLayout {
        let example = "lines = [[\"name\"], [\"value\", \"who\"], [\"age\"]]"
        guard let array = value.array, (1...CardLayout.maxLines).contains(array.count) else {
            throw error(
                "\(name) must be a list of 1 to \(CardLayout.maxLines) lines, each a list of fields; e.g. \(example)",
                at: path)
        }
        var lines: [[CardField]] = []
        for element in array {
            let names = try strings(element, name, at: path)
            guard !names.isEmpty else {
                throw error("\(name): a line needs at least one field; e.g. \(example)", at: path)
            }
            lines.append(
                try names.map { field in
                    guard let parsed = CardField(configName: field) else {
                        throw error(
                            "\(name): unknown card field '\(field)'; "
                                + "use \(CardField.configNames.joined(separator: ", ")) or custom.NAME",
                            at: path)
                    }
                    return parsed
                })
        }
        return CardLayout(lines: lines)
    }

    func keys(_ value: TOMLValueConvertible) throws -> [String: [String: [String]]] {
        guard let table = value.table else {
            throw error("keys must be tables per mode: write [keys.board]", at: "keys")
        }
        var modes: [String: [String: [String]]] = [:]
        for mode in table.keys {
            guard let actions = table[mode]?.table else {
                throw error(
                    "keys.\(mode) must be a table of action = keys; write [keys.\(mode)] then quit = [\"q\"]",
                    at: "keys.\(mode)")
            }
            var bindings: [String: [String]] = [:]
            for action in actions.keys {
                bindings[action] = try strings(actions[action]!, "keys.\(mode).\(action)", at: "keys.\(mode).\(action)")
            }
            modes[mode] = bindings
        }
        return modes
    }

    func boards(_ value: TOMLValueConvertible, accounts: [String]) throws -> [MergedBoardSpec] {
        guard let array = value.array else { throw error("boards must be written as [[boards]] tables", at: "boards") }
        var boards: [MergedBoardSpec] = []
        for (index, element) in array.enumerated() {
            let path = "boards[\(index)]"
            let board = try self.table(
                element, "[boards] entry \(index + 1)", keys: ["name", "columns", "sources"], at: path)
            guard let name = board["name"]?.string?.nilIfBlank else {
                throw error("[[boards]] entry \(index + 1) needs name = \"...\"", at: "\(path).name")
            }
            guard !accounts.contains(name), !boards.contains(where: { $0.name == name }) else {
                throw error(
                    "board '\(name)': the name is already used by an account or a board; names must be unique",
                    at: "\(path).name")
            }
            let columns =
                try board["columns"].map { try strings($0, "board '\(name)': columns", at: "\(path).columns") } ?? []
            guard !columns.isEmpty else {
                throw error("board '\(name)' needs columns = [\"Lead\", \"Won\", ...]", at: "\(path).columns")
            }
            guard Set(columns.map { $0.lowercased() }).count == columns.count else {
                throw error("board '\(name)': two columns have the same name", at: "\(path).columns")
            }
            guard let sourceArray = board["sources"]?.array, !sourceArray.isEmpty else {
                throw error("board '\(name)' needs [[boards.sources]] tables, one per account", at: path)
            }
            var sources: [MergedBoardSpec.Source] = []
            for (sourceIndex, element) in sourceArray.enumerated() {
                let sourcePath = "\(path).sources[\(sourceIndex)]"
                let entry = try self.table(
                    element, "board '\(name)' sources", keys: ["account", "pipeline", "stages", "badge"], at: sourcePath
                )
                guard let account = entry["account"]?.string else {
                    throw error("board '\(name)': each source needs account = \"...\"", at: sourcePath)
                }
                guard accounts.contains(account) else {
                    throw error(
                        "board '\(name)': no account named '\(account)'; "
                            + "accounts are \(accounts.joined(separator: ", "))",
                        at: "\(sourcePath).account")
                }
                guard !sources.contains(where: { $0.account == account }) else {
                    throw error(
                        "board '\(name)': account '\(account)' is listed twice; give it one [[boards.sources]] table",
                        at: "\(sourcePath).account")
                }
                var stages: [String: String] = [:]
                if let stageValue = entry["stages"] {
                    guard let stageTable = stageValue.table else {
                        throw error(
                            "board '\(name)', account '\(account)': stages must map its stages to columns, e.g. "
                                + "stages = { \"New Lead\" = \"\(columns[0])\" }",
                            at: "\(sourcePath).stages")
                    }
                    for stage in stageTable.keys.sorted() {
                        guard let column = stageTable[stage]?.string,
                            let found = columns.first(where: { $0.lowercased() == column.lowercased() })
                        else {
                            throw error(
                                "board '\(name)', account '\(account)': stage '\(stage)' must map to one of the "
                                    + "columns \(columns.joined(separator: ", "))",
                                at: "\(sourcePath).stages.\(stage)")
                        }
                        stages[stage] = found
                    }
                }
                let badge = entry["badge"]?.string?.nilIfBlank ?? String(account.prefix(2)).uppercased()
                guard TextWidth.cells(badge) <= 4 else {
                    throw error(
                        "board '\(name)', account '\(account)': badge must be at most 4 cells, e.g. badge = \"HL\"",
                        at: "\(sourcePath).badge")
                }
                sources.append(
                    MergedBoardSpec.Source(
                        account: account, pipeline: entry["pipeline"]?.string, stages: stages,
                        badge: ProviderText.clean(badge)))
            }
            boards.append(MergedBoardSpec(name: name, columns: columns, sources: sources))
        }
        return boards
    }
}

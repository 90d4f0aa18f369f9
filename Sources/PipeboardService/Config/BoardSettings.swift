import PipeboardCore
import TOMLKit

/// What the config says about the board itself:
///
///     mouse = false                              # leave the mouse to the terminal (text selection)
///     [stale]
///     days = 30                                  # default threshold; 0 = never stale
///     stages = { Proposal = 7, Won = 0 }         # per stage, by name or id
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
public struct BoardSettings: Hashable, Sendable {
    public var mouse = true
    public var stale = StalePolicy.standard
    public var cards = CardLayouts()
    /// Mode → action → keys, as written (`[keys.board] quit = ["q", "ctrl-q"]`).
    public var keys: [String: [String: [String]]] = [:]
    public var boards: [MergedBoardSpec] = []

    public init() {}

    static let topLevelKeys: Set<String> = ["mouse", "stale", "cards", "keys", "boards"]

    static func parse(_ table: TOMLTable, accounts: [String], file: String) throws -> BoardSettings {
        let parser = BoardSettingsParser(file: file)
        var settings = BoardSettings()
        if let value = table["mouse"] {
            guard let flag = value.bool else { throw parser.error("mouse must be true or false; write mouse = false to leave the mouse to the terminal") }
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

    func error(_ message: String) -> ConfigError { ConfigError(file: file, message: message) }

    func table(_ value: TOMLValueConvertible, _ name: String, keys allowed: Set<String>) throws -> TOMLTable {
        guard let table = value.table else { throw error("\(name) must be a table; write [\(name)]") }
        for key in table.keys where !allowed.contains(key) {
            throw error("unknown key '\(key)' in [\(name)]; known keys are \(allowed.sorted().joined(separator: ", "))")
        }
        return table
    }

    func days(_ value: TOMLValueConvertible, _ name: String) throws -> Int {
        guard let days = value.int, days >= 0 else { throw error("\(name) must be a whole number of days, 0 or more (0 = never stale); e.g. 14") }
        return days
    }

    func strings(_ value: TOMLValueConvertible, _ name: String) throws -> [String] {
        if let text = value.string { return [text] }
        guard let array = value.array else { throw error("\(name) must be a string or a list of strings") }
        let items = array.compactMap(\.string)
        guard items.count == array.count else { throw error("\(name) must be a list of strings") }
        return items
    }

    func stale(_ value: TOMLValueConvertible) throws -> StalePolicy {
        let table = try table(value, "stale", keys: ["days", "stages"])
        var policy = StalePolicy()
        if let days = table["days"] { policy.defaultDays = try self.days(days, "[stale] days") }
        if let stages = table["stages"] {
            guard let stageTable = stages.table else { throw error("[stale] stages must be a table such as stages = { Proposal = 7 }") }
            for key in stageTable.keys {
                policy.stageDays[key.lowercased()] = try days(stageTable[key]!, "[stale] stages.\(key)")
                policy.stageDays[key] = policy.stageDays[key.lowercased()]
            }
        }
        return policy
    }

    func cards(_ value: TOMLValueConvertible) throws -> CardLayouts {
        let table = try table(value, "cards", keys: ["lines", "pipelines"])
        var layouts = CardLayouts()
        if let lines = table["lines"] { layouts.standard = try layout(lines, "[cards] lines") }
        if let pipelines = table["pipelines"] {
            guard let pipelineTable = pipelines.table else { throw error("[cards] pipelines must be tables: write [cards.pipelines.\"Sales\"]") }
            for name in pipelineTable.keys {
                let entry = try self.table(pipelineTable[name]!, "cards.pipelines.\"\(name)\"", keys: ["lines"])
                guard let lines = entry["lines"] else { throw error("[cards.pipelines.\"\(name)\"] needs lines = [[\"name\"], [\"value\", \"who\"]]") }
                let layout = try layout(lines, "[cards.pipelines.\"\(name)\"] lines")
                layouts.byPipeline[name] = layout
                layouts.byPipeline[name.lowercased()] = layout
            }
        }
        return layouts
    }

    func layout(_ value: TOMLValueConvertible, _ name: String) throws -> CardLayout {
        let example = "lines = [[\"name\"], [\"value\", \"who\"], [\"age\"]]"
        guard let array = value.array, (1...CardLayout.maxLines).contains(array.count) else {
            throw error("\(name) must be a list of 1 to \(CardLayout.maxLines) lines, each a list of fields; e.g. \(example)")
        }
        var lines: [[CardField]] = []
        for element in array {
            let names = try strings(element, name)
            guard !names.isEmpty else { throw error("\(name): a line needs at least one field; e.g. \(example)") }
            lines.append(try names.map { field in
                guard let parsed = CardField(configName: field) else {
                    throw error("\(name): unknown card field '\(field)'; use \(CardField.configNames.joined(separator: ", ")) or custom.NAME")
                }
                return parsed
            })
        }
        return CardLayout(lines: lines)
    }

    func keys(_ value: TOMLValueConvertible) throws -> [String: [String: [String]]] {
        guard let table = value.table else { throw error("keys must be tables per mode: write [keys.board]") }
        var modes: [String: [String: [String]]] = [:]
        for mode in table.keys {
            guard let actions = table[mode]?.table else {
                throw error("keys.\(mode) must be a table of action = keys; write [keys.\(mode)] then quit = [\"q\"]")
            }
            var bindings: [String: [String]] = [:]
            for action in actions.keys {
                bindings[action] = try strings(actions[action]!, "keys.\(mode).\(action)")
            }
            modes[mode] = bindings
        }
        return modes
    }

    func boards(_ value: TOMLValueConvertible, accounts: [String]) throws -> [MergedBoardSpec] {
        guard let array = value.array else { throw error("boards must be written as [[boards]] tables") }
        var boards: [MergedBoardSpec] = []
        for (index, element) in array.enumerated() {
            let board = try self.table(element, "[boards] entry \(index + 1)", keys: ["name", "columns", "sources"])
            guard let name = board["name"]?.string?.nilIfBlank else { throw error("[[boards]] entry \(index + 1) needs name = \"...\"") }
            guard !accounts.contains(name), !boards.contains(where: { $0.name == name }) else {
                throw error("board '\(name)': the name is already used by an account or a board; names must be unique")
            }
            let columns = try board["columns"].map { try strings($0, "board '\(name)': columns") } ?? []
            guard !columns.isEmpty else { throw error("board '\(name)' needs columns = [\"Lead\", \"Won\", ...]") }
            guard Set(columns.map { $0.lowercased() }).count == columns.count else { throw error("board '\(name)': two columns have the same name") }
            guard let sourceArray = board["sources"]?.array, !sourceArray.isEmpty else {
                throw error("board '\(name)' needs [[boards.sources]] tables, one per account")
            }
            var sources: [MergedBoardSpec.Source] = []
            for element in sourceArray {
                let entry = try self.table(element, "board '\(name)' sources", keys: ["account", "pipeline", "stages", "badge"])
                guard let account = entry["account"]?.string else { throw error("board '\(name)': each source needs account = \"...\"") }
                guard accounts.contains(account) else {
                    throw error("board '\(name)': no account named '\(account)'; accounts are \(accounts.joined(separator: ", "))")
                }
                guard !sources.contains(where: { $0.account == account }) else {
                    throw error("board '\(name)': account '\(account)' is listed twice; give it one [[boards.sources]] table")
                }
                var stages: [String: String] = [:]
                if let stageValue = entry["stages"] {
                    guard let stageTable = stageValue.table else {
                        throw error("board '\(name)', account '\(account)': stages must map its stages to columns, e.g. stages = { \"New Lead\" = \"\(columns[0])\" }")
                    }
                    for stage in stageTable.keys {
                        guard let column = stageTable[stage]?.string, let found = columns.first(where: { $0.lowercased() == column.lowercased() }) else {
                            throw error("board '\(name)', account '\(account)': stage '\(stage)' must map to one of the columns \(columns.joined(separator: ", "))")
                        }
                        stages[stage] = found
                    }
                }
                let badge = entry["badge"]?.string?.nilIfBlank ?? String(account.prefix(2)).uppercased()
                guard TextWidth.cells(badge) <= 4 else { throw error("board '\(name)', account '\(account)': badge must be at most 4 cells, e.g. badge = \"HL\"") }
                sources.append(MergedBoardSpec.Source(account: account, pipeline: entry["pipeline"]?.string, stages: stages, badge: ProviderText.clean(badge)))
            }
            boards.append(MergedBoardSpec(name: name, columns: columns, sources: sources))
        }
        return boards
    }
}

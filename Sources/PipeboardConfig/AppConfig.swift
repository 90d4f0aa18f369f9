import Foundation
import PipeboardCore
import PipeboardTUI
import TOMLKit

/// How a config error describes the kind a setting must have, with an example to copy.
extension ConfigValue.Kind {
    var described: String {
        switch self {
        case .text: return "text in quotes"
        case .list: return "a list of strings"
        case .number: return "a number"
        case .flag: return "true or false"
        }
    }

    func example(for key: String) -> String {
        switch self {
        case .text: return key.hasSuffix("_env") ? "\"VARIABLE_NAME\"" : "\"...\""
        case .list: return "[\"...\", \"...\"]"
        case .number: return "1"
        case .flag: return "true"
        }
    }
}

extension ConfigValue {
    /// A TOML value as a setting; nil for shapes settings never take (tables, dates, mixed lists).
    init?(_ value: any TOMLValueConvertible) {
        if let text = value.string {
            self = .text(text)
        } else if let flag = value.bool {
            self = .flag(flag)
        } else if let number = value.int {
            self = .number(Double(number))
        } else if let number = value.double {
            self = .number(number)
        } else if let array = value.array, array.allSatisfy({ $0.string != nil }) {
            self = .list(array.compactMap(\.string))
        } else {
            return nil
        }
    }
}

/// The user's config file, checked as a whole before anything starts.
package struct AppConfig: Hashable, Sendable {
    package var theme: String
    package var accounts: [AccountConfig]
    /// Saved filters, on the board's number keys 1-9 in this order.
    package var views: [SavedView] = []
    /// The board's own settings: mouse, stale deals, card layouts, keys, merged boards (see BoardSettings.swift).
    package var board = BoardSettings()
    /// `[forecast] stage_probability`: the chance of a stage whose provider gives none, by stage name or id.
    package var stageProbabilities: StageProbabilityDefaults
    /// The file and text the config was read from; errors found after parsing use it to name the line.
    package var source: ConfigSource?
    /// Seconds between the board's background syncs (send, then pull what changed); 0 turns them off.
    package var syncInterval: Int = AppConfig.defaultSyncInterval
    /// `[[commands]]`: the user's own commands on board keys.
    package var commands: [CustomCommand] = []
    package static let defaultSyncInterval = 60

    /// The account used when a config names none: the local workspace.
    package static let localAccount = AccountConfig.local
    package static let `default` = AppConfig(theme: "default", accounts: [localAccount])

    package init(
        theme: String, accounts: [AccountConfig],
        stageProbabilities: StageProbabilityDefaults = StageProbabilityDefaults()
    ) {
        self.theme = theme
        self.accounts = accounts.isEmpty ? [AppConfig.localAccount] : accounts
        self.stageProbabilities = stageProbabilities
    }

    /// An error about `keyPath` (`theme`, `accounts[1].token_env`), located in the config's file and line.
    package func error(at keyPath: String, _ message: String) -> ConfigError {
        source?.error(at: keyPath, message) ?? ConfigError(file: nil, keyPath: keyPath, message: message)
    }

    package func account(named name: String?) throws -> AccountConfig {
        guard let name else { return accounts[0] }
        guard let account = accounts.first(where: { $0.name == name }) else {
            throw ConfigError(
                file: nil,
                message: "no account named '\(name)'; accounts are \(accounts.map(\.name).joined(separator: ", "))")
        }
        return account
    }

    /// Reads the config at `path`; a missing file means the defaults.
    package static func load(path: String) throws -> AppConfig {
        guard FileManager.default.fileExists(atPath: path) else { return .default }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: "cannot be read; check its permissions")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigError(
                file: path, line: ConfigSource.lineOfFirstInvalidUTF8(in: data),
                message: "is not UTF-8 text; save the file as UTF-8")
        }
        return try parse(text, file: path)
    }

    static let topLevelKeys: Set<String> = Set([
        "theme", "accounts", "views", "sync_interval", "forecast", "commands",
    ]).union(BoardSettings.topLevelKeys)
    static let forecastKeys: Set<String> = ["stage_probability"]
    static let accountKeys: Set<String> = [
        "name", "provider", "base_url", "currency", "token_env", "api_key_env", "company_key_env", "user_key_env",
        "location_id", "stages", "types", "lead_sources", "pipeline_name", "insecure_loopback",
        "won_stages", "lost_stages", "url_template",
    ]

    /// Parses and checks the whole config; every error names `file` and, through its key path, the line.
    package static func parse(_ text: String, file: String) throws -> AppConfig {
        let source = ConfigSource(file: file, text: text)
        do {
            var config = try parseTable(text, file: file)
            config.source = source
            return config
        } catch let error as ConfigError {
            throw source.locate(error)
        }
    }

    static func parseTable(_ text: String, file: String) throws -> AppConfig {
        let table = try ConfigSource.table(of: text, file: file)
        for key in table.keys.sorted() where !topLevelKeys.contains(key) {
            throw ConfigError(
                file: file, keyPath: key,
                message: "unknown key '\(key)'; \(Suggestion.fix(for: key, among: topLevelKeys))")
        }
        var theme = "default"
        if let value = table["theme"] {
            guard let name = value.string else {
                throw ConfigError(
                    file: file, keyPath: "theme", message: "theme must be a string such as theme = \"default\"")
            }
            theme = name
        }
        var accounts: [AccountConfig] = []
        if let value = table["accounts"] {
            guard let array = value.array else {
                throw ConfigError(
                    file: file, keyPath: "accounts", message: "accounts must be written as [[accounts]] tables")
            }
            for (index, element) in array.enumerated() {
                guard let entry = element.table else {
                    throw ConfigError(
                        file: file, keyPath: "accounts[\(index)]",
                        message: "accounts entry \(index + 1) must be a table")
                }
                let account = try parseAccount(entry, index: index + 1, file: file)
                if accounts.contains(where: { $0.name == account.name }) {
                    throw ConfigError(
                        file: file, keyPath: "\(account.keyPath).name",
                        message: "two accounts are named '\(account.name)'; give this one another name")
                }
                accounts.append(account)
            }
        }
        let stageProbabilities =
            try table["forecast"].map { try parseForecast($0, file: file) } ?? StageProbabilityDefaults()
        var config = AppConfig(theme: theme, accounts: accounts, stageProbabilities: stageProbabilities)
        if let value = table["sync_interval"] {
            guard let seconds = value.int, seconds >= 0 else {
                throw ConfigError(
                    file: file, keyPath: "sync_interval",
                    message: "sync_interval must be a whole number of seconds, 0 or more (0 turns background sync off)")
            }
            config.syncInterval = seconds
        }
        if let value = table["views"] { config.views = try parseViews(value, file: file) }
        config.board = try BoardSettings.parse(table, accounts: config.accounts.map(\.name), file: file)
        if let value = table["commands"] {
            // Checked against the board's keys as the config binds them.
            let maps: KeyMaps
            do {
                maps = try KeyMaps.standard.rebinding(config.board.keys)
            } catch let error as KeyBindingError {
                throw ConfigError(file: file, keyPath: error.path, message: error.description)
            }
            config.commands = try CustomCommandsConfig.parse(value, keyMaps: maps, file: file)
        }
        return config
    }

    /// `[forecast]` with `stage_probability = { "Proposal" = 50, ... }`: percentages from 0 to 100.
    static func parseForecast(_ value: TOMLValueConvertible, file: String) throws -> StageProbabilityDefaults {
        let example = "write [forecast] then stage_probability = { \"Proposal\" = 50 }"
        guard let forecast = value.table else {
            throw ConfigError(file: file, keyPath: "forecast", message: "forecast must be a table; \(example)")
        }
        for key in forecast.keys.sorted() where !forecastKeys.contains(key) {
            throw ConfigError(
                file: file, keyPath: "forecast.\(key)",
                message: "[forecast]: unknown key '\(key)'; \(Suggestion.fix(for: key, among: forecastKeys))")
        }
        guard let entry = forecast["stage_probability"] else { return StageProbabilityDefaults() }
        guard let stages = entry.table else {
            throw ConfigError(
                file: file, keyPath: "forecast.stage_probability",
                message: "[forecast] stage_probability must be a table of stage = percent; \(example)")
        }
        var byStage: [String: Double] = [:]
        for stage in stages.keys {
            guard let number = stages[stage]?.double ?? stages[stage]?.int.map(Double.init), (0...100).contains(number)
            else {
                throw ConfigError(
                    file: file, keyPath: "forecast.stage_probability.\(stage)",
                    message: "[forecast] stage_probability: '\(stage)' must be a percentage from 0 to 100, such as 50")
            }
            byStage[stage] = number / 100
        }
        return StageProbabilityDefaults(byStage)
    }

    /// The type each account key must have; a key missing here accepts text, a number, a flag or a list of text.
    static let accountKeyTypes: [String: ConfigValue.Kind] = [
        "name": .text, "provider": .text, "base_url": .text, "currency": .text, "token_env": .text,
        "api_key_env": .text, "company_key_env": .text, "user_key_env": .text, "location_id": .text,
        "pipeline_name": .text, "stages": .list, "types": .list, "lead_sources": .list, "insecure_loopback": .flag,
        "won_stages": .list, "lost_stages": .list, "url_template": .text,
    ]

    static func parseAccount(_ entry: TOMLTable, index: Int, file: String) throws -> AccountConfig {
        let path = "accounts[\(index - 1)]"
        let providers = ProviderKind.allCases.map(\.rawValue).joined(separator: ", ")
        guard let name = entry["name"]?.string?.nilIfBlank else {
            throw ConfigError(
                file: file, keyPath: entry["name"] == nil ? path : "\(path).name",
                message: "accounts entry \(index) needs name = \"...\" (the name --account uses)")
        }
        guard let providerText = entry["provider"]?.string else {
            throw ConfigError(
                file: file, keyPath: entry["provider"] == nil ? path : "\(path).provider",
                message: "account '\(name)' needs provider = one of \(providers)")
        }
        guard let provider = ProviderKind(rawValue: providerText.lowercased()) else {
            let known = Set(ProviderKind.allCases.map(\.rawValue))
            throw ConfigError(
                file: file, keyPath: "\(path).provider",
                message:
                    "account '\(name)': unknown provider '\(providerText)'; "
                    + "\(Suggestion.fix(for: providerText.lowercased(), among: known, removable: false))"
            )
        }
        var settings: [String: ConfigValue] = [:]
        for key in entry.keys.sorted() where key != "name" && key != "provider" {
            guard accountKeys.contains(key) else {
                throw ConfigError(
                    file: file, keyPath: "\(path).\(key)",
                    message: "account '\(name)': unknown key '\(key)'; \(Suggestion.fix(for: key, among: accountKeys))")
            }
            guard let value = entry[key] else { continue }
            let read = ConfigValue(value)
            if let expected = accountKeyTypes[key], read?.kind != expected {
                throw ConfigError(
                    file: file, keyPath: "\(path).\(key)",
                    message:
                        "account '\(name)': \(key) must be \(expected.described); "
                        + "write \(key) = \(expected.example(for: key))"
                )
            }
            guard let read else {
                throw ConfigError(
                    file: file, keyPath: "\(path).\(key)",
                    message: "account '\(name)': \(key) must be text, a number, true / false or a list of strings")
            }
            settings[key] = read
        }
        try checkClosingStages(settings, account: name, path: path, file: file)
        if case .text(let template)? = settings["url_template"] {
            try checkURLTemplate(template, account: name, path: "\(path).url_template", file: file)
        }
        var currency = "USD"
        if case .text(let code)? = settings["currency"] {
            guard Currency.isISO4217(code) else {
                throw ConfigError(
                    file: file, keyPath: "\(path).currency",
                    message: "account '\(name)': currency '\(code)' is not an ISO 4217 code; "
                        + "write currency = \"USD\" or another code such as EUR or JPY")
            }
            currency = code.uppercased()
        }
        var baseURL: String?
        if case .text(let url)? = settings["base_url"] { baseURL = url }
        return AccountConfig(
            name: name, provider: provider, baseURL: baseURL, settings: settings, defaultCurrency: currency,
            keyPath: path)
    }
}

extension AppConfig {
    /// `won_stages` and `lost_stages` name stages (by name or id) that close a deal: no blank names, and no stage
    /// in both lists.
    static func checkClosingStages(
        _ settings: [String: ConfigValue], account: String, path: String,
        file: String
    ) throws {
        for key in ["won_stages", "lost_stages"] {
            guard case .list(let names)? = settings[key], names.contains(where: { $0.nilIfBlank == nil }) else {
                continue
            }
            let fix = "write \(key) = [\"Closed Won\"]"
            throw ConfigError(
                file: file, keyPath: "\(path).\(key)",
                message: "account '\(account)': \(key) has an empty stage name; \(fix)")
        }
        guard case .list(let won)? = settings["won_stages"], case .list(let lost)? = settings["lost_stages"] else {
            return
        }
        let wonNames = Set(won.map { $0.lowercased() })
        if let both = lost.first(where: { wonNames.contains($0.lowercased()) }) {
            throw ConfigError(
                file: file, keyPath: "\(path).lost_stages",
                message: "account '\(account)': '\(both)' is in both won_stages and lost_stages; "
                    + "keep it in one")
        }
    }
}

extension AppConfig {
    /// `url_template`: an http(s) address whose placeholders are known; `{{url}}` would name itself.
    static func checkURLTemplate(_ text: String, account: String, path: String, file: String) throws {
        let example = "write url_template = \"https://crm.example.com/deals/{{remote_id}}\""
        let template: CardTemplate
        do {
            template = try CardTemplate(text)
        } catch {
            throw ConfigError(file: file, keyPath: path, message: "account '\(account)': url_template: \(error)")
        }
        guard text.lowercased().hasPrefix("https://") || text.lowercased().hasPrefix("http://") else {
            throw ConfigError(
                file: file, keyPath: path,
                message: "account '\(account)': url_template must be an http:// or https:// address; \(example)")
        }
        guard !template.placeholders.contains("url") else {
            throw ConfigError(
                file: file, keyPath: path,
                message: "account '\(account)': url_template cannot use {{url}}, which it defines; \(example)")
        }
    }
}

/// A config problem, worded as one line that names the file and the fix.
package struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    package var file: String?
    package var line: Int?
    /// The key the error is about (`accounts[1].token_env`); `ConfigSource.locate` turns it into `line`.
    package var keyPath: String?
    package var message: String

    package init(file: String?, line: Int? = nil, keyPath: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    package var description: String {
        switch (file, line) {
        case let (file?, line?): return "\(file):\(line): \(message)"
        case let (file?, nil): return "\(file): \(message)"
        default: return message
        }
    }
}

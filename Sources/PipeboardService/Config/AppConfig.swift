import Foundation
import PipeboardCore
import TOMLKit

/// The providers an account can name in `provider = "..."`.
public enum ProviderKind: String, CaseIterable, Sendable {
    case local, highlevel, twenty, brightmove, coperniq, coastline
}

/// One `[[accounts]]` entry.
public struct AccountConfig: Hashable, Sendable {
    public var name: String
    public var provider: ProviderKind
    public var baseURL: String?
    /// Every other key as written, for the provider's own settings (token_env, location_id, stages, ...).
    public var settings: [String: ConfigValue]
    public var defaultCurrency: String

    public init(name: String, provider: ProviderKind, baseURL: String? = nil, settings: [String: ConfigValue] = [:], defaultCurrency: String = "USD") {
        self.name = name
        self.provider = provider
        self.baseURL = baseURL
        self.settings = settings
        self.defaultCurrency = defaultCurrency
    }
}

/// A provider setting's value: config keeps text and lists of text.
public enum ConfigValue: Hashable, Sendable {
    case text(String)
    case list([String])
    case number(Double)
    case flag(Bool)
}

/// The user's config file, checked as a whole before anything starts.
public struct AppConfig: Hashable, Sendable {
    public var theme: String
    public var accounts: [AccountConfig]
    /// Saved filters, on the board's number keys 1-9 in this order.
    public var views: [SavedView] = []
    /// The board's own settings: mouse, stale deals, card layouts, keys, merged boards (see BoardSettings.swift).
    public var board = BoardSettings()
    /// `[forecast] stage_probability`: the chance of a stage whose provider gives none, by stage name or id.
    public var stageProbabilities: StageProbabilityDefaults
    /// Seconds between the board's background syncs (send, then pull what changed); 0 turns them off.
    public var syncInterval: Int = AppConfig.defaultSyncInterval
    public static let defaultSyncInterval = 60

    /// The account used when a config names none: the local workspace.
    public static let localAccount = AccountConfig(name: "local", provider: .local)
    public static let `default` = AppConfig(theme: "default", accounts: [localAccount])

    public init(theme: String, accounts: [AccountConfig], stageProbabilities: StageProbabilityDefaults = StageProbabilityDefaults()) {
        self.theme = theme
        self.accounts = accounts.isEmpty ? [AppConfig.localAccount] : accounts
        self.stageProbabilities = stageProbabilities
    }

    public func account(named name: String?) throws -> AccountConfig {
        guard let name else { return accounts[0] }
        guard let account = accounts.first(where: { $0.name == name }) else {
            throw ConfigError(file: nil, message: "no account named '\(name)'; accounts are \(accounts.map(\.name).joined(separator: ", "))")
        }
        return account
    }

    /// Reads the config at `path`; a missing file means the defaults.
    public static func load(path: String) throws -> AppConfig {
        guard FileManager.default.fileExists(atPath: path) else { return .default }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: "cannot be read; check its permissions")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    static let topLevelKeys: Set<String> = Set(["theme", "accounts", "views", "sync_interval", "forecast"]).union(BoardSettings.topLevelKeys)
    static let forecastKeys: Set<String> = ["stage_probability"]
    static let accountKeys: Set<String> = [
        "name", "provider", "base_url", "currency", "token_env", "api_key_env", "company_key_env", "user_key_env",
        "location_id", "stages", "types", "lead_sources", "pipeline_name", "insecure_loopback",
    ]

    public static func parse(_ text: String, file: String) throws -> AppConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: Int(error.source.begin.line), message: "is not valid TOML: \(error.description)")
        }
        for key in table.keys where !topLevelKeys.contains(key) {
            throw ConfigError(file: file, message: "unknown key '\(key)'; top-level keys are theme, sync_interval, [forecast], [[accounts]], [[views]], \(BoardSettings.topLevelKeys.sorted().joined(separator: ", "))")
        }
        var theme = "default"
        if let value = table["theme"] {
            guard let name = value.string else { throw ConfigError(file: file, message: "theme must be a string such as \"default\"") }
            theme = name
        }
        var accounts: [AccountConfig] = []
        if let value = table["accounts"] {
            guard let array = value.array else {
                throw ConfigError(file: file, message: "accounts must be written as [[accounts]] tables")
            }
            for (index, element) in array.enumerated() {
                guard let entry = element.table else {
                    throw ConfigError(file: file, message: "accounts entry \(index + 1) must be a table")
                }
                let account = try parseAccount(entry, index: index + 1, file: file)
                if accounts.contains(where: { $0.name == account.name }) {
                    throw ConfigError(file: file, message: "two accounts are named '\(account.name)'; names must be unique")
                }
                accounts.append(account)
            }
        }
        let stageProbabilities = try table["forecast"].map { try parseForecast($0, file: file) } ?? StageProbabilityDefaults()
        var config = AppConfig(theme: theme, accounts: accounts, stageProbabilities: stageProbabilities)
        if let value = table["sync_interval"] {
            guard let seconds = value.int, seconds >= 0 else {
                throw ConfigError(file: file, message: "sync_interval must be a whole number of seconds, 0 or more (0 turns background sync off)")
            }
            config.syncInterval = seconds
        }
        if let value = table["views"] { config.views = try parseViews(value, file: file) }
        config.board = try BoardSettings.parse(table, accounts: config.accounts.map(\.name), file: file)
        return config
    }

    /// `[forecast]` with `stage_probability = { "Proposal" = 50, ... }`: percentages from 0 to 100.
    static func parseForecast(_ value: TOMLValueConvertible, file: String) throws -> StageProbabilityDefaults {
        let example = "write [forecast] then stage_probability = { \"Proposal\" = 50 }"
        guard let forecast = value.table else { throw ConfigError(file: file, message: "forecast must be a table; \(example)") }
        for key in forecast.keys where !forecastKeys.contains(key) {
            throw ConfigError(file: file, message: "[forecast]: unknown key '\(key)'; the known key is stage_probability")
        }
        guard let entry = forecast["stage_probability"] else { return StageProbabilityDefaults() }
        guard let stages = entry.table else {
            throw ConfigError(file: file, message: "[forecast] stage_probability must be a table of stage = percent; \(example)")
        }
        var byStage: [String: Double] = [:]
        for stage in stages.keys {
            guard let number = stages[stage]?.double ?? stages[stage]?.int.map(Double.init), (0...100).contains(number) else {
                throw ConfigError(file: file, message: "[forecast] stage_probability: '\(stage)' must be a percentage from 0 to 100, such as 50")
            }
            byStage[stage] = number / 100
        }
        return StageProbabilityDefaults(byStage)
    }

    static func parseAccount(_ entry: TOMLTable, index: Int, file: String) throws -> AccountConfig {
        let label = "accounts entry \(index)"
        guard let name = entry["name"]?.string?.nilIfBlank else {
            throw ConfigError(file: file, message: "\(label) needs name = \"...\"")
        }
        guard let providerText = entry["provider"]?.string else {
            throw ConfigError(file: file, message: "account '\(name)' needs provider = one of \(ProviderKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let provider = ProviderKind(rawValue: providerText.lowercased()) else {
            throw ConfigError(file: file, message: "account '\(name)': unknown provider '\(providerText)'; use one of \(ProviderKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var settings: [String: ConfigValue] = [:]
        for key in entry.keys where key != "name" && key != "provider" {
            guard accountKeys.contains(key) else {
                throw ConfigError(file: file, message: "account '\(name)': unknown key '\(key)'; known keys are \(accountKeys.sorted().joined(separator: ", "))")
            }
            guard let value = entry[key] else { continue }
            if let text = value.string { settings[key] = .text(text) }
            else if let flag = value.bool { settings[key] = .flag(flag) }
            else if let number = value.double { settings[key] = .number(number) }
            else if let number = value.int { settings[key] = .number(Double(number)) }
            else if let array = value.array {
                let items = array.compactMap(\.string)
                guard items.count == array.count else {
                    throw ConfigError(file: file, message: "account '\(name)': \(key) must be a list of strings")
                }
                settings[key] = .list(items)
            } else {
                throw ConfigError(file: file, message: "account '\(name)': \(key) has an unsupported type")
            }
        }
        var currency = "USD"
        if case .text(let code)? = settings["currency"] {
            guard FieldInput.isCurrencyCode(code) else {
                throw ConfigError(file: file, message: "account '\(name)': currency must be a three-letter code such as USD")
            }
            currency = code.uppercased()
        }
        var baseURL: String?
        if case .text(let url)? = settings["base_url"] { baseURL = url }
        return AccountConfig(name: name, provider: provider, baseURL: baseURL, settings: settings, defaultCurrency: currency)
    }
}

/// A config problem, worded as one line that names the file and the fix.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var message: String

    public init(file: String?, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        switch (file, line) {
        case let (file?, line?): return "\(file):\(line): \(message)"
        case let (file?, nil): return "\(file): \(message)"
        default: return message
        }
    }
}

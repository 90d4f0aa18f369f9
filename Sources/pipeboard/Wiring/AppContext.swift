import AsyncHTTPClient
import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import PipeboardTUI

/// Everything a command needs, built from the environment, the config file and the data folder.
struct AppContext {
    let paths: AppPaths
    let config: AppConfig
    let service: BoardService

    /// Loads the config, opens the cache and the accounts' providers, and seeds a first-run local workspace.
    static func open(seedLocalWorkspace: Bool = true) async throws -> AppContext {
        let paths = AppPaths.resolve()
        let config = try AppConfig.load(path: paths.configFile)
        _ = try keyMaps(config, file: paths.configFile)
        try DataFolder.prepare(paths.dataFolder)
        FileLogHandler.bootstrap(path: paths.logFile)
        let store = try CacheStore(path: paths.cacheFile)
        let accounts = try config.accounts.map { try ProviderFactory.account(for: $0, paths: paths) }
        let service = BoardService(store: store, accounts: accounts, stageProbabilities: config.stageProbabilities)
        await service.useMergedBoards(config.board.boards)
        if seedLocalWorkspace {
            for account in accounts where account.provider is LocalWorkspaceProvider {
                try await service.prepareLocalWorkspace(account: account.name)
            }
        }
        return AppContext(paths: paths, config: config, service: service)
    }

    /// The board's key maps with the config's bindings; a bad binding is a config error naming the fix.
    static func keyMaps(_ config: AppConfig, file: String) throws -> KeyMaps {
        do {
            return try KeyMaps.standard.rebinding(config.board.keys)
        } catch let error as KeyBindingError {
            throw CLIError("\(file): \(error)")
        }
    }

    /// Delivers the account's outbox before a command exits, so a scripted change reaches the provider.
    func deliver(account: String?) async throws -> DeliveryReport {
        try await service.push(account: account)
    }
}

enum DataFolder {
    /// Creates the data folder (owner-only) or says clearly why it cannot.
    static func prepare(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw CLIError("data folder \(path) is a file; set PIPEBOARD_HOME to a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CLIError("cannot create the data folder \(path): \((error as NSError).localizedDescription)")
        }
    }
}

/// Builds the provider client an account names.
enum ProviderFactory {
    static func account(
        for config: AccountConfig, paths: AppPaths, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Account {
        switch config.provider {
        case .local:
            return Account(config: config, provider: try LocalWorkspaceProvider(path: paths.localWorkspaceFile(account: config.name)))
        case .highlevel:
            let client = HighLevelClient(
                baseURL: config.baseURL, token: try secret("token_env", of: config, environment: environment),
                locationID: try text("location_id", of: config), currency: config.defaultCurrency, http: .shared)
            return Account(config: config, provider: client)
        case .twenty:
            let client = TwentyClient(
                baseURL: config.baseURL, token: try secret("token_env", of: config, environment: environment),
                defaultCurrency: config.defaultCurrency, http: .shared)
            return Account(config: config, provider: client)
        case .brightmove:
            let stages = try list("stages", of: config)
            guard !stages.isEmpty else {
                throw CLIError("account '\(config.name)' needs stages = [\"...\", ...] in the config: BrightMove publishes no stage list")
            }
            let client = BrightMoveClient(
                baseURL: config.baseURL, companyKey: try secret("company_key_env", of: config, environment: environment),
                userKey: try secret("user_key_env", of: config, environment: environment), stages: stages,
                types: try list("types", of: config), leadSources: try list("lead_sources", of: config),
                pipelineName: try optionalText("pipeline_name", of: config), http: .shared)
            return Account(config: config, provider: client)
        case .coperniq:
            let client = CoperniqClient(
                baseURL: config.baseURL, apiKey: try secret("api_key_env", of: config, environment: environment),
                currency: config.defaultCurrency, http: .shared,
                budget: DailyBudget(limit: CoperniqClient.dailyLimit, file: paths.requestLogFile(account: config.name)))
            return Account(config: config, provider: client)
        case .coastline:
            guard let baseURL = config.baseURL?.nilIfBlank else {
                throw CLIError("account '\(config.name)' needs base_url = \"https://...\" in the config: Coastline does not publish its API host")
            }
            let stages: [(id: String, name: String)]
            switch CoastlineClient.parseStages(try list("stages", of: config)) {
            case .success(let parsed): stages = parsed
            case .failure(let error): throw CLIError("account '\(config.name)': \(error)")
            }
            let client = CoastlineClient(
                baseURL: baseURL, token: try secret("token_env", of: config, environment: environment), stages: stages,
                pipelineName: try optionalText("pipeline_name", of: config), http: .shared)
            return Account(config: config, provider: client)
        }
    }

    /// A list of strings the account may set; absent means empty.
    static func list(_ key: String, of config: AccountConfig) throws -> [String] {
        switch config.settings[key] {
        case nil: return []
        case .list(let items)?: return items
        default: throw CLIError("account '\(config.name)': \(key) must be a list of strings, e.g. \(key) = [\"...\"]")
        }
    }

    /// Text the account may set.
    static func optionalText(_ key: String, of config: AccountConfig) throws -> String? {
        switch config.settings[key] {
        case nil: return nil
        case .text(let value)?: return value
        default: throw CLIError("account '\(config.name)': \(key) must be text, e.g. \(key) = \"...\"")
        }
    }

    /// A setting the account must have, as text.
    static func text(_ key: String, of config: AccountConfig) throws -> String {
        guard case .text(let value)? = config.settings[key], !value.isEmpty else {
            throw CLIError("account '\(config.name)' needs \(key) = \"...\" in the config")
        }
        return value
    }

    /// A secret read from the environment variable the account names; the secret itself is never in the config.
    static func secret(_ key: String, of config: AccountConfig, environment: [String: String]) throws -> String {
        let variable = try text(key, of: config)
        guard let value = environment[variable], !value.isEmpty else {
            throw CLIError("account '\(config.name)': the environment variable \(variable) (named by \(key)) is not set")
        }
        return value
    }
}

/// An error with a message meant for the user as it is.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

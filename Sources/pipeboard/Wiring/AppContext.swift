import AsyncHTTPClient
import Foundation
import PipeboardConfig
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore

/// Everything a command needs, built from the environment, the config file and the data folder.
struct AppContext {
    let paths: AppPaths
    let config: AppConfig
    let service: BoardService

    /// Loads the config, opens the cache and the accounts' providers, and seeds a first-run local workspace.
    /// Everything the config names (accounts, secrets, theme) is checked before the data folder or the cache is
    /// touched: a config error stops the program with one line, nothing starts half-configured.
    /// `openStore` opens the cache file (`cache rebuild` passes one that rebuilds it first). `connect` is how long
    /// a provider connection may take to open (see `ProviderHTTP`).
    static func open(
        seedLocalWorkspace: Bool = true, connect: ProviderHTTP.Connect = .patient,
        openStore: (String) throws -> CacheStore = { try CacheStore(path: $0) }
    ) async throws -> AppContext {
        let paths = AppPaths.resolve()
        let config = try AppConfig.load(path: paths.configFile)
        _ = try config.keyMaps()
        let credentials = try Credentials.load(path: paths.credentialsFile)
        SecretRedaction.shared.add(credentials.allSecrets)
        try ThemeLoader.check(config)
        let accounts = try ProviderFactory.accounts(
            for: config, paths: paths, credentials: credentials,
            connect: connect)
        try DataFolder.prepare(paths.dataFolder)
        FileLogHandler.bootstrap(path: paths.logFile)
        let store = try openStore(paths.cacheFile)
        let opened = try accounts.map { try $0.open() }
        let service = BoardService(store: store, accounts: opened, stageProbabilities: config.stageProbabilities)
        await service.useMergedBoards(config.board.boards)
        if seedLocalWorkspace {
            for account in opened where account.provider is any SeedableWorkspace {
                try await service.prepareLocalWorkspace(account: account.name)
            }
        }
        return AppContext(paths: paths, config: config, service: service)
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
            guard isFolder.boolValue else {
                throw CLIError("data folder \(path) is a file; set PIPEBOARD_HOME to a folder")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CLIError("cannot create the data folder \(path): \((error as NSError).localizedDescription)")
        }
    }
}

/// An account whose config has been checked; `open` creates its client (a local workspace opens its file).
struct CheckedAccount {
    let open: () throws -> Account
}

/// Builds each account's provider with the maker its `provider = "..."` names in `ProviderRegistry`.
enum ProviderFactory {
    /// Checks every account first, then hands back openers: one bad account stops them all, and a config error
    /// names the file and the line of the key at fault.
    static func accounts(
        for config: AppConfig, paths: AppPaths, credentials: Credentials, connect: ProviderHTTP.Connect = .patient,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> [CheckedAccount] {
        do {
            return try config.accounts.map { account in
                let secrets = SecretSource(environment: environment, credentials: credentials)
                // Built once here so that every missing setting or secret is found before anything opens.
                if try maker(for: account).opensFiles {
                    return CheckedAccount {
                        try ProviderFactory.account(for: account, paths: paths, secrets: secrets, connect: connect)
                    }
                }
                let built = try ProviderFactory.account(for: account, paths: paths, secrets: secrets, connect: connect)
                return CheckedAccount { built }
            }
        } catch let error as ConfigError {
            throw config.source.map { $0.locate(error) } ?? error
        }
    }

    /// The account's provider; a setting it lacks or gets wrong is a config error at the key's line.
    static func account(
        for config: AccountConfig, paths: AppPaths, secrets: SecretSource, connect: ProviderHTTP.Connect = .patient
    ) throws -> Account {
        let http = try ProviderHTTP.client(for: config, connect: connect)
        let settings = ProviderSettings(
            account: config.name, keyPath: config.keyPath, baseURL: config.baseURL,
            defaultCurrency: config.defaultCurrency, values: config.settings,
            workspaceFile: paths.localWorkspaceFile(account: config.name),
            requestLogFile: paths.requestLogFile(account: config.name))
        let accountSecrets = AccountSecrets { key in try secret(key, of: config, secrets: secrets) }
        do {
            return Account(config: config, provider: try maker(for: config).make(settings, accountSecrets, http))
        } catch let error as ProviderSettingError {
            guard let keyPath = error.keyPath else { throw CLIError(error.message) }
            throw ConfigError(file: nil, keyPath: keyPath, message: error.message)
        }
    }

    /// The maker of the provider the account names.
    static func maker(for config: AccountConfig) throws -> ProviderMaker {
        guard let maker = ProviderRegistry.makers[config.provider.rawValue] else {
            throw CLIError("account '\(config.name)': pipeboard cannot make a \(config.provider.rawValue) provider")
        }
        return maker
    }

    /// A secret, from the environment variable the account names (`token_env = "VAR"`), else from the
    /// credentials file; the secret itself is never in the config. Every secret found is redacted from output.
    static func secret(_ key: String, of config: AccountConfig, secrets: SecretSource) throws -> String {
        let value = try secrets.secret(key, of: config)
        SecretRedaction.shared.add([value])
        return value
    }
}

/// The HTTP client an account's requests go through: certificate checks on, unless the account asks for
/// `insecure_loopback = true` and its base URL is on this machine.
enum ProviderHTTP {
    /// How long a connection may take to open. A command that changes a card has saved it before it sends it, so
    /// it waits under a second for a provider that cannot be reached (the change then waits in the outbox);
    /// the board, `sync` and the rest wait the usual 10 s.
    enum Connect: Sendable { case patient, quick }

    static let verified = HTTPTransport.makeClient()
    static let unverifiedLoopback = HTTPTransport.makeClient(verifyCertificates: false)
    static let verifiedQuick = HTTPTransport.makeClient(connectTimeout: quickConnect)
    static let unverifiedLoopbackQuick = HTTPTransport.makeClient(
        connectTimeout: quickConnect,
        verifyCertificates: false)
    /// Under a second from the local commit, with room for opening TLS over a slow link.
    static let quickConnect = Duration.milliseconds(750)

    static func client(for config: AccountConfig, connect: Connect = .patient) throws -> HTTPClient {
        var insecure = false
        if let value = config.settings["insecure_loopback"] {
            guard case .flag(let flag) = value else {
                throw ConfigError(
                    file: nil, keyPath: "\(config.keyPath).insecure_loopback",
                    message: "insecure_loopback must be true or false")
            }
            insecure = flag
        }
        if let baseURL = config.baseURL {
            do {
                try TransportSecurity.check(baseURL: baseURL, insecureLoopback: insecure)
            } catch {
                let key = insecure && baseURL.hasPrefix("https") ? "insecure_loopback" : "base_url"
                throw ConfigError(
                    file: nil,
                    keyPath: "\(config.keyPath).\(key)",
                    message: "account '\(config.name)': \(error.description)")
            }
        } else if insecure {
            throw ConfigError(
                file: nil, keyPath: "\(config.keyPath).insecure_loopback",
                message:
                    "account '\(config.name)': insecure_loopback needs a loopback base_url such as "
                    + "\"https://127.0.0.1:8443\"; remove it"
            )
        }
        switch (insecure, connect) {
        case (true, .patient): return unverifiedLoopback
        case (false, .patient): return verified
        case (true, .quick): return unverifiedLoopbackQuick
        case (false, .quick): return verifiedQuick
        }
    }
}

/// An error with a message meant for the user as it is.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

import Foundation
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
    static func open(seedLocalWorkspace: Bool = true) async throws -> AppContext {
        let paths = AppPaths.resolve()
        let config = try AppConfig.load(path: paths.configFile)
        try DataFolder.prepare(paths.dataFolder)
        let store = try CacheStore(path: paths.cacheFile)
        let accounts = try config.accounts.map { try ProviderFactory.account(for: $0, paths: paths) }
        let service = BoardService(store: store, accounts: accounts)
        if seedLocalWorkspace {
            for account in accounts where account.provider is LocalWorkspaceProvider {
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
    static func account(for config: AccountConfig, paths: AppPaths) throws -> Account {
        switch config.provider {
        case .local:
            return Account(config: config, provider: try LocalWorkspaceProvider(path: paths.localWorkspaceFile(account: config.name)))
        case .highlevel, .twenty, .brightmove, .coperniq, .coastline:
            throw CLIError("account '\(config.name)': the \(config.provider.rawValue) provider is not available in this version of pipeboard")
        }
    }
}

/// An error with a message meant for the user as it is.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

import Foundation

/// Where pipeboard keeps its config and data, by the rules users expect (PIPEBOARD_*, then XDG, then home).
public struct AppPaths: Hashable, Sendable {
    public var configFile: String
    public var dataFolder: String

    public init(configFile: String, dataFolder: String) {
        self.configFile = configFile
        self.dataFolder = dataFolder
    }

    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) -> AppPaths {
        let home = environment["HOME"]?.nilIfEmpty ?? NSHomeDirectory()
        let config =
            environment["PIPEBOARD_CONFIG"]?.nilIfEmpty
            ?? (environment["XDG_CONFIG_HOME"]?.nilIfEmpty ?? home + "/.config") + "/pipeboard/config.toml"
        let data =
            environment["PIPEBOARD_HOME"]?.nilIfEmpty
            ?? (environment["XDG_DATA_HOME"]?.nilIfEmpty ?? home + "/.local/share") + "/pipeboard"
        return AppPaths(configFile: config, dataFolder: data)
    }

    public var cacheFile: String { dataFolder + "/cache.sqlite" }
    /// Tokens for accounts that do not take them from the environment; beside the config, owner-only.
    public var credentialsFile: String {
        let folder = (configFile as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "." : folder) + "/credentials.toml"
    }
    public var logFile: String { dataFolder + "/pipeboard.log" }

    /// An account's count of today's requests (Coperniq's daily allowance), kept between runs.
    public func requestLogFile(account: String) -> String {
        dataFolder + "/requests-\(account.fileSafe).log"
    }

    /// The local workspace of an account lives beside the cache, one file per account.
    public func localWorkspaceFile(account: String) -> String {
        dataFolder + "/workspace-\(account.fileSafe).sqlite"
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }

    var fileSafe: String {
        String(map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}

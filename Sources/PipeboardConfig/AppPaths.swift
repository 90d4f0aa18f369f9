import Foundation

/// Where pipeboard keeps its config and data, by the rules users expect (PIPEBOARD_*, then XDG, then home).
package struct AppPaths: Hashable, Sendable {
    package var configFile: String
    package var dataFolder: String

    package init(configFile: String, dataFolder: String) {
        self.configFile = configFile
        self.dataFolder = dataFolder
    }

    package static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) -> AppPaths {
        let home = environment["HOME"]?.nilIfEmpty ?? NSHomeDirectory()
        let config =
            environment["PIPEBOARD_CONFIG"]?.nilIfEmpty
            ?? (environment["XDG_CONFIG_HOME"]?.nilIfEmpty ?? home + "/.config") + "/pipeboard/config.toml"
        let data =
            environment["PIPEBOARD_HOME"]?.nilIfEmpty
            ?? (environment["XDG_DATA_HOME"]?.nilIfEmpty ?? home + "/.local/share") + "/pipeboard"
        return AppPaths(configFile: config, dataFolder: data)
    }

    package var cacheFile: String { dataFolder + "/cache.sqlite" }
    /// Tokens for accounts that do not take them from the environment; beside the config, owner-only.
    package var credentialsFile: String {
        let folder = (configFile as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "." : folder) + "/credentials.toml"
    }
    package var logFile: String { dataFolder + "/pipeboard.log" }

    /// An account's count of today's requests (Coperniq's daily allowance), kept between runs.
    package func requestLogFile(account: String) -> String {
        dataFolder + "/requests-\(account.fileSafe).log"
    }

    /// The local workspace of an account lives beside the cache, one file per account.
    package func localWorkspaceFile(account: String) -> String {
        dataFolder + "/workspace-\(account.fileSafe).sqlite"
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }

    var fileSafe: String {
        String(map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}

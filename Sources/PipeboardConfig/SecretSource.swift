import PipeboardCore

/// Where secrets come from: environment variables the config names, then the credentials file.
package struct SecretSource: Sendable {
    package let environment: [String: String]
    package let credentials: Credentials

    package init(environment: [String: String], credentials: Credentials) {
        self.environment = environment
        self.credentials = credentials
    }

    package func secret(_ key: String, of config: AccountConfig) throws -> String {
        let stored = key.hasSuffix("_env") ? String(key.dropLast(4)) : key
        let file = credentials.file ?? "credentials.toml"
        if case .text(let variable)? = config.settings[key], !variable.isEmpty {
            if let value = environment[variable], !value.isEmpty { return value }
            if let value = credentials.secret(account: config.name, setting: key) { return value }
            throw ConfigError(
                file: nil, keyPath: "\(config.keyPath).\(key)",
                message:
                    "account '\(config.name)': the environment variable \(variable) (named by \(key)) is not set; "
                    + "export \(variable)=... or put \(stored) = \"...\" under [\(config.name)] in \(file)"
            )
        }
        if let value = credentials.secret(account: config.name, setting: key) { return value }
        throw ConfigError(
            file: nil, keyPath: config.keyPath,
            message:
                "account '\(config.name)' needs \(key) = \"VARIABLE\" naming the environment variable that holds it, "
                + "or \(stored) = \"...\" under [\(config.name)] in \(file)"
        )
    }
}

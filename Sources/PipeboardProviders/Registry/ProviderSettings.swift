import PipeboardCore

/// What a provider is made from: its account's entry as the config wrote it, and where the account's files go.
package struct ProviderSettings: Sendable {
    package var account: String
    /// Where the entry is in the config (`accounts[1]`), so an error can point at its line.
    package var keyPath: String
    package var baseURL: String?
    package var defaultCurrency: String
    /// The provider's own keys (token_env, location_id, stages, ...).
    package var values: [String: ConfigValue]
    /// The local workspace's database, when the account is one.
    package var workspaceFile: String
    /// The log of requests a provider with a daily budget counts against it.
    package var requestLogFile: String

    package init(
        account: String, keyPath: String, baseURL: String?, defaultCurrency: String,
        values: [String: ConfigValue], workspaceFile: String, requestLogFile: String
    ) {
        self.account = account
        self.keyPath = keyPath
        self.baseURL = baseURL
        self.defaultCurrency = defaultCurrency
        self.values = values
        self.workspaceFile = workspaceFile
        self.requestLogFile = requestLogFile
    }

    /// A setting the account must have, as text.
    package func text(_ key: String) throws -> String {
        guard case .text(let value)? = values[key], !value.isEmpty else {
            throw error(at: key, "account '\(account)' needs \(key) = \"...\"")
        }
        return value
    }

    /// Text the account may set.
    package func optionalText(_ key: String) throws -> String? {
        switch values[key] {
        case nil: return nil
        case .text(let value)?: return value
        default:
            throw ProviderSettingError(keyPath: nil, "account '\(account)': \(key) must be text, e.g. \(key) = \"...\"")
        }
    }

    /// A list of strings the account may set; absent means empty.
    package func list(_ key: String) throws -> [String] {
        switch values[key] {
        case nil: return []
        case .list(let items)?: return items
        default:
            throw ProviderSettingError(
                keyPath: nil, "account '\(account)': \(key) must be a list of strings, e.g. \(key) = [\"...\"]")
        }
    }

    /// An error about `key`: it points at the key's line when the account sets it, else at the account's entry.
    package func error(at key: String, _ message: String) -> ProviderSettingError {
        ProviderSettingError(keyPath: values[key] == nil ? keyPath : "\(keyPath).\(key)", message)
    }
}

/// An account a provider cannot be made from. With a key path the app points at the config's line; without one
/// the message stands alone.
package struct ProviderSettingError: Error, Hashable, Sendable, CustomStringConvertible {
    package var keyPath: String?
    package var message: String

    package init(keyPath: String?, _ message: String) {
        self.keyPath = keyPath
        self.message = message
    }

    package var description: String { message }
}

/// An account's secrets by the setting that names them (`token_env`). The app decides where they come from
/// (the environment, the credentials file) and keeps them out of its output.
package struct AccountSecrets: Sendable {
    private let lookup: @Sendable (String) throws -> String

    package init(_ lookup: @escaping @Sendable (String) throws -> String) {
        self.lookup = lookup
    }

    package func secret(_ key: String) throws -> String {
        try lookup(key)
    }
}

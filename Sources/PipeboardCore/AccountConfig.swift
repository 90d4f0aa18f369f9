/// The providers an account can name in `provider = "..."`.
public enum ProviderKind: String, CaseIterable, Sendable {
    case local, highlevel, twenty, brightmove, coperniq, coastline
}

/// One `[[accounts]]` entry, as PipeboardConfig reads and checks it; the service and the providers' makers use it.
public struct AccountConfig: Hashable, Sendable {
    public var name: String
    public var provider: ProviderKind
    public var baseURL: String?
    /// Every other key as written, for the provider's own settings (token_env, location_id, stages, ...).
    public var settings: [String: ConfigValue]
    public var defaultCurrency: String
    /// Where the entry is in the config (`accounts[1]`), so later checks can point at its lines.
    public var keyPath: String

    public init(
        name: String, provider: ProviderKind, baseURL: String? = nil, settings: [String: ConfigValue] = [:],
        defaultCurrency: String = "USD", keyPath: String = "accounts"
    ) {
        self.name = name
        self.provider = provider
        self.baseURL = baseURL
        self.settings = settings
        self.defaultCurrency = defaultCurrency
        self.keyPath = keyPath
    }
}

extension AccountConfig {
    /// The local workspace: the account used when a config names none.
    public static let local = AccountConfig(name: "local", provider: .local)

    /// The stages that close a deal when a card is moved into them: won, then lost (`won_stages`, `lost_stages`).
    public var closingStages: ClosingStages {
        func names(_ key: String) -> [String] {
            if case .list(let names)? = settings[key] { return names }
            return []
        }
        return ClosingStages(won: names("won_stages"), lost: names("lost_stages"))
    }
}

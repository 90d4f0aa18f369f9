import PipeboardCore

/// A configured account with its provider client.
public struct Account: Sendable {
    public var config: AccountConfig
    public var provider: any OpportunityProvider

    public init(config: AccountConfig, provider: any OpportunityProvider) {
        self.config = config
        self.provider = provider
    }

    public var name: String { config.name }
}

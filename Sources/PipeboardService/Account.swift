import PipeboardCore

/// A configured account with its provider client.
public struct Account: Sendable {
    package var config: AccountConfig
    package var provider: any OpportunityProvider

    public init(config: AccountConfig, provider: any OpportunityProvider) {
        self.config = config
        self.provider = provider
    }

    package var name: String { config.name }
}

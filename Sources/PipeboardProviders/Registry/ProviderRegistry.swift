import AsyncHTTPClient
import PipeboardCore

/// How one provider is made from an account.
package struct ProviderMaker: Sendable {
    /// Making it opens its file in the data folder: the app makes it when the account opens, after the folder
    /// exists. The rest are made (and so checked) as soon as the config is read.
    package var opensFiles: Bool
    package var make: @Sendable (ProviderSettings, AccountSecrets, HTTPClient) throws -> any OpportunityProvider

    package init(
        opensFiles: Bool = false,
        make: @escaping @Sendable (ProviderSettings, AccountSecrets, HTTPClient) throws -> any OpportunityProvider
    ) {
        self.opensFiles = opensFiles
        self.make = make
    }
}

/// Every provider by the name an account gives in `provider = "..."`.
package enum ProviderRegistry {
    package static let makers: [String: ProviderMaker] = [
        "local": ProviderMaker(opensFiles: true) { settings, _, _ in
            try LocalWorkspaceProvider.make(settings: settings)
        },
        "highlevel": ProviderMaker { try HighLevelClient.make(settings: $0, secrets: $1, http: $2) },
        "twenty": ProviderMaker { try TwentyClient.make(settings: $0, secrets: $1, http: $2) },
        "brightmove": ProviderMaker { try BrightMoveClient.make(settings: $0, secrets: $1, http: $2) },
        "coperniq": ProviderMaker { try CoperniqClient.make(settings: $0, secrets: $1, http: $2) },
        "coastline": ProviderMaker { try CoastlineClient.make(settings: $0, secrets: $1, http: $2) },
    ]
}

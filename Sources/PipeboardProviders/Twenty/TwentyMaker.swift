import AsyncHTTPClient

extension TwentyClient {
    /// A client for the account's workspace: `token_env`.
    package static func make(
        settings: ProviderSettings, secrets: AccountSecrets, http: HTTPClient
    ) throws -> TwentyClient {
        TwentyClient(
            baseURL: settings.baseURL, token: try secrets.secret("token_env"),
            defaultCurrency: settings.defaultCurrency, http: http)
    }
}

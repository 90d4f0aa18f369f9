import AsyncHTTPClient

extension HighLevelClient {
    /// A client for the account's location: `token_env` and `location_id`.
    package static func make(
        settings: ProviderSettings, secrets: AccountSecrets, http: HTTPClient
    ) throws -> HighLevelClient {
        HighLevelClient(
            baseURL: settings.baseURL, token: try secrets.secret("token_env"),
            locationID: try settings.text("location_id"), currency: settings.defaultCurrency, http: http)
    }
}

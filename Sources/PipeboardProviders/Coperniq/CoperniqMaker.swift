import AsyncHTTPClient

extension CoperniqClient {
    /// A client from `api_key_env`, counting its requests against the daily limit in the account's request log.
    package static func make(
        settings: ProviderSettings, secrets: AccountSecrets, http: HTTPClient
    ) throws -> CoperniqClient {
        CoperniqClient(
            baseURL: settings.baseURL, apiKey: try secrets.secret("api_key_env"),
            currency: settings.defaultCurrency, http: http,
            budget: DailyBudget(limit: CoperniqClient.dailyLimit, file: settings.requestLogFile))
    }
}

import AsyncHTTPClient

extension BrightMoveClient {
    /// A client from `company_key_env`, `user_key_env` and the stages the account lists (BrightMove publishes
    /// none); `types`, `lead_sources` and `pipeline_name` are optional.
    package static func make(
        settings: ProviderSettings, secrets: AccountSecrets, http: HTTPClient
    ) throws -> BrightMoveClient {
        let stages = try settings.list("stages")
        guard !stages.isEmpty else {
            throw settings.error(
                at: "stages",
                "account '\(settings.account)' needs stages = [\"...\", ...] in the config: "
                    + "BrightMove publishes no stage list")
        }
        return BrightMoveClient(
            baseURL: settings.baseURL, companyKey: try secrets.secret("company_key_env"),
            userKey: try secrets.secret("user_key_env"), stages: stages,
            types: try settings.list("types"), leadSources: try settings.list("lead_sources"),
            pipelineName: try settings.optionalText("pipeline_name"), http: http)
    }
}

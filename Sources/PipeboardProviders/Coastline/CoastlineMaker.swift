import AsyncHTTPClient
import PipeboardCore

extension CoastlineClient {
    /// A client from `base_url` (Coastline publishes no host), `token_env` and the stages the account lists as
    /// `"id=Name"`; `pipeline_name` is optional.
    package static func make(
        settings: ProviderSettings, secrets: AccountSecrets, http: HTTPClient
    ) throws -> CoastlineClient {
        guard let baseURL = settings.baseURL?.nilIfBlank else {
            throw settings.error(
                at: "base_url",
                "account '\(settings.account)' needs base_url = \"https://...\" in the config: "
                    + "Coastline does not publish its API host")
        }
        let stages: [(id: String, name: String)]
        switch parseStages(try settings.list("stages")) {
        case .success(let parsed): stages = parsed
        case .failure(let error):
            throw ProviderSettingError(
                keyPath: "\(settings.keyPath).stages", "account '\(settings.account)': \(error)")
        }
        return CoastlineClient(
            baseURL: baseURL, token: try secrets.secret("token_env"), stages: stages,
            pipelineName: try settings.optionalText("pipeline_name"), http: http)
    }
}

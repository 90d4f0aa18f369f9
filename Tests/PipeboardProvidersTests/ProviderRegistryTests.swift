import AsyncHTTPClient
import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import Synchronization
import Testing

/// Each provider is made by its own maker from the account's settings and secrets; the app only looks it up.
@Suite struct ProviderRegistryTests {
    static let http = HTTPTransport.makeClient(connectTimeout: .seconds(1))
    static let coastlineStage = "8f1c1d2e-0000-4000-8000-000000000001=New"

    func settings(_ values: [String: ConfigValue], baseURL: String? = nil, folder: String = "/nonexistent")
        -> ProviderSettings
    {
        ProviderSettings(
            account: "acme", keyPath: "accounts[1]", baseURL: baseURL, defaultCurrency: "EUR",
            values: values, workspaceFile: folder + "/workspace-acme.sqlite",
            requestLogFile: folder + "/requests-acme.log")
    }

    /// Hands out a made-up secret for each key and remembers which keys were asked for, in order.
    final class SecretLog: Sendable {
        let asked = Mutex<[String]>([])
        var secrets: AccountSecrets {
            AccountSecrets { key in
                self.asked.withLock { $0.append(key) }
                return "secret-\(key)"
            }
        }
    }

    @Test func everyProviderAnAccountCanNameHasAMaker() {
        #expect(Set(ProviderRegistry.makers.keys) == Set(ProviderKind.allCases.map(\.rawValue)))
        #expect(ProviderRegistry.makers.filter(\.value.opensFiles).map(\.key) == ["local"])
    }

    @Test func eachMakerMakesItsClientWithTheSecretsItNames() throws {
        typealias Case = (String, [String: ConfigValue], String?, [String], (any OpportunityProvider) -> Bool)
        let cases: [Case] = [
            ("highlevel", ["location_id": .text("loc-1")], nil, ["token_env"], { $0 is HighLevelClient }),
            ("twenty", [:], nil, ["token_env"], { $0 is TwentyClient }),
            (
                "brightmove", ["stages": .list(["New", "Won"])], nil, ["company_key_env", "user_key_env"],
                { $0 is BrightMoveClient }
            ),
            ("coperniq", [:], nil, ["api_key_env"], { $0 is CoperniqClient }),
            (
                "coastline", ["stages": .list([Self.coastlineStage])], "https://crm.example.com", ["token_env"],
                { $0 is CoastlineClient }
            ),
        ]
        for (name, values, baseURL, secretKeys, isExpectedType) in cases {
            let log = SecretLog()
            let maker = try #require(ProviderRegistry.makers[name])
            let provider = try maker.make(settings(values, baseURL: baseURL), log.secrets, Self.http)
            #expect(isExpectedType(provider), "\(name) made \(type(of: provider))")
            #expect(log.asked.withLock { $0 } == secretKeys, "\(name)")
        }
    }

    @Test func theLocalMakerOpensTheAccountsWorkspaceFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let maker = try #require(ProviderRegistry.makers["local"])
        let provider = try maker.make(settings([:], folder: folder.path), SecretLog().secrets, Self.http)
        let workspace = try #require(provider as? any SeedableWorkspace)
        #expect(try workspace.isEmpty())
        #expect(FileManager.default.fileExists(atPath: folder.path + "/workspace-acme.sqlite"))
    }

    /// A missing key points at the account's entry, a wrong one at its own line; a wrong shape stands alone.
    @Test(
        arguments: [
            ("highlevel", [:], nil, "accounts[1]", "account 'acme' needs location_id = \"...\""),
            ("highlevel", ["location_id": .text("")], nil, "accounts[1].location_id", "needs location_id"),
            ("brightmove", [:], nil, "accounts[1]", "BrightMove publishes no stage list"),
            ("brightmove", ["stages": .text("New")], nil, nil, "stages must be a list of strings"),
            (
                "brightmove", ["stages": .list(["New"]), "pipeline_name": .flag(true)], nil, nil,
                "pipeline_name must be text"
            ),
            (
                "coastline", ["stages": .list([Self.coastlineStage])], nil, "accounts[1]",
                "Coastline does not publish its API host"
            ),
            (
                "coastline", ["stages": .list(["=New"])], "https://crm.example.com", "accounts[1].stages",
                "account 'acme': stage entry '=New'"
            ),
        ] as [(String, [String: ConfigValue], String?, String?, String)])
    func aSettingAProviderCannotUseIsNamed(
        provider: String, values: [String: ConfigValue], baseURL: String?, keyPath: String?, message: String
    ) throws {
        let maker = try #require(ProviderRegistry.makers[provider])
        let error = #expect(throws: ProviderSettingError.self) {
            _ = try maker.make(settings(values, baseURL: baseURL), SecretLog().secrets, Self.http)
        }
        #expect(error?.keyPath == keyPath)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error")")
    }
}

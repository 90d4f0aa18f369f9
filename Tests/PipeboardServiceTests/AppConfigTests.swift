import PipeboardCore
import Testing
@testable import PipeboardService

@Suite struct AppConfigTests {
    @Test func noAccountsMeansTheLocalWorkspace() throws {
        let config = try AppConfig.parse("theme = \"mono\"\n", file: "c.toml")
        #expect(config.theme == "mono")
        #expect(config.accounts == [AppConfig.localAccount])
    }

    @Test func syncIntervalIsSecondsWithADefaultAndZeroTurnsItOff() throws {
        #expect(try AppConfig.parse("", file: "c.toml").syncInterval == AppConfig.defaultSyncInterval)
        #expect(try AppConfig.parse("sync_interval = 0\n", file: "c.toml").syncInterval == 0)
        #expect(try AppConfig.parse("sync_interval = 300\n", file: "c.toml").syncInterval == 300)
        for bad in ["sync_interval = -5\n", "sync_interval = \"soon\"\n"] {
            #expect(throws: ConfigError.self) { try AppConfig.parse(bad, file: "c.toml") }
        }
    }

    @Test func readsAccounts() throws {
        let config = try AppConfig.parse("""
            [[accounts]]
            name = "agency"
            provider = "highlevel"
            token_env = "HIGHLEVEL_TOKEN"
            location_id = "ve9EPM428h8vShlRW1KT"

            [[accounts]]
            name = "staffing"
            provider = "brightmove"
            stages = ["Lead", "Closed Won"]
            currency = "eur"
            """, file: "c.toml")
        #expect(config.accounts.map(\.name) == ["agency", "staffing"])
        #expect(config.accounts[0].settings["location_id"] == .text("ve9EPM428h8vShlRW1KT"))
        #expect(config.accounts[1].settings["stages"] == .list(["Lead", "Closed Won"]))
        #expect(config.accounts[1].defaultCurrency == "EUR")
    }

    @Test(arguments: [
        ("colour = 1", "unknown key 'colour'"),
        ("[[accounts]]\nprovider = \"local\"", "needs name"),
        ("[[accounts]]\nname = \"x\"\nprovider = \"salesforce\"", "unknown provider 'salesforce'"),
        ("[[accounts]]\nname = \"x\"\nprovider = \"local\"\ntoken = \"abc\"", "unknown key 'token'"),
        ("[[accounts]]\nname = \"x\"\nprovider = \"local\"\n[[accounts]]\nname = \"x\"\nprovider = \"local\"", "two accounts are named 'x'"),
        ("theme = ", "c.toml:1: is not valid TOML"),
    ])
    func badConfigSaysWhatAndWhere(text: String, expected: String) {
        do {
            _ = try AppConfig.parse(text, file: "c.toml")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(String(describing: error).contains(expected), "\(error)")
            #expect(String(describing: error).hasPrefix("c.toml"))
        }
    }

    @Test func pathsFollowTheEnvironment() {
        let explicit = AppPaths.resolve(environment: ["PIPEBOARD_HOME": "/d", "PIPEBOARD_CONFIG": "/c.toml", "HOME": "/h"])
        #expect(explicit == AppPaths(configFile: "/c.toml", dataFolder: "/d"))
        let xdg = AppPaths.resolve(environment: ["XDG_CONFIG_HOME": "/x", "XDG_DATA_HOME": "/y", "HOME": "/h"])
        #expect(xdg == AppPaths(configFile: "/x/pipeboard/config.toml", dataFolder: "/y/pipeboard"))
        let home = AppPaths.resolve(environment: ["HOME": "/h"])
        #expect(home == AppPaths(configFile: "/h/.config/pipeboard/config.toml", dataFolder: "/h/.local/share/pipeboard"))
    }
}

@Suite struct ViewsConfigTests {
    @Test func readsViewsInOrderThroughTheFilterParser() throws {
        let config = try AppConfig.parse("""
            [[views]]
            name = "Mine"
            owner = ["ana", "ben"]
            status = "open, ON_HOLD"
            value = "10000-"
            closed = true

            [[views]]
            name = "Stale"
            age = "30-"
            tag = "q1"
            """, file: "c.toml")
        #expect(config.views.map(\.name) == ["Mine", "Stale"])
        #expect(config.views[0].filter.owners == ["ana", "ben"])
        #expect(config.views[0].filter.statuses == [.open] && config.views[0].filter.providerStatuses == ["ON_HOLD"])
        #expect(config.views[0].filter.minValueMicros == 10_000 * 1_000_000 && config.views[0].showClosed)
        #expect(config.views[1].filter.minAgeDays == 30 && config.views[1].filter.tags == ["q1"] && !config.views[1].showClosed)
    }

    @Test func badViewsAreOneLineErrors() {
        let cases: [(String, String)] = [
            ("[[views]]\nowner = \"ana\"\n", "views entry 1 needs name"),
            ("[[views]]\nname = \"X\"\nvalue = \"lots\"\n", "view 'X': value: must be a range"),
            ("[[views]]\nname = \"X\"\ncolour = \"red\"\n", "view 'X': unknown key 'colour'"),
            ("[[views]]\nname = \"X\"\nclosed = \"yes\"\n", "closed must be true or false"),
        ]
        for (text, message) in cases {
            #expect {
                try AppConfig.parse(text, file: "c.toml")
            } throws: { error in
                String(describing: error).contains(message) && !String(describing: error).contains("\n")
            }
        }
    }
}

@Suite("Config: forecast defaults") struct ForecastConfigTests {
    @Test func readsStageProbabilitiesAsPercentages() throws {
        let config = try AppConfig.parse("""
            [forecast]
            stage_probability = { "Lead" = 10, "Proposal" = 62.5, "won" = 100 }
            """, file: "c.toml")
        #expect(config.stageProbabilities == StageProbabilityDefaults(["lead": 0.1, "proposal": 0.625, "won": 1]))
        #expect(try AppConfig.parse("", file: "c.toml").stageProbabilities.isEmpty)
    }

    @Test(arguments: [
        ("forecast = 3", "forecast must be a table"),
        ("[forecast]\nprobability = 3", "[forecast]: unknown key 'probability'"),
        ("[forecast]\nstage_probability = 50", "stage_probability must be a table"),
        ("[forecast]\nstage_probability = { Lead = 150 }", "'Lead' must be a percentage from 0 to 100"),
        ("[forecast]\nstage_probability = { Lead = \"high\" }", "'Lead' must be a percentage from 0 to 100"),
    ])
    func badForecastSaysWhatAndHow(text: String, expected: String) {
        do {
            _ = try AppConfig.parse(text, file: "c.toml")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(String(describing: error).contains(expected), "\(error)")
            #expect(String(describing: error).hasPrefix("c.toml"))
        }
    }
}

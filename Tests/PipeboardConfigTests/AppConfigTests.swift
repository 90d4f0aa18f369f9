import PipeboardCore
import Foundation
import Testing
@testable import PipeboardConfig

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
        let config = try AppConfig.parse(
            """
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
        (
            "[[accounts]]\nname = \"x\"\nprovider = \"local\"\n[[accounts]]\nname = \"x\"\nprovider = \"local\"",
            "two accounts are named 'x'"
        ),
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
        let explicit = AppPaths.resolve(environment: [
            "PIPEBOARD_HOME": "/d", "PIPEBOARD_CONFIG": "/c.toml", "HOME": "/h",
        ])
        #expect(explicit == AppPaths(configFile: "/c.toml", dataFolder: "/d"))
        let xdg = AppPaths.resolve(environment: ["XDG_CONFIG_HOME": "/x", "XDG_DATA_HOME": "/y", "HOME": "/h"])
        #expect(xdg == AppPaths(configFile: "/x/pipeboard/config.toml", dataFolder: "/y/pipeboard"))
        let home = AppPaths.resolve(environment: ["HOME": "/h"])
        #expect(
            home == AppPaths(configFile: "/h/.config/pipeboard/config.toml", dataFolder: "/h/.local/share/pipeboard"))
    }
}

@Suite struct ViewsConfigTests {
    @Test func readsViewsInOrderThroughTheFilterParser() throws {
        let config = try AppConfig.parse(
            """
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
        #expect(
            config.views[1].filter.minAgeDays == 30 && config.views[1].filter.tags == ["q1"]
                && !config.views[1].showClosed)
    }

    @Test func viewsFilterByNextStepAndSortEveryColumn() throws {
        let config = try AppConfig.parse(
            """
            [[views]]
            name = "Slipping"
            overdue = true
            no_next_step = true
            sort = "next_step"

            [[views]]
            name = "Late only"
            overdue = true
            no_next_step = false

            [[views]]
            name = "Written as a filter"
            next_step = "none"
            """, file: "c.toml")
        #expect(config.views[0].filter == BoardFilter(overdue: true, noNextStep: true))
        #expect(config.views[0].sort == .nextStep)
        #expect(config.views[1].filter == BoardFilter(overdue: true) && config.views[1].sort == nil)
        #expect(config.views[2].filter == BoardFilter(noNextStep: true))
    }

    @Test func badNextStepKeysAreErrorsAtTheirLine() {
        let cases: [(String, String)] = [
            (
                "[[views]]\nname = \"X\"\noverdue = \"yes\"\n",
                "c.toml:3: view 'X': overdue must be true or false"
            ),
            (
                "[[views]]\nname = \"X\"\n\nno_next_step = 1\n",
                "c.toml:4: view 'X': no_next_step must be true or false"
            ),
            (
                "[[views]]\nname = \"X\"\nsort = \"soonest\"\n",
                "c.toml:3: view 'X': sort must be one of manual, value, age, close_date, name, next_step"
            ),
            (
                "[[views]]\nname = \"X\"\nnext_step = \"late\"\n",
                "c.toml:3: view 'X': next_step: must be overdue, none or both (comma-separated), not 'late'"
            ),
        ]
        for (text, message) in cases {
            let error = #expect(throws: ConfigError.self) { try AppConfig.parse(text, file: "c.toml") }
            #expect(error?.description == message)
        }
    }

    @Test func staleCountsActivityUnlessTheConfigSaysNot() throws {
        #expect(try AppConfig.parse("", file: "c.toml").board.stale.countsActivity)
        let off = try AppConfig.parse("[stale]\ncounts_activity = false\n", file: "c.toml")
        #expect(!off.board.stale.countsActivity)
        let error = #expect(throws: ConfigError.self) {
            try AppConfig.parse("[stale]\ndays = 9\ncounts_activity = \"no\"\n", file: "c.toml")
        }
        #expect(error?.description.hasPrefix("c.toml:3: [stale] counts_activity must be true or false") == true)
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
        let config = try AppConfig.parse(
            """
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

/// Config errors name the file, the line and the fix, for whatever key they are about.
@Suite struct ConfigErrorLocationTests {
    static let header =
        "theme = \"default\"\n\n[[accounts]]\nname = \"local\"\nprovider = \"local\"\n\n[[accounts]]\nname = \"crm\"\n"

    @Test(arguments: [
        ("provider = \"twenty\"\ntokn_env = \"T\"", 10, "did you mean 'token_env'"),
        (
            "provider = \"twenty\"\ntoken_env = 42", 10,
            "token_env must be text in quotes; write token_env = \"VARIABLE_NAME\""
        ),
        ("provider = \"twenty\"\nstages = \"Lead\"", 10, "stages must be a list of strings"),
        ("provider = \"twenty\"\ninsecure_loopback = \"yes\"", 10, "insecure_loopback must be true or false"),
        ("provider = \"twnety\"", 9, "unknown provider 'twnety'; did you mean 'twenty'?"),
        ("provider = \"salesforce\"", 9, "use one of: brightmove, coastline, coperniq, highlevel, local, twenty"),
        ("provider = \"twenty\"\ncurrency = \"dollars\"", 10, "write currency = \"USD\""),
        ("provider = \"twenty\"\ncurrency = \"XYZ\"", 10, "currency 'XYZ' is not an ISO 4217 code"),
        ("", 7, "account 'crm' needs provider ="),
    ])
    func accountErrorsPointAtTheirLine(tail: String, line: Int, expected: String) {
        let error = #expect(throws: ConfigError.self) {
            try AppConfig.parse(Self.header + tail, file: "/home/u/config.toml")
        }
        #expect(error?.line == line, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("/home/u/config.toml:\(line): ") == true, "\(String(describing: error))")
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    @Test func unknownTopLevelKeyAndWrongType() {
        let unknown = #expect(throws: ConfigError.self) { try AppConfig.parse("\n\nthem = \"x\"\n", file: "c.toml") }
        #expect(
            unknown?.description
                == "c.toml:3: unknown key 'them'; did you mean 'theme'? "
                + "(one of: accounts, boards, cards, commands, forecast, keys, mouse, stale, sync_interval, theme, "
                + "views)"
        )
        let wrong = #expect(throws: ConfigError.self) { try AppConfig.parse("theme = 3\n", file: "c.toml") }
        #expect(wrong?.description == "c.toml:1: theme must be a string such as theme = \"default\"")
    }

    @Test func laterChecksUseTheSameLocator() throws {
        let config = try AppConfig.parse(Self.header + "provider = \"twenty\"\n", file: "c.toml")
        let error = config.error(at: "\(config.accounts[1].keyPath).token_env", "needs a token")
        #expect(error.description == "c.toml:7: needs a token")
        #expect(config.error(at: "theme", "unknown theme").description == "c.toml:1: unknown theme")
    }

    @Test func aFileThatIsNotUTF8IsRefusedWithItsLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("config.toml")
        try Data("theme = \"default\"\n# caf".utf8 + [0xE9] + Data(" latin-1\n".utf8)).write(to: file)
        let error = #expect(throws: ConfigError.self) { try AppConfig.load(path: file.path) }
        #expect(error?.description == "\(file.path):2: is not UTF-8 text; save the file as UTF-8")
    }
}

@Suite struct CredentialsTests {
    func write(_ text: String, mode: Int) throws -> (folder: URL, file: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-cred-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("credentials.toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return (folder, file)
    }

    @Test func readsTokensPerAccount() throws {
        let (folder, file) = try write(
            "[crm]\ntoken = \"tw-secret-value\"\n[staffing]\ncompany_key = \"ck-value-1\"\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(at: folder) }
        let credentials = try Credentials.load(path: file.path)
        #expect(credentials.secret(account: "crm", setting: "token_env") == "tw-secret-value")
        #expect(credentials.secret(account: "staffing", setting: "company_key_env") == "ck-value-1")
        #expect(credentials.secret(account: "other", setting: "token_env") == nil)
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o666])
    func aFileOthersCanReadIsRefusedWithTheChmod(mode: Int) throws {
        let (folder, file) = try write("[crm]\ntoken = \"tw-secret-value\"\n", mode: mode)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = #expect(throws: ConfigError.self) { try Credentials.load(path: file.path) }
        #expect(error?.description.hasSuffix("; run: chmod 600 \(file.path)") == true, "\(String(describing: error))")
        #expect(error?.description.contains("tw-secret-value") == false)
    }

    @Test func aBrokenFileIsReportedByLineWithoutItsValues() throws {
        let (folder, file) = try write("[crm]\ntoken = \"tw-secret-value\nother = 1\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = #expect(throws: ConfigError.self) { try Credentials.load(path: file.path) }
        #expect(error?.line == 2)
        #expect(error?.description.contains("tw-secret-value") == false, "\(String(describing: error))")
        let (folder2, file2) = try write("[crm]\ntoken = 12345678\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(at: folder2) }
        let typed = #expect(throws: ConfigError.self) { try Credentials.load(path: file2.path) }
        #expect(typed?.description == "\(file2.path):2: crm.token must be text in quotes")
    }

    @Test func noFileMeansNoCredentials() throws {
        #expect(try Credentials.load(path: "/nonexistent/pipeboard/credentials.toml") == .none)
    }
}

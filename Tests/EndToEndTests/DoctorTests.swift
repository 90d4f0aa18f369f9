import Foundation
import ProviderFakes
import Testing

/// `pipeboard doctor` on the real binary: each check against a real fake, a bad config, a damaged cache.
@Suite(.serialized) struct DoctorTests {
    /// A terminal doctor accepts, set explicitly so the result does not depend on where the tests run.
    static let goodTerminal = [
        "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "", "LC_CTYPE": "", "NO_COLOR": "",
    ]

    @Test func allIsWellExitsZeroAndTellsTheTimeAndTheBudgetLeft() async throws {
        let token = "doctor-\(UUID().uuidString)"
        let fake = try await HighLevelFake.start(token: token, count: 3)
        var harness = try Harness()
        defer { harness.cleanUp() }
        harness.extraEnvironment = Self.goodTerminal
        try harness.useHighLevel(fake, token: token)

        let result = try harness.run(["doctor"])
        #expect(result.status == 0, "\(result.stdout)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("ok       config       \(harness.config.path): 1 account (agency)"), "\(lines)")
        #expect(
            lines.contains("ok       account      agency (highlevel): token from $\(Harness.highLevelTokenVariable)"))
        let provider = try #require(lines.first { $0.hasPrefix("ok       provider     agency (highlevel): ") })
        #expect(provider.contains("reachable and authorised in "), "\(provider)")
        // The HighLevel fake sends its documented X-RateLimit-* headers; doctor's is its first request.
        #expect(
            provider.hasSuffix("; rate limit: 99 of 100 left in this window, 199,999 of 200,000 left today"),
            "\(provider)")
        let cache = "\(harness.home.path)/cache.sqlite"
        #expect(lines.contains("ok       cache        \(cache): not made yet (the first run makes it)"))
        #expect(lines.contains("ok       terminal     TERM=xterm-256color, 256 colours"))
        #expect(lines.contains("ok       terminal     UTF-8 (LANG=C.UTF-8)"))
        #expect(lines.contains("note     terminal     output is not a terminal, so its size was not checked"))
        #expect(lines.last == "All is well.")
        #expect(!result.stdout.contains(token))
        // Doctor reads only: it made no cache and no workspace.
        let made = try FileManager.default.contentsOfDirectory(atPath: harness.home.path)
        #expect(!made.contains { $0.hasSuffix(".sqlite") }, "\(made)")

        #expect(try harness.run(["sync"]).status == 0)
        let synced = try harness.run(["doctor"])
        await fake.stop()
        #expect(synced.status == 0, "\(synced.stdout)")
        #expect(synced.stdout.contains("ok       cache        \(cache): integrity ok\n"), "\(synced.stdout)")
    }

    @Test func aRefusedTokenAnUnreachablePortAndAnOpenCredentialsFileAreEachAProblemWithItsFix() async throws {
        let token = "doctor-\(UUID().uuidString)"
        let good = try await HighLevelFake.start(token: token, count: 2)
        let refusing = try await HighLevelFake.start(token: "another-\(UUID().uuidString)", count: 2)
        let gone = try await TwentyFake.start(token: token, count: 2)
        let goneURL = gone.baseURL
        await gone.stop()
        var harness = try Harness()
        defer { harness.cleanUp() }
        harness.extraEnvironment = Self.goodTerminal.merging(["DOCTOR_TOKEN": token]) { $1 }
        try """
        [[accounts]]
        name = "good"
        provider = "highlevel"
        token_env = "DOCTOR_TOKEN"
        location_id = "\(good.locationID)"
        base_url = "\(good.baseURL)"

        [[accounts]]
        name = "refused"
        provider = "highlevel"
        location_id = "\(refusing.locationID)"
        base_url = "\(refusing.baseURL)"

        [[accounts]]
        name = "gone"
        provider = "twenty"
        token_env = "DOCTOR_TOKEN"
        base_url = "\(goneURL)"
        """.write(to: harness.config, atomically: true, encoding: .utf8)
        // The refused account's token is in the credentials file, which every user can read.
        let credentials = harness.home.appendingPathComponent("credentials.toml")
        try "[refused]\ntoken = \"\(token)\"\n".write(to: credentials, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: credentials.path)

        let open = try harness.run(["doctor"])
        #expect(open.status == 1)
        #expect(
            open.stdout.contains(
                "PROBLEM  credentials  \(credentials.path): holds tokens but every user can read or change it "
                    + "(mode 644); run: chmod 600 \(credentials.path)\n"), "\(open.stdout)")
        // Without the file, the refused account has no token at all: said with where to put one.
        #expect(open.stdout.contains("PROBLEM  account      \(harness.config.path):"), "\(open.stdout)")

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: credentials.path)
        let result = try harness.run(["doctor"])
        await good.stop()
        await refusing.stop()
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("ok       credentials  \(credentials.path): readable by its owner only"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("ok       provider     good (highlevel): reachable and authorised in ") })
        #expect(lines.contains("ok       account      refused (highlevel): credentials from credentials.toml"))
        let refused = try #require(lines.firstIndex { $0.hasPrefix("PROBLEM  provider     refused (highlevel): ") })
        #expect(lines[refused].contains("not authorised"), "\(lines[refused])")
        let fix = String(repeating: " ", count: 22) + "fix: "
        #expect(
            lines[refused + 1]
                == fix + "the provider refused the credentials (credentials from credentials.toml): put in a valid one")
        let unreachable = try #require(lines.firstIndex { $0.hasPrefix("PROBLEM  provider     gone (twenty): ") })
        #expect(lines[unreachable].contains("unreachable: connection refused"), "\(lines[unreachable])")
        #expect(
            lines[unreachable + 1]
                == fix + "check base_url (\(goneURL)), the network, and that the service is up")
        #expect(lines.last == "2 problems; each one's fix is under it.")
        #expect(!result.stdout.contains(token) && !result.stderr.contains(token))
    }

    @Test func aBadConfigADamagedCacheAndAnUnusableTerminalAreReportedTogether() throws {
        var harness = try Harness()
        defer { harness.cleanUp() }
        harness.extraEnvironment = ["TERM": "no-such-terminal", "LANG": "C", "LC_ALL": "", "LC_CTYPE": ""]
        try "[[accounts]]\nname = \"local\"\nprovider = \"local\"\ntokn_env = \"X\"\n"
            .write(to: harness.config, atomically: true, encoding: .utf8)
        try Data("not a database, just text long enough to be read as a header".utf8)
            .write(to: harness.home.appendingPathComponent("cache.sqlite"))

        let result = try harness.run(["doctor"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let config = try #require(lines.first { $0.hasPrefix("PROBLEM  config       ") })
        #expect(config.contains("\(harness.config.path):4: "), "\(config)")
        #expect(config.contains("unknown key 'tokn_env'"), "\(config)")
        let cache = try #require(lines.firstIndex { $0.hasPrefix("PROBLEM  cache        ") })
        let fix = String(repeating: " ", count: 22) + "fix: "
        #expect(
            lines[cache + 1] == fix + "pipeboard cache rebuild (pulls every account again and keeps waiting changes)")
        #expect(lines.contains("PROBLEM  terminal     TERM=no-such-terminal: no terminfo entry on this machine"))
        #expect(
            lines.contains(
                "PROBLEM  terminal     LANG=C: not UTF-8, so the board draws plain ASCII "
                    + "and names outside it are garbled"))
        #expect(lines.last == "4 problems; each one's fix is under it.")
        // Doctor only reads: the damaged cache is left as it was for the rebuild to deal with.
        let cacheBytes = try Data(contentsOf: harness.home.appendingPathComponent("cache.sqlite"))
        #expect(String(decoding: cacheBytes, as: UTF8.self).hasPrefix("not a database"))
    }
}

import Foundation
import ProviderFakes
import Testing

/// The real binary against bad config, secrets on disk, a damaged cache and a second process.
@Suite(.serialized) struct HardeningCommandLineTests {
    @Test(arguments: [
        ("theme = \"neon\"\n", 1, "unknown theme 'neon'; use one of default,"),
        (
            "\n[[accounts]]\nname = \"crm\"\nprovider = \"twenty\"\ntoken_env = \"PIPEBOARD_SURELY_UNSET_VARIABLE\"\n",
            5,
            "the environment variable PIPEBOARD_SURELY_UNSET_VARIABLE (named by token_env) is not set; "
                + "export PIPEBOARD_SURELY_UNSET_VARIABLE=... or put token = \"...\" under [crm] in"
        ),
        (
            "[[accounts]]\nname = \"crm\"\nprovider = \"twenty\"\ntoken_env = \"HOME\"\n"
                + "base_url = \"http://crm.example.com\"\n",
            5, "plain http"
        ),
        (
            "[[accounts]]\nname = \"crm\"\nprovider = \"twenty\"\ntoken_env = \"HOME\"\n"
                + "base_url = \"https://crm.example.com\"\ninsecure_loopback = true\n",
            6,
            "insecure_loopback turns certificate checks off and is only accepted for 127.0.0.1, ::1 or localhost"
        ),
        ("[[accounts]]\nname = \"x\"\nprovider = \"pipedrive\"\n", 3, "unknown provider 'pipedrive'"),
    ])
    func configErrorsNameFileLineAndFixAndStartNothing(config: String, line: Int, expected: String) throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try config.write(to: harness.config, atomically: true, encoding: .utf8)
        let result = try harness.run(["list"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("pipeboard: \(harness.config.path):\(line): "), "\(result.stderr)")
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        // Nothing started half-configured: no cache, no workspace, no log were created.
        let made = (try? FileManager.default.contentsOfDirectory(atPath: harness.home.path)) ?? []
        #expect(made == ["config.toml"], "\(made)")
    }

    @Test func aBadThemeFileNamesTheConfigLineAndTheThemeLine() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let theme = harness.home.appendingPathComponent("mine.toml")
        try "name = \"mine\"\n\n[roles.text]\nfg = { truecolor = \"#12345\", ansi256 = 1, ansi16 = 1 }\n"
            .write(to: theme, atomically: true, encoding: .utf8)
        try "\ntheme = \"\(theme.path)\"\n".write(to: harness.config, atomically: true, encoding: .utf8)
        let result = try harness.run(["list"])
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                "pipeboard: \(harness.config.path):2: theme = \"\(theme.path)\": \(theme.path):4: theme 'mine', "
                    + "roles.text.fg.truecolor: must be a string \"#rrggbb\""
            ), "\(result.stderr)")
    }

    @Test func aCredentialsFileOthersCanReadIsRefusedThenUsedAndTheTokenStaysSecret() async throws {
        let token = "cred-token-\(UUID().uuidString)"
        let fake = try await HighLevelFake.start(token: token, count: 6)
        let harness = try Harness()
        defer { harness.cleanUp() }
        try Harness.highLevelAccount(fake, tokenLine: "").write(to: harness.config, atomically: true, encoding: .utf8)
        let credentials = harness.home.appendingPathComponent("credentials.toml")
        try "[agency]\ntoken = \"\(token)\"\n".write(to: credentials, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: credentials.path)

        let refused = try harness.run(["sync"])
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "pipeboard: \(credentials.path): holds tokens but every user can read or change it (mode 644); "
                + "run: chmod 600 \(credentials.path)\n"
        )

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: credentials.path)
        let synced = try harness.run(["sync"])
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(try harness.list().count == 6)
        // A request the provider refuses, with the token inside the id: the error line carries no token.
        let bad = try harness.run(["delete", "x-\(token)"])
        #expect(bad.status == 1)
        #expect(!bad.stderr.contains(token) && !bad.stdout.contains(token))
        for file in try FileManager.default.contentsOfDirectory(atPath: harness.home.path)
        where file != "credentials.toml" {
            let bytes = try Data(contentsOf: harness.home.appendingPathComponent(file))
            #expect(bytes.range(of: Data(token.utf8)) == nil, "the token is in \(file)")
        }
        await fake.stop()
    }

    @Test func cacheRebuildKeepsWaitingChangesAndPullsAgain() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let location = FakeIDs.highLevel()
        let seed = HighLevelFake.Seed.sample(locationID: location, count: 5)
        let fake = try await HighLevelFake.start(token: token, locationID: location, seed: seed)
        var harness = try Harness()
        defer { harness.cleanUp() }
        try harness.useHighLevel(fake, token: token)
        #expect(try harness.run(["sync"]).status == 0)
        // The provider goes away; a change waits in the outbox.
        await fake.stop()
        let added = try harness.run(["add", "--name", "Queued while offline"])
        #expect(added.status == 0, "\(added.stderr)")
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // Back on a fresh fake (same location), the cache is rebuilt: the queued card survives and is delivered.
        let again = try await HighLevelFake.start(token: token, locationID: location, seed: seed)
        try Harness.highLevelAccount(again).write(to: harness.config, atomically: true, encoding: .utf8)
        let rebuilt = try harness.run(["cache", "rebuild"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("1 queued changes kept"), "\(rebuilt.stdout)")
        #expect(rebuilt.stdout.contains("the old file is \(harness.home.path)/cache.sqlite.old-"), "\(rebuilt.stdout)")
        #expect(try harness.list().contains { $0["id"] as? String == id })
        // The failed first attempt holds the entry back for up to a second (backoff), which sync respects.
        try await Task.sleep(for: .milliseconds(1_200))
        let sync = try harness.run(["sync"])
        #expect(sync.status == 0, "\(sync.stderr)")
        let log = (try? String(contentsOf: harness.home.appendingPathComponent("pipeboard.log"), encoding: .utf8)) ?? ""
        #expect(
            again.opportunities.filter { $0.name == "Queued while offline" }.count == 1,
            "\(sync.stdout)\n\(log.suffix(1500))")
        await again.stop()
    }

    @Test func aDamagedCacheSaysWhatToRunAndRebuildRecovers() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        #expect(try harness.list().count == 25)
        let cache = harness.home.appendingPathComponent("cache.sqlite")
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cache.path + suffix) }
        try Data(repeating: 0x42, count: 16_384).write(to: cache)
        let broken = try harness.run(["list"])
        #expect(broken.status == 1)
        #expect(
            broken.stderr.contains("is not a pipeboard cache or is damaged")
                && broken.stderr.contains("run `pipeboard cache rebuild`"), "\(broken.stderr)")
        let rebuilt = try harness.run(["cache", "rebuild"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stderr.contains("warning: the old file is not readable as a cache"), "\(rebuilt.stderr)")
        // The local workspace is a provider too: its cards come back.
        #expect(try harness.list().count == 25)
    }

    /// The board (in tmux) and a script add and move cards on one HighLevel account at the same time: every
    /// change reaches the provider exactly once and the cache stays whole.
    @Test func theBoardAndAScriptTogetherNeitherCorruptNorDoubleSend() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let fake = try await HighLevelFake.start(token: token, count: 6)
        var harness = try Harness()
        defer { harness.cleanUp() }
        try harness.useHighLevel(fake, token: token)
        #expect(try harness.run(["sync"]).status == 0)
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains("agency") && $0.contains("Deal") }

        // A second process: the script adds cards while the board is in use (each `add` delivers before it exits).
        let runner = harness
        let script = Task.detached { () -> [Int32] in
            var statuses: [Int32] = []
            for n in 1...8 {
                statuses.append((try? runner.run(["add", "--name", "Script deal \(n)"]).status) ?? -1)
            }
            return statuses
        }
        for _ in 0..<6 {
            try tmux.send("a")
            try tmux.waitFor("the quick-add form") { $0.contains("Name") }
            try tmux.type("Board deal \(UUID().uuidString.prefix(4))")
            try tmux.send("Enter")
            try await Task.sleep(for: .milliseconds(150))
            try tmux.send("L")
        }
        let statuses = await script.value
        #expect(statuses == Array(repeating: 0, count: 8))
        try tmux.send("q")
        #expect(tmux.waitForExit())
        let final = try harness.run(["sync"])
        #expect(final.status == 0, "\(final.stderr)")

        let creates = fake.requests.filter {
            $0.method == "POST" && $0.path.trimmingCharacters(in: CharacterSet(charactersIn: "/")) == "opportunities"
        }
        let names = creates.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any])?["name"] as? String
        }
        #expect(names.count == Set(names).count, "a create was sent twice: \(names.sorted())")
        for n in 1...8 { #expect(fake.opportunities.filter { $0.name == "Script deal \(n)" }.count == 1) }
        #expect(fake.opportunities.filter { $0.name.hasPrefix("Board deal") }.count == 6)
        // The cache agrees with the provider: every card is there once, with its remote id.
        let cards = try harness.list()
        #expect(cards.count == fake.opportunities.count)
        #expect(cards.allSatisfy { $0["remote_id"] is String })
        await fake.stop()
    }
}

/// Crash output carries no memory dump: a crash prints where it happened, not the bytes near the registers,
/// where a token could be.
@Suite(
    .serialized,
    .disabled(
        if: ProcessInfo.processInfo.environment["PIPEBOARD_TEST_BINARY"] != nil,
        "a sanitized binary's crash report is the sanitizer's own"))
struct CrashOutputTests {
    @Test func aCrashReportHasNoRegisterOrMemoryDump() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let process = Process()
        process.executableURL = Harness.binary
        process.arguments = ["demo", "--serve", "--cards", "3"]
        var environment = harness.environment
        environment["SWIFT_BACKTRACE"] = nil
        process.environment = environment
        let outFile = harness.home.appendingPathComponent("out.txt"),
            errFile = harness.home.appendingPathComponent("err.txt")
        try Data().write(to: outFile)
        try Data().write(to: errFile)
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        try process.run()
        // Wait until it serves (it prints its instructions), then crash it as a segfault would.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline,
            !((try? String(contentsOf: outFile, encoding: .utf8)) ?? "").contains("Ctrl-C stops the servers")
        {
            Thread.sleep(forTimeInterval: 0.1)
        }
        kill(process.processIdentifier, SIGSEGV)
        let ended = Date().addingTimeInterval(30)
        while process.isRunning && Date() < ended { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let report =
            ((try? String(contentsOf: outFile, encoding: .utf8)) ?? "")
            + ((try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
        // It still dies of the signal, as a crash would, and says so with the frames to look up.
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGSEGV)
        #expect(report.contains("pipeboard crashed: SIGSEGV"), "\(report.prefix(2_000))")
        #expect(report.contains("pipeboard(+0x"), "frames name the image and offset: \(report.prefix(2_000))")
        #expect(!report.contains("Registers:") && !report.contains("rax 0x"), "\(report.prefix(2_000))")
    }
}

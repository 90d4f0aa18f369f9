import Foundation
import PipeboardCore
import Testing

@Suite(.serialized) struct CommandLineTests {
    @Test func aFirstRunListsTheSeededDemoPipeline() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let items = try harness.list()
        #expect(items.count == 25)
        let first = try #require(items.first)
        for key in ["id", "name", "stage", "status", "value", "currency", "remote_id", "days_in_stage"] {
            #expect(first.keys.contains(key), "missing \(key)")
        }
        #expect(Set(items.compactMap { $0["stage"] as? String }) == ["Lead", "Qualified", "Proposal", "Negotiation"])
        // Won and lost are statuses, not stages.
        #expect(Set(items.compactMap { $0["status"] as? String }).isSuperset(of: ["open", "won", "lost"]))
        let pipelines = try harness.run(["pipelines"])
        #expect(pipelines.stdout.contains("Lead → Qualified → Proposal → Negotiation\n"), "\(pipelines.stdout)")
    }

    @Test func addMoveStatusEditDeleteAndUndo() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let added = try harness.run([
            "add", "--name", "Globex expansion", "--value", "12,500.50", "--currency", "eur",
            "--stage", "Qualified", "--contact", "Hank Scorpio", "--set", "tags=vip,q4",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(UUID(uuidString: id) != nil)
        let prefix = String(id.prefix(8))

        #expect(try harness.run(["move", prefix, "--stage", "negotiation"]).status == 0)
        #expect(try harness.run(["status", prefix, "won"]).status == 0)
        #expect(try harness.run(["edit", prefix, "--set", "owner=sam", "--set", "custom.region=EMEA"]).status == 0)

        var card = try #require(try harness.list().first { $0["id"] as? String == id })
        #expect(card["stage"] as? String == "Negotiation")
        #expect(card["status"] as? String == "won")
        #expect(card["value"] as? String == "12500.5")
        #expect(card["currency"] as? String == "EUR")
        #expect(card["contact"] as? String == "Hank Scorpio")
        #expect(card["tags"] as? [String] == ["vip", "q4"])
        #expect((card["custom_fields"] as? [String: String])?["region"] == "EMEA")
        #expect(card["remote_id"] as? String == id) // delivered to the local workspace

        #expect(try harness.run(["delete", prefix]).status == 0)
        #expect(try harness.list().contains { $0["id"] as? String == id } == false)
        #expect(try harness.run(["undo"]).stdout.contains("delete Globex expansion"))
        card = try #require(try harness.list().first { $0["id"] as? String == id })
        #expect(card["owner"] as? String == "sam")
    }

    @Test func badInputGetsOneLineAndChangesNothing() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let before = try harness.list().count
        let cases: [([String], String)] = [
            (["add", "--name", "X", "--value=-5"], "value: must be a non-negative amount"),
            (["add", "--name", "X", "--stage", "Nowhere"], "stage: unknown stage 'Nowhere'"),
            (["move", "ffffffff-not-an-id", "--stage", "Won"], "no opportunity with id"),
            (["status", "abc", "maybe"], "unknown status 'maybe'"),
            (["edit", "abc"], "nothing to change"),
            (["list", "--status", "closed"], "unknown status 'closed'"),
        ]
        for (arguments, message) in cases {
            let result = try harness.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        #expect(try harness.list().count == before)
    }

    @Test func aMistypedCommandIsNamedWithTheNearestAndTheList() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let typo = try harness.run(["lsit"])
        #expect(typo.status == 64)
        #expect(typo.stdout.isEmpty)
        #expect(typo.stderr.hasPrefix("pipeboard: unknown command 'lsit'; did you mean 'list'?"), "\(typo.stderr)")
        for command in ["board", "list", "add", "outbox", "cache", "help"] {
            #expect(typo.stderr.contains(command), "\(command) missing: \(typo.stderr)")
        }
        #expect(typo.stderr.split(separator: "\n").count == 1, "\(typo.stderr)")
        let far = try harness.run(["frobnicate", "--account", "x"])
        #expect(far.status == 64)
        #expect(
            far.stderr.hasPrefix("pipeboard: unknown command 'frobnicate'; the commands are board, list"),
            "\(far.stderr)")
        #expect(!far.stderr.contains("did you mean"))
    }

    @Test func aMistypedSubcommandIsNamedWithTheNearest() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let id = try #require(try harness.list().first?["id"] as? String)
        let notesBefore = try harness.run(["notes", id, "--format", "json"]).stdout
        let cases: [([String], String)] = [
            (
                ["note", "ad", id, "hi"],
                "unknown command 'note ad'; did you mean 'note add'? The note commands are add"
            ),
            (
                ["task", "don", "1234"],
                "unknown command 'task don'; did you mean 'task done'? The task commands are add"
            ),
            (["cache", "zap"], "unknown command 'cache zap'; the cache commands are rebuild"),
        ]
        for (arguments, message) in cases {
            let result = try harness.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.hasPrefix("pipeboard: \(message)"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        // The mistyped note add added nothing.
        #expect(try harness.run(["notes", id, "--format", "json"]).stdout == notesBefore)
        #expect(try harness.run(["task", "add", "--help"]).status == 0)
    }

    @Test func theHelpNamesWhereTheConfigAndTheDataAreLookedFor() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        // ArgumentParser wraps the text: the words are compared, not the lines.
        let words = try harness.run(["--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            words.contains(
                "Config: $PIPEBOARD_CONFIG, else $XDG_CONFIG_HOME/pipeboard/config.toml, else "
                    + "~/.config/pipeboard/config.toml. Data: $PIPEBOARD_HOME, else $XDG_DATA_HOME/pipeboard, else "
                    + "~/.local/share/pipeboard."), "\(words)")
    }

    @Test func aListOnAnEightyColumnTerminalFitsEachCardOnOneLine() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let tmux = Tmux()
        defer { tmux.stop() }
        let binary = Harness.binary.path
        try tmux.start(
            "sh -c '\(binary) list --stage Lead; echo END; sleep 30'", environment: harness.environment, width: 80)
        let screen = try tmux.waitFor("the list") { $0.contains("END") }
        let lines = screen.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("IN STAGE") == true, "\(screen)")
        let cards = lines.filter { $0.wholeMatch(of: /[0-9a-f]{8}  .*/) != nil }
        #expect(cards.count == 10, "\(screen)")
        // Each card whole on its line: the name and the contact cut with an ellipsis, the days in stage at its end.
        for card in cards {
            #expect(card.contains(/[0-9]+d$/) && card.contains("…"), "\(screen)")
        }
        // Into a pipe every name stays whole.
        #expect(try harness.run(["list", "--stage", "Lead"]).stdout.contains("Monarch Solar — CRM rollout"))
    }

    @Test func usageErrorsAreOneLineWithTheUsageStatus() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let before = try harness.list().count
        let cases: [([String], String)] = [
            (["list", "--bogus"], "pipeboard: unknown option '--bogus'; see 'pipeboard list --help'"),
            (["add"], "pipeboard: missing expected argument '--name <name>'; see 'pipeboard add --help'"),
            (["list", "--format", "xml"], "pipeboard: the value 'xml' is invalid for '--format <format>'"),
            (["outbox", "retyr"], "pipeboard: unexpected argument 'retyr'; see 'pipeboard outbox --help'"),
            (["--account"], "pipeboard: missing value for '--account <account>'; see 'pipeboard --help'"),
        ]
        for (arguments, message) in cases {
            let result = try harness.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.hasPrefix(message), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        // A failure of the operation itself keeps its status, 1; help still prints in full and exits 0.
        #expect(try harness.run(["status", "abc", "maybe"]).status == 1)
        let help = try harness.run(["help", "list"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: pipeboard list"), "\(help.stdout)")
        #expect(try harness.list().count == before)
    }

    /// A value that starts with a dash is the option's value, not an unknown flag.
    @Test func aNegativeOrOpenRangeValueReachesItsCheck() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let before = try harness.list()
        let negative = try harness.run(["add", "--name", "X", "--value", "-5"])
        #expect(negative.status == 1)
        #expect(
            negative.stderr == "pipeboard: value: must be a non-negative amount, e.g. 12500 or 1,250.50\n",
            "\(negative.stderr)")
        #expect(try harness.list().count == before.count)
        let upTo = try harness.run(["list", "--value", "-5000", "--format", "json"])
        #expect(upTo.status == 0, "\(upTo.stderr)")
        let cheap = before.filter { ($0["value"] as? String).flatMap(Double.init).map { $0 <= 5000 } ?? false }
        #expect(!cheap.isEmpty)
        #expect(upTo.stdout.components(separatedBy: "\"id\"").count - 1 == cheap.count, "\(upTo.stdout)")
        let young = try harness.run(["list", "--age", "-7"])
        #expect(young.status == 0, "\(young.stderr)")
    }

    /// The version, the commit the binary was built from and the day it was built: a commit this checkout knows,
    /// built no earlier than that commit's day and no later than today.
    @Test func versionNamesTheReleaseTheCommitAndTheBuildDay() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let result = try harness.run(["--version"])
        #expect(result.status == 0, "\(result.stderr)")
        let pattern = /pipeboard (\d+\.\d+\.\d+) \(commit ([0-9a-f]{12})(-modified)?, built (\d{4}-\d{2}-\d{2})\)\n/
        let match = try #require(try pattern.wholeMatch(in: result.stdout), "\(result.stdout)")
        let commit = String(match.output.2), day = String(match.output.4)
        let commitDay = try git(["show", "-s", "--date=format-local:%Y-%m-%d", "--format=%cd", commit])
        #expect(commitDay.status == 0, "\(commit) is no commit of this checkout")
        #expect(commitDay.output <= day, "built \(day) from a commit of \(commitDay.output)")
        #expect(day <= ISODay.string(from: Date()))
    }

    private func git(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", Harness.packageRoot.path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["TZ": "UTC"]) { _, utc in utc }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return (process.terminationStatus, output)
    }

    @Test func aBadConfigIsRefusedWithTheFileAndTheFix() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try "[[accounts]]\nname = \"x\"\nprovider = \"salesforce\"\n".write(
            to: harness.config, atomically: true, encoding: .utf8)
        let result = try harness.run(["list"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(harness.config.path))
        #expect(result.stderr.contains("unknown provider 'salesforce'"))
    }

    @Test func moneyIsCheckedAgainstItsCurrencyAndShownExactly() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let before = try harness.list().count
        let refused: [([String], String)] = [
            (
                ["add", "--name", "X", "--value", "100", "--currency", "XYZ"],
                "currency: XYZ is not an ISO 4217 currency code"
            ),
            (
                ["add", "--name", "X", "--value", "12500.555"],
                "value: USD amounts have at most 2 decimals (12500.555 has 3)"
            ),
            (["add", "--name", "X", "--value", "12500.5", "--currency", "JPY"], "value: JPY amounts have no decimals"),
            (["add", "--name", "X", "--set", "currency=xyz"], "currency: XYZ is not an ISO 4217 currency code"),
        ]
        for (arguments, message) in refused {
            let result = try harness.run(arguments)
            #expect(result.status == 1 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(try harness.list().count == before)

        let added = try harness.run(["add", "--name", "Lost by a cent", "--value", "9,999.99", "--stage", "Lead"])
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(added.status == 0 && UUID(uuidString: id) != nil, "\(added.stderr)")
        let edit = try harness.run(["edit", String(id.prefix(8)), "--set", "currency=BHD", "--set", "value=1.255"])
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(
            try harness.run(["edit", String(id.prefix(8)), "--set", "currency=jpy"]).stderr
                .contains("currency: JPY amounts have no decimals (1.255 has 3); give a value too"))
        #expect(try harness.run(["list"]).stdout.contains("BHD 1.255"))
        let back = try harness.run(["edit", String(id.prefix(8)), "--set", "currency=USD", "--set", "value=9999.99"])
        #expect(back.status == 0)
        #expect(try harness.run(["status", String(id.prefix(8)), "lost"]).status == 0)
        // The week's lost value ends in .99 whatever else the demo lost; Markdown shows it as exactly as JSON does.
        let report = try harness.run(["report", "--format", "json"]).stdout
        let json = try JSONSerialization.jsonObject(with: Data(report.utf8))
        let weeks = try #require((json as? [String: Any])?["weeks"] as? [[String: Any]])
        let lost = try #require((weeks.last?["lost"] as? [String: String])?["USD"])
        #expect(lost.hasSuffix(".99"))
        let markdown = try harness.run(["report"]).stdout
        let shown = try #require(Money(decimal: lost, currency: "USD")).formatted
        #expect(shown.hasSuffix(".99") && markdown.contains("| \(shown) |"), "\(lost) \(markdown)")

        // A currency in the config is checked the same way, with its line.
        try "[[accounts]]\nname = \"mine\"\nprovider = \"local\"\ncurrency = \"XYZ\"\n"
            .write(to: harness.config, atomically: true, encoding: .utf8)
        let config = try harness.run(["list"])
        #expect(config.status == 1, "\(config.stderr)")
        #expect(config.stderr.contains("config.toml:4: account 'mine': currency 'XYZ' is not an ISO 4217 code"))
    }

    @Test func everyTimeInJSONOutputCarriesItsZone() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let time = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/
        let card = try #require(try harness.list().first)
        for key in ["created_at", "updated_at", "stage_changed_at"] {
            let text = try #require(card[key] as? String)
            #expect(text.wholeMatch(of: time) != nil, "\(key): \(text)")
        }
        let report = try harness.run(["report", "--format", "json"]).stdout
        let object = try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any]
        let asOf = try #require(object?["as_of"] as? String)
        #expect(asOf.wholeMatch(of: time) != nil, "\(asOf)")
    }

    @Test func accountsListsTheConfiguredOnes() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try "[[accounts]]\nname = \"mine\"\nprovider = \"local\"\n".write(
            to: harness.config, atomically: true, encoding: .utf8)
        let result = try harness.run(["accounts", "--format", "json"])
        let accounts = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(accounts?.count == 1)
        #expect(accounts?.first?["name"] as? String == "mine")
        #expect(accounts?.first?["provider"] as? String == "local")
    }

    @Test func pipelinesAndAccountsPrintCSVWhenAskedTo() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try "[[accounts]]\nname = \"mine, too\"\nprovider = \"local\"\n".write(
            to: harness.config, atomically: true, encoding: .utf8)
        let pipelines = try harness.run(["pipelines", "--format", "csv"])
        #expect(pipelines.status == 0, "\(pipelines.stderr)")
        #expect(
            pipelines.stdout == """
                pipeline,pipeline_id,stage,stage_id,position,probability
                Sales,sales,Lead,lead,0,0.1
                Sales,sales,Qualified,qualified,1,0.25
                Sales,sales,Proposal,proposal,2,0.5
                Sales,sales,Negotiation,negotiation,3,0.75

                """)
        let accounts = try harness.run(["accounts", "--format", "csv"])
        #expect(accounts.status == 0, "\(accounts.stderr)")
        #expect(accounts.stdout == "name,provider,current\n\"mine, too\",local,true\n")
    }

    @Test func aDayOptionIsNamedInItsErrorAndADayToComeIsRefused() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let since = try harness.run(["report", "--since", "31/02"])
        #expect(since.status == 1)
        #expect(since.stderr == "pipeboard: --since takes a day as YYYY-MM-DD, e.g. 2026-11-01; got '31/02'\n")
        let until = try harness.run(["report", "--until", "2026-02-30"])
        #expect(until.stderr == "pipeboard: --until takes a day as YYYY-MM-DD, e.g. 2026-11-01; got '2026-02-30'\n")
        let backwards = try harness.run(["report", "--since", "2026-12-10", "--until", "2026-12-01"])
        #expect(backwards.status == 1)
        #expect(backwards.stderr == "pipeboard: --since 2026-12-10 is after --until 2026-12-01\n")
        let today = ISODay.string(from: Date())
        let tomorrow = ISODay.string(from: Date().addingTimeInterval(86_400))
        for command in ["list", "report"] {
            let future = try harness.run([command, "--as-of", tomorrow])
            #expect(future.status == 1)
            #expect(
                future.stderr
                    == "pipeboard: --as-of \(tomorrow) is a day to come; give today (\(today)) or a day before\n")
            #expect(try harness.run([command, "--as-of", today]).status == 0)
        }
    }

    @Test func aCRMAccountWithoutItsTokenSaysWhichVariable() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try """
        [[accounts]]
        name = "agency"
        provider = "highlevel"
        token_env = "PIPEBOARD_TEST_UNSET_VARIABLE"
        location_id = "abc"
        """.write(to: harness.config, atomically: true, encoding: .utf8)
        let result = try harness.run(["list"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("PIPEBOARD_TEST_UNSET_VARIABLE"))
        #expect(result.stderr.contains("is not set"))
    }

    @Test func csvQuotesWhatNeedsQuoting() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        #expect(try harness.run(["add", "--name", "Quote \"this\", please"]).status == 0)
        let csv = try harness.run(["list", "--format", "csv"]).stdout
        #expect(csv.hasPrefix("id,name,pipeline,stage,status,value,currency"))
        #expect(csv.contains("\"Quote \"\"this\"\", please\""))
    }

    @Test func demoFillsAWorkspace() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        #expect(try harness.run(["demo", "--cards", "1000", "--seed", "9"]).status == 0)
        #expect(try harness.list().count == 1000)
    }

    @Test func reportPrintsTheSameFiguresInEveryFormat() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let json = try harness.run(["report", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let stages = try #require(object["stages"] as? [[String: Any]])
        #expect(stages.map { $0["count"] as? Int ?? 0 }.reduce(0, +) == 25)
        let weighted = try #require(object["weighted"] as? [String: String])
        #expect(!weighted.isEmpty && weighted.values.allSatisfy { Double($0) != nil })
        let markdown = try harness.run(["report", "--pipeline", "Sales"]).stdout
        #expect(markdown.hasPrefix("# Sales (local)"))
        #expect(markdown.contains("## Forecast by expected close month"))
        let csv = try harness.run(["report", "--format", "csv", "--status", "open"]).stdout
        #expect(csv.hasPrefix("section,name,currency,count,value,open,weighted"))
        let bad = try harness.run(["report", "--status", "closed"])
        #expect(bad.status == 1 && bad.stderr.contains("unknown status 'closed'"))
    }

    @Test func syncAndLargeDemoFillsShowPlainProgressInAPipe() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let sync = try harness.run(["sync"])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.contains("records"), "\(sync.stdout)")
        #expect(!sync.stdout.contains("\r"))
        #expect(sync.stdout.contains("pulled 25 opportunities"))
        let demo = try harness.run(["demo", "--cards", "10000"])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stderr.contains("10000 opportunities generated"), "\(demo.stderr)")
        #expect(demo.stderr.contains("opportunities cached"))
        #expect(!demo.stderr.contains("\r"))
        // The first run's 25 deals are seed 1's first 25: kept as they are, and not counted as added.
        #expect(
            demo.stdout
                == "added 9975 opportunities; 25 of seed 1's deals were there already and were left as they are "
                + "(--seed gives others)\n")
    }
}

@Suite struct ListFilterCommandTests {
    @Test func listFiltersWithTheBoardsFilterAndSavedViews() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try """
        [[views]]
        name = "Big"
        value = "50000-"
        """.write(to: harness.config, atomically: true, encoding: .utf8)
        let all = try harness.list()
        func ids(_ arguments: [String]) throws -> Set<String> {
            let result = try harness.run(["list", "--format", "json"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            let items = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            return Set(items.compactMap { $0["id"] as? String })
        }
        let big = all.filter { Decimal(string: $0["value"] as? String ?? "") ?? 0 >= 50_000 }
        #expect(try ids(["--view", "big"]) == Set(big.compactMap { $0["id"] as? String }))
        #expect(try ids(["--value", "50000-"]) == Set(big.compactMap { $0["id"] as? String }))
        let owner = try #require(all.compactMap { $0["owner"] as? String }.first)
        #expect(
            try ids(["--owner", owner.uppercased()])
                == Set(all.filter { $0["owner"] as? String == owner }.compactMap { $0["id"] as? String }))
        let failures: [([String], String)] = [
            (["list", "--value", "abc"], "--value must be a range"),
            (["list", "--age", "5-2"], "--age must be a range"),
            (["list", "--view", "nope"], "no view 'nope'; views are Big"),
            (["status", "abc", "won", "--reason", "x"], "--reason goes with the status lost"),
        ]
        for (arguments, message) in failures {
            let result = try harness.run(arguments)
            #expect(result.status == 1 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }

    @Test func listTakesAMergedBoardAndNamesEachRowsAccount() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try Harness.mergedBoardConfig.write(to: harness.config, atomically: true, encoding: .utf8)
        var late = 0
        for account in ["local", "branch"] {
            for stage in account == "local" ? ["Proposal", "Negotiation"] : ["Proposal"] {
                let result = try harness.run(["list", "--account", account, "--stage", stage, "--format", "csv"])
                #expect(result.status == 0, "\(result.stderr)")
                late += result.stdout.split(separator: "\n").count - 1
            }
        }
        #expect(late > 0)
        let csv = try harness.run(["list", "--account", "Everything", "--stage", "Late", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first?.hasSuffix(",days_in_stage,account") == true)
        #expect(lines.count - 1 == late)
        #expect(
            Set(lines.dropFirst().map { $0.split(separator: ",").last.map(String.init) ?? "" }) == ["local", "branch"])
        let table = try harness.run(["list", "--account", "Everything"])
        #expect(
            table.status == 0 && table.stdout.hasPrefix("ID") && table.stdout.contains("ACCOUNT"),
            "\(table.stdout.prefix(300))")
        let wrong = try harness.run(["list", "--account", "Everything", "--stage", "Lead"])
        #expect(wrong.status == 1 && wrong.stderr.contains("Open, Late, Won"), "\(wrong.stderr)")
    }
}

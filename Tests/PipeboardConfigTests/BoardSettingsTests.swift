import PipeboardCore
import Testing
@testable import PipeboardConfig

@Suite struct BoardSettingsTests {
    static let accounts = """
        [[accounts]]
        name = "agency"
        provider = "highlevel"
        token_env = "T"
        location_id = "x"

        [[accounts]]
        name = "crm"
        provider = "twenty"
        token_env = "U"

        """

    @Test func defaultsWhenTheConfigSaysNothing() throws {
        let board = try AppConfig.parse("", file: "c.toml").board
        #expect(board.mouse)
        #expect(board.stale == .standard)
        #expect(board.cards.standard == .standard)
        #expect(board.keys.isEmpty)
        #expect(board.boards.isEmpty)
    }

    @Test func readsEveryBoardSetting() throws {
        let config = try AppConfig.parse(
            """
            mouse = false
            [stale]
            days = 14
            stages = { Proposal = 7, Won = 0 }
            [cards]
            lines = [["name", "value"]]
            [cards.pipelines."Renewals"]
            lines = [["name"], ["owner", "close_date"], ["age", "custom.Region"]]
            [keys.board]
            quit = ["q", "ctrl-q"]
            move_card_left = "H"
            \(Self.accounts)
            [[boards]]
            name = "All deals"
            columns = ["Open", "Won"]
            [[boards.sources]]
            account = "agency"
            pipeline = "Sales"
            badge = "HL"
            stages = { "New Lead" = "open", "Closed" = "Won" }
            [[boards.sources]]
            account = "crm"
            """, file: "c.toml")
        let board = config.board
        #expect(!board.mouse)
        #expect(board.stale.defaultDays == 14)
        #expect(board.stale.threshold(for: Stage(id: "p1", name: "Proposal", position: 0)) == 7)
        #expect(board.stale.threshold(for: Stage(id: "w", name: "won", position: 0)) == 0)
        #expect(board.stale.threshold(for: Stage(id: "l", name: "Lead", position: 0)) == 14)
        #expect(board.cards.standard == CardLayout(lines: [[.name, .value]]))
        let renewals = Pipeline(id: "r1", name: "Renewals", stages: [])
        #expect(
            board.cards.layout(for: renewals)
                == CardLayout(lines: [[.name], [.owner, .closeDate], [.age, .custom("Region")]]))
        #expect(board.keys == ["board": ["quit": ["q", "ctrl-q"], "move_card_left": ["H"]]])
        #expect(
            board.boards == [
                MergedBoardSpec(
                    name: "All deals", columns: ["Open", "Won"],
                    sources: [
                        .init(
                            account: "agency", pipeline: "Sales", stages: ["New Lead": "Open", "Closed": "Won"],
                            badge: "HL"),
                        .init(account: "crm", badge: "CR"),
                    ])
            ])
    }

    /// Board settings, views and key bindings are located like account keys: file, line, then the fix.
    @Test(arguments: [
        ("mouse = true\n\n[stale]\ndays = 30\nstages = { Proposal = -2 }\n", 5, "[stale] stages.Proposal must be"),
        (
            "[cards]\nlines = [[\"name\"]]\n[cards.pipelines.Sales]\nlines = [[\"colour\"]]\n", 4,
            "unknown card field 'colour'"
        ),
        ("[keys.board]\nhelp = \"?\"\nquit = 7\n", 3, "keys.board.quit must be a string"),
        ("[[views]]\nname = \"Mine\"\n\n[[views]]\nname = \"Big\"\nvalue = \"lots\"\n", 6, "view 'Big': value"),
        (
            "[[boards]]\nname = \"B\"\ncolumns = [\"A\"]\n[[boards.sources]]\n"
                + "account = \"crm\"\nbadge = \"TOO WIDE\"\n",
            6, "badge must be at most 4 cells"
        ),
    ])
    func settingsErrorsNameTheirLine(text: String, line: Int, expected: String) {
        let config = text.hasPrefix("[[boards]]") ? text + Self.accounts : text + "\n" + Self.accounts
        let error = #expect(throws: ConfigError.self) { try AppConfig.parse(config, file: "c.toml") }
        #expect(error?.description.hasPrefix("c.toml:\(line): ") == true, "\(String(describing: error))")
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        ("mouse = \"no\"", "mouse must be true or false"),
        ("[stale]\ndays = -1", "[stale] days must be a whole number of days, 0 or more"),
        ("[stale]\nweeks = 2", "unknown key 'weeks' in [stale]"),
        ("[stale]\nstages = { Proposal = \"soon\" }", "[stale] stages.Proposal must be a whole number"),
        ("[cards]\nlines = [[\"name\"], [\"value\"], [\"age\"], [\"owner\"]]", "must be a list of 1 to 3 lines"),
        ("[cards]\nlines = []", "must be a list of 1 to 3 lines"),
        ("[cards]\nlines = [[\"name\", \"colour\"]]", "unknown card field 'colour'; use name, value"),
        ("[cards]\nlines = [[]]", "a line needs at least one field"),
        ("[cards.pipelines.Sales]\nfields = 1", "unknown key 'fields' in [cards.pipelines.\"Sales\"]"),
        ("[keys]\nquit = \"q\"", "keys.quit must be a table of action = keys"),
        ("[keys.board]\nquit = 1", "keys.board.quit must be a string or a list of strings"),
        ("[[boards]]\ncolumns = [\"A\"]", "needs name"),
        ("[[boards]]\nname = \"agency\"\ncolumns = [\"A\"]", "the name is already used by an account"),
        ("[[boards]]\nname = \"B\"\n[[boards.sources]]\naccount = \"agency\"", "board 'B' needs columns"),
        ("[[boards]]\nname = \"B\"\ncolumns = [\"A\"]", "needs [[boards.sources]]"),
        (
            "[[boards]]\nname = \"B\"\ncolumns = [\"A\"]\n[[boards.sources]]\naccount = \"nobody\"",
            "no account named 'nobody'"
        ),
        (
            "[[boards]]\nname = \"B\"\ncolumns = [\"A\"]\n[[boards.sources]]\n"
                + "account = \"crm\"\nstages = { NEW = \"Z\" }",
            "stage 'NEW' must map to one of the columns A"
        ),
        (
            "[[boards]]\nname = \"B\"\ncolumns = [\"A\"]\n"
                + "[[boards.sources]]\naccount = \"crm\"\n[[boards.sources]]\naccount = \"crm\"",
            "account 'crm' is listed twice"
        ),
    ])
    func badBoardSettingsSayWhatToWrite(text: String, expected: String) {
        do {
            // Top-level keys come before the first [[accounts]], as TOML needs.
            let config = text.hasPrefix("[[boards]]") ? Self.accounts + text : text + "\n" + Self.accounts
            _ = try AppConfig.parse(config, file: "c.toml")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(String(describing: error).hasPrefix("c.toml"), "\(error)")
            #expect(String(describing: error).contains(expected), "\(error)")
        }
    }
}

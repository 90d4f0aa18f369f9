import Testing
@testable import PipeboardConfig

@Suite struct TOMLKeyLocatorTests {
    static let config = """
        # pipeboard
        theme = "default"

        [[accounts]]
        name = "local"
        provider = "local"

        [[accounts]]
        name = "agency"   # the agency's HighLevel
        provider = "highlevel"
        "token_env" = "HL"
        notes = \"\"\"
        name = "not a key"
        \"\"\"
        colors = { fg = "#fff", "b.g" = { x = 1 } }

        [keys.board]
        quit = ["q", "Ctrl-C"]
        layout.columns = 3
        """

    @Test(arguments: [
        ("theme", 2),
        ("accounts[0]", 4),
        ("accounts[0].provider", 6),
        ("accounts[1]", 8),
        ("accounts[1].name", 9),
        ("accounts[1].token_env", 11),
        ("accounts[1].colors.fg", 15),
        ("accounts[1].colors.b.g", 15),
        ("accounts[1].missing", 8), // a missing key points at its table
        ("keys.board.quit", 18),
        ("keys.board.layout.columns", 19),
        ("keys.board.nothing", 17),
    ])
    func findsTheLineOfAKeyPath(path: String, line: Int) {
        #expect(TOMLKeyLocator(source: Self.config).line(of: path) == line)
    }

    @Test func keysInsideMultilineStringsAreNotKeys() {
        #expect(TOMLKeyLocator(source: Self.config).line(of: "name") == nil)
    }

    @Test func nestedArraysCountPerParent() {
        let text = "[[a]]\n[[a.b]]\nx = 1\n[[a]]\n[[a.b]]\nx = 2\n"
        #expect(TOMLKeyLocator(source: text).line(of: "a[1].b[0].x") == 6)
        #expect(TOMLKeyLocator(source: text).line(of: "a[0].b[0].x") == 3)
    }
}

@Suite struct TOMLPrecheckTests {
    @Test(arguments: [
        ("a = 1\n[[\u{1B}[31m]]\n", 2, "U+001B"),
        ("[[é]]\n", 1, "starts with 'é'"),
        ("x = 1\r\n[=]\r\n", 2, "starts with '='"),
        ("[[ [a]]]\n", 1, "starts with '['"),
        ("a = \"x\u{7F}\"\n", 1, "U+007F"),
        ("a = 1\n[\n", 2, "starts with the line's end"),
        ("[[ \r\n", 1, "starts with the line's end"),
        ("x = 1\na=[\u{2028}\n", 2, "Unicode line break U+2028"),
        ("a=[1,\u{85}]", 1, "Unicode line break U+0085"),
        ("x = 1\ne=[\n}", 3, "close it with ']'"),
        ("\u{FEFF}[=", 1, "starts with '='"),
        ("\u{FEFF}[[ é]]\n", 1, "starts with 'é'"),
        ("s = \"\"\"a\\\nb\"\"\"\n[=]\n", 3, "starts with '='"),
        ("['a]\"\"\"']\n[=", 2, "starts with '='"),
        ("x = 1\na = 1979-05-27 1\n", 2, "a date followed by a space and a single digit"),
        ("a = [0000-00-0_0 0]", 1, "a date followed by a space and a single digit"),
        ("a={b=1979-05-27 1\u{A0}}", 1, "a date followed by a space and a single digit"),
        ("x = [\n  1979-05-27T:00,\n]", 2, "does not start with a two-digit hour"),
        ("a={b=1979-05-27t_07:32:00}", 1, "does not start with a two-digit hour"),
    ])
    func refusesWhatTheParserCannotTake(text: String, line: Int, expected: String) {
        let problem = TOMLPrecheck.problem(in: text)
        #expect(problem?.line == line)
        #expect(problem?.message.contains(expected) == true, "\(String(describing: problem))")
    }

    @Test(arguments: [
        "[a]\n[[b.c]]\n[ \"q\" ]\n['l']\n",
        "x = [\n  [1, 2],\n  [{ a = 1 }],\n]\n",
        "s = \"\"\"\n[=] not a header\n\"\"\"\n# [é] comment\n",
        "crlf = 1\r\n[t]\r\n\tkey = \"tab\"\r\n",
        "[ [x]]\n",
        "\u{FEFF}[a]\nk = 1\n",
        "[\"x]y\".'z]'.w]\nk = [1]\n",
        "d = 1979-05-27 07:32:00\nl = [1979-05-27, 1979-05-28]\ns = \"1979-05-27 1\"\n# 1979-05-27 1\n",
        "1979-05-27T_a = 1979-05-27T07:32:00Z\nt = {1979-05-27T_b = 1}\n",
    ])
    func acceptsValidTOML(text: String) {
        #expect(TOMLPrecheck.problem(in: text) == nil)
    }
}

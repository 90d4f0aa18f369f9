import Testing
@testable import PipeboardCore

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
        ("accounts[1].missing", 8),          // a missing key points at its table
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

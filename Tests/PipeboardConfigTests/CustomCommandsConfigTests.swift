import PipeboardCore
import PipeboardTUI
import Testing

@testable import PipeboardConfig

/// `[[commands]]`: read into the board's key maps, and every mistake refused at its line with the fix.
@Suite struct CustomCommandsConfigTests {
    @Test func commandsAreReadOntoTheBoardsKeys() throws {
        let config = try AppConfig.parse(
            """
            [[commands]]
            key = "D"
            name = "Deploy"
            command = "deploy --deal {{remote_id}} --name={{name}}"

            [[commands]]
            key = "f5"
            name = "Notes in the editor"
            command = "$EDITOR notes/{{id}}.md"
            output = "terminal"
            """, file: "c.toml")
        let maps = try config.keyMaps()
        #expect(maps.commands.map(\.name) == ["Deploy", "Notes in the editor"])
        #expect(maps.command(for: .character("D"))?.output == .overlay)
        #expect(maps.command(for: .function(5))?.output == .terminal)
        #expect(maps.command(for: .function(5))?.template.placeholders == ["id"])
        // A key the config takes off a built-in action is free for a command.
        let rebound = try AppConfig.parse(
            "[keys.board]\nopen_in_crm = \"B\"\n[[commands]]\nkey = \"b\"\nname = \"x\"\ncommand = \"true\"\n",
            file: "c.toml")
        #expect(try rebound.keyMaps().command(for: .character("b"))?.name == "x")
    }

    @Test(arguments: [
        (
            "key = \"b\"\nname = \"x\"\ncommand = \"true\"",
            "c.toml:2: command 'x': the key b is the board's open_in_crm"
        ),
        ("key = \"ctrl-c\"\nname = \"x\"\ncommand = \"true\"", "c.toml:2: command 'x': cannot read the key 'ctrl-c'"),
        ("key = \"D\"\ncommand = \"true\"", "c.toml:1: commands entry 1 needs name = \"...\""),
        ("name = \"x\"\ncommand = \"true\"", "c.toml:1: command 'x' needs key = \"x\", a board key"),
        ("key = \"D\"\nname = \"x\"", "c.toml:1: command 'x' needs command = \"...\""),
        ("key = \"D\"\nname = \"x\"\ncommand = \"true\"\nwhen = 1", "c.toml:5: [[commands]]: unknown key 'when'"),
        (
            "key = \"D\"\nname = \"x\"\ncommand = \"true\"\noutput = \"popup\"",
            "c.toml:5: command 'x': output must be one of overlay, terminal, quiet"
        ),
        (
            "key = \"D\"\nname = \"x\"\ncommand = \"echo {{nmae}}\"",
            "c.toml:4: command 'x': unknown placeholder {{nmae}}; did you mean {{name}}?"
        ),
        (
            "key = \"D\"\nname = \"x\"\ncommand = \"echo '{{name}}'\"",
            "c.toml:4: command 'x': {{name}} is inside quotes; pipeboard quotes each value itself"
        ),
        (
            "key = \"D\"\nname = \"x\"\ncommand = 'echo \"deal {{name}}\"'",
            "c.toml:4: command 'x': {{name}} is inside quotes"
        ),
        (
            "key = \"D\"\nname = \"x\"\ncommand = 'echo \\{{name}}'",
            "c.toml:4: command 'x': {{name}} follows a backslash"
        ),
        (
            "key = \"D\"\nname = \"x\"\ncommand = \"cat <<END\\n{{name}}\\nEND\"",
            "c.toml:4: command 'x': {{name}} is in a here-document"
        ),
    ])
    func aBadCommandIsRefusedAtItsLine(entry: String, expected: String) {
        do {
            _ = try AppConfig.parse("[[commands]]\n\(entry)\n", file: "c.toml")
            Issue.record("expected an error for \(entry)")
        } catch {
            #expect(String(describing: error).hasPrefix(expected), "\(error)")
        }
    }

    @Test func twoCommandsOnOneKeyAndAKeyReboundOntoABuiltInAreRefused() {
        let twice = """
            [[commands]]
            key = "D"
            name = "one"
            command = "true"
            [[commands]]
            key = "D"
            name = "two"
            command = "true"
            """
        #expect(throws: ConfigError.self) { try AppConfig.parse(twice, file: "c.toml") }
        do { _ = try AppConfig.parse(twice, file: "c.toml") } catch {
            #expect(String(describing: error) == "c.toml:6: command 'two': the key D is already command 'one'")
        }
        let rebound = "[keys.board]\nquit = [\"Q\"]\n[[commands]]\nkey = \"Q\"\nname = \"x\"\ncommand = \"true\"\n"
        do {
            _ = try AppConfig.parse(rebound, file: "c.toml")
            Issue.record("Q is quit there")
        } catch {
            #expect(String(describing: error).hasPrefix("c.toml:4: command 'x': the key Q is the board's quit"))
        }
    }

    @Test func quotesAroundOtherWordsAndPlaceholdersAfterThemAreFine() throws {
        for line in [
            "git commit -m 'deal update' -- {{name}}", "echo \"it's\" {{name}}", "printf '%s\\n' {{name}} {{stage}}",
            "open --name={{name}}", "echo \\\\ {{name}}",
        ] {
            #expect(ShellPlaceholders.problem(in: try CardTemplate(line)) == nil, "\(line)")
        }
    }
}

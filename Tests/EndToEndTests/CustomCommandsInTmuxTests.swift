import Foundation
import Testing

/// `[[commands]]` in the real binary, in a real terminal: a command that takes the terminal over while the board
/// steps aside (Ctrl-C ends the command, not the board), and one whose output shows over the board.
@Suite(.serialized) struct CustomCommandsInTmuxTests {
    static let config = #"""
        [[commands]]
        key = "E"
        name = "Ask"
        command = "printf 'about %s\\n' {{stage}}; read answer; printf 'got %s\\n' \"$answer\""
        output = "terminal"

        [[commands]]
        key = "S"
        name = "Wait"
        command = "sleep 30"
        output = "terminal"

        [[commands]]
        key = "D"
        name = "Show"
        command = "printf 'overlay %s\\n' {{stage}} {{account}}"
        """#

    @Test func commandsRunInTheTerminalOrInTheOverlayAndTheBoardComesBack() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try Self.config.write(to: harness.config, atomically: true, encoding: .utf8)
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains("Lead") && $0.contains("Qualified") }

        // The board steps aside: the command asks, reads the answer, and the board waits for Enter to come back.
        try tmux.send("E")
        try tmux.waitFor("the command's question") { $0.contains("about Lead") && !$0.contains("Qualified") }
        try tmux.type("hello")
        try tmux.send("Enter")
        try tmux.waitFor("the answer and the way back") {
            $0.contains("got hello") && $0.contains("[Ask: exit 0] Press Enter to return to pipeboard")
        }
        try tmux.send("Enter")
        try tmux.waitFor("the board again, with the exit status") {
            $0.contains("Qualified") && $0.contains("Ask: exit 0")
        }

        // Ctrl-C belongs to the command while it runs: it ends the command and the board carries on.
        try tmux.send("S")
        try tmux.waitFor("the board to step aside") { !$0.contains("Qualified") }
        try tmux.send("C-c")
        try tmux.waitFor("the interrupted command's status") { $0.contains("[Wait: killed by signal 2]") }
        try tmux.send("Enter")
        try tmux.waitFor("the board after Ctrl-C") {
            $0.contains("Qualified") && $0.contains("Wait: killed by signal 2")
        }

        // Output meant for the overlay shows over the board.
        try tmux.send("D")
        try tmux.waitFor("the overlay") { $0.contains("overlay Lead") && $0.contains("Show: exit 0") }
        try tmux.send("Escape")
        try tmux.waitFor("the overlay to close") { !$0.contains("overlay Lead") }
        try tmux.send("q")
        #expect(tmux.waitForExit(), "the board did not quit on q")
    }

    @Test func aCommandOnABuiltInKeyStopsTheProgramAtItsLine() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try "[[commands]]\nkey = \"r\"\nname = \"x\"\ncommand = \"true\"\n".write(
            to: harness.config, atomically: true, encoding: .utf8)
        let result = try harness.run(["list"])
        #expect(result.status != 0)
        #expect(
            result.stderr.contains(
                "\(harness.config.path):2: command 'x': the key r is the board's refresh; choose another key, or give "
                    + "refresh other keys in [keys.board]"), "\(result.stderr)")
    }
}

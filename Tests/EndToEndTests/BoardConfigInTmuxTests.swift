import Foundation
import Testing

extension Tmux {
    enum MouseAction { case press, drag, release }

    /// Sends a left-button mouse report to the board as an xterm terminal would (X10 encoding: ESC [ M, then
    /// the button, column and row, each plus 32, columns and rows from 1), once the board has asked for the mouse.
    func mouse(_ action: MouseAction, x: Int, y: Int) throws {
        try mouse([(action, x, y)])
    }

    /// Several reports in one write, as they arrive over a slow link.
    func mouse(_ reports: [(MouseAction, Int, Int)]) throws {
        let bytes = reports.flatMap { action, x, y in
            let button =
                switch action {
                case .press: 0;
                case .drag: 32;
                case .release: 3
                }
            return [0x1b, 0x5b, 0x4d, 32 + button, 33 + x, 33 + y]
        }
        try tmux(["send-keys", "-t", "0", "-H"] + bytes.map { String($0, radix: 16) })
    }

    /// Whether the program in the pane asked the terminal for mouse reports with a button held (drags).
    var mouseReporting: Bool {
        (try? tmux(["display-message", "-p", "-t", "0", "#{mouse_button_flag}"]))?.hasPrefix("1") ?? false
    }
}

/// The board's config in the real binary: the mouse, merged boards, key bindings.
@Suite(.serialized) struct BoardConfigInTmuxTests {
    @Test func draggingACardWithTheMouseMovesIt() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let leadIDs = Set(
            try harness.list().filter { $0["stage"] as? String == "Lead" }.compactMap { $0["id"] as? String })

        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains("Lead") && $0.contains("Qualified") }
        try tmux.waitFor("mouse reporting") { _ in tmux.mouseReporting }
        // Cards are 5 rows from row 4 (under the summary line and the 3-row headers) in columns 24 cells wide: a
        // click on Lead's second card focuses it (without colour, as here, its inside turns to reverse video). A
        // person's press and first motion come apart in time; so do these.
        try tmux.mouse(.press, x: 5, y: 10)
        try tmux.waitFor("the click to focus the second card", styled: true) { screen in
            screen.split(separator: "\n").dropFirst(10).first?.range(
                of: "\u{1b}\\[([0-9]+;)*7m", options: .regularExpression) != nil
        }
        try tmux.mouse(.drag, x: 30, y: 11)
        let screen = try tmux.waitFor("the drop hint") { $0.contains("Drop ") && $0.contains(" in Qualified") }
        let hint = try #require(
            screen.range(of: "Drop (.+) in Qualified", options: .regularExpression).map { String(screen[$0]) })
        let name = String(hint.dropFirst("Drop ".count).dropLast(" in Qualified".count))
        try tmux.mouse(.release, x: 30, y: 11)
        try tmux.waitFor("the move to be saved") { _ in
            (try? harness.list().contains {
                leadIDs.contains($0["id"] as? String ?? "") && $0["name"] as? String == name
                    && $0["stage"] as? String == "Qualified"
            }) == true
        }
        #expect(try harness.list().filter { $0["stage"] as? String == "Lead" }.count == leadIDs.count - 1)
        try tmux.send("q")
        #expect(tmux.waitForExit(), "the board did not quit on q")
    }

    @Test func aDragThatArrivesInOneBurstStillMovesTheCard() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        // The board hides closed deals: its first Lead card is the first open one.
        let firstLead = try #require(
            try harness.list().first { $0["stage"] as? String == "Lead" && $0["status"] as? String == "open" })
        let id = try #require(firstLead["id"] as? String)
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains("Lead") && $0.contains("Qualified") }
        try tmux.waitFor("mouse reporting") { _ in tmux.mouseReporting }
        // Press on the focused first card of Lead, drag over Proposal, release there: all in one read.
        try tmux.mouse([(.press, 5, 5), (.drag, 40, 5), (.drag, 75, 6), (.release, 75, 6)])
        try tmux.waitFor("the move to be saved") { _ in
            (try? harness.list().first { $0["id"] as? String == id }?["stage"] as? String) == "Proposal"
        }
        try tmux.send("q")
        #expect(tmux.waitForExit())
    }

    @Test func mouseFalseLeavesTheMouseToTheTerminal() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try "mouse = false\n".write(to: harness.config, atomically: true, encoding: .utf8)
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains("Lead") && $0.contains("q quit") }
        // Give the board time to have switched reporting on, were it going to.
        Thread.sleep(forTimeInterval: 0.5)
        #expect(!tmux.mouseReporting)
        try tmux.send("q")
        #expect(tmux.waitForExit())
    }

    @Test func aMergedBoardShowsBadgesAndMovesToTheCardsOwnStage() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try Harness.mergedBoardConfig.write(to: harness.config, atomically: true, encoding: .utf8)
        // Both workspaces are seeded and cached before the board opens.
        for account in ["local", "branch"] {
            let result = try harness.run(["list", "--account", account])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path + " --account Everything", environment: harness.environment)
        let screen = try tmux.waitFor("the merged board") {
            $0.contains("Open") && $0.contains("Late") && $0.contains("Everything · 2 accounts")
        }
        #expect(screen.contains("[HQ]"))
        // The focused card is the first of Open, from local (listed first): L takes it to local's first Late stage.
        let open = try harness.list().filter { ["Lead", "Qualified"].contains($0["stage"] as? String) }
        #expect(!open.isEmpty)
        try tmux.send("L")
        try tmux.waitFor("the move to be saved") { _ in
            let moved = (try? harness.list())?.filter { ["Lead", "Qualified"].contains($0["stage"] as? String) }.count
            return moved == open.count - 1
        }
        #expect(try harness.list().filter { $0["stage"] as? String == "Proposal" }.count >= 1)
        // A branch card shows its badge when its column scrolls into view: scroll Open to its end.
        try tmux.send("G")
        try tmux.waitFor("a branch card") { $0.contains("[BR]") }
        try tmux.send("q")
        #expect(tmux.waitForExit())
    }

    @Test func aBadKeyBindingStopsTheProgramWithTheFix() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try "[keys.board]\nquit = [\"q\", \"hyper-q\"]\n".write(to: harness.config, atomically: true, encoding: .utf8)
        let result = try harness.run(["list"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("\(harness.config.path):2: keys.board.quit: cannot read the key 'hyper-q'"),
            "\(result.stderr)")

        // A key on two actions is reported at the line that gave it, not at the table's.
        try "[keys.board]\nhelp = \"?\"\nquit = \"d\"\n".write(to: harness.config, atomically: true, encoding: .utf8)
        let twice = try harness.run(["list"])
        #expect(twice.status == 1)
        #expect(
            twice.stderr.contains(
                "\(harness.config.path):3: keys.board.quit: the key d is bound to both delete and quit; "
                    + "give one of them other keys in [keys.board]"),
            "\(twice.stderr)")
    }

    @Test func aReboundKeyWorksOnTheBoardAndInItsHelp() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try "[keys.board]\nquit = [\"y\"]\nhelp = [\"F1\", \"?\"]\n".write(
            to: harness.config, atomically: true, encoding: .utf8)
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the hints from the rebound map") { $0.contains("y quit") && $0.contains("F1 help") }
        try tmux.send("F1")
        try tmux.waitFor("the help") { $0.contains("Keys") }
        // The board's keys fill more than a page: help and quit are on a later one.
        for _ in 0..<3 where !(try tmux.screen()).contains("F1/?") {
            try tmux.send("PgDn")
            Thread.sleep(forTimeInterval: 0.3)
        }
        try tmux.waitFor("the rebound keys in the help") { $0.contains("F1/?") && $0.contains("Quit") }
        try tmux.send("Escape")
        try tmux.waitFor("the help to close") { !$0.contains("F1/?") }
        try tmux.send("q")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(tmux.isRunning, "q no longer quits")
        try tmux.send("y")
        #expect(tmux.waitForExit(), "the board did not quit on y")
    }

    /// The board's colours as the terminal receives them, at each depth a terminal can have, and none under NO_COLOR.
    @Test func coloursFollowTheTerminalAndNoColor() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        _ = try harness.list() // seed the workspace before the boards open
        func sgr(_ extra: [String: String]) throws -> Set<String> {
            let tmux = Tmux()
            defer { tmux.stop() }
            var environment = harness.environment
            environment.merge(extra) { _, new in new }
            // The tmux server passes on the environment it was started in; NO_COLOR must be gone, not just unset here.
            let unset = extra["NO_COLOR"] == nil ? "env -u NO_COLOR " : ""
            let term = extra["TERM"].map { "env TERM=\($0) " } ?? ""
            environment["NO_COLOR"] = extra["NO_COLOR"]
            try tmux.start(unset + term + Harness.binary.path, environment: environment)
            try tmux.waitFor("the board") { $0.contains("Negotiation") && $0.contains("q quit") }
            let screen = try tmux.tmux(["capture-pane", "-e", "-p", "-t", "0"])
            let pattern = try NSRegularExpression(pattern: "\u{1b}\\[([0-9;:]*)m")
            let matches = pattern.matches(in: screen, range: NSRange(screen.startIndex..., in: screen))
            return Set(matches.compactMap { Range($0.range(at: 1), in: screen).map { String(screen[$0]) } })
        }
        let noColor = try sgr(["NO_COLOR": "1"])
        #expect(
            !noColor.contains {
                $0.contains("38;") || $0.contains("48;")
                    || $0.range(of: "^3[0-7]$|^9[0-7]$", options: .regularExpression) != nil
            }, "\(noColor)")
        #expect(noColor.contains { $0.contains("7") }, "focus is reverse video without colour: \(noColor)")
        let palette = try sgr([:])
        #expect(palette.contains { $0.hasPrefix("38;5;") }, "\(palette)")
        let direct = try sgr(["TERM": "xterm-direct"])
        #expect(direct.contains { $0.hasPrefix("38;2;") }, "\(direct)")
        let sixteen = try sgr(["TERM": "xterm-16color"])
        #expect(!sixteen.contains { $0.contains("38;5;") || $0.contains("38;2;") }, "\(sixteen)")
        #expect(
            sixteen.contains { $0.range(of: "^(3[0-7]|9[0-7])$", options: .regularExpression) != nil }, "\(sixteen)")
    }
}

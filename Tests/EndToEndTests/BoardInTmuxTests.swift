import Foundation
import Testing

/// Drives the real board in tmux as a person would: keys in, screen read back, data checked afterwards.
@Suite(.serialized) struct BoardInTmuxTests {
    @Test func moveACardAndQuickAddThenQuit() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let before = try harness.list()
        let firstLead = try #require(
            before.first { $0["stage"] as? String == "Lead" && $0["status"] as? String == "open" })
        let firstLeadID = try #require(firstLead["id"] as? String)

        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains("Lead") && $0.contains("Negotiation") && $0.contains("local") }

        // The first card of the first column has the focus: L moves it to the next stage.
        try tmux.send("L")
        try tmux.waitFor("the move to be saved") { _ in
            (try? harness.list().first { $0["id"] as? String == firstLeadID }?["stage"] as? String) == "Qualified"
        }

        // Quick-add into the focused column (the card's new one): name, Tab, value, Enter.
        try tmux.send("a")
        try tmux.waitFor("the quick-add form") { $0.contains("Name") && $0.contains("Value") }
        try tmux.type("Tmux deal")
        try tmux.send("Tab")
        try tmux.type("4200")
        // q straight after Enter, as a quick typist would: the deal must still be saved.
        try tmux.send("Enter")
        try tmux.send("q")
        #expect(tmux.waitForExit(), "the board did not quit on q")

        let after = try harness.list()
        #expect(after.count == before.count + 1)
        #expect(after.first { $0["id"] as? String == firstLeadID }?["stage"] as? String == "Qualified")
        let added = try #require(after.first { $0["name"] as? String == "Tmux deal" })
        #expect(added["value"] as? String == "4200")
        #expect(added["stage"] as? String == "Qualified")
    }

    /// The summary line, the funnel on F and the forecast on $, drawn from the seeded workspace's cache.
    @Test func funnelAndForecastOpenFromTheBoard() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board and its summary line") {
            $0.contains("Open $") && $0.contains("Weighted $") && $0.contains("avg ")
        }
        try tmux.type("F")
        try tmux.waitFor("the funnel") { $0.contains("Funnel · Sales · deals") && $0.contains("conv") }
        try tmux.type("t")
        try tmux.waitFor("the funnel by value") { $0.contains("Funnel · Sales · value in USD") }
        try tmux.type("$")
        try tmux.waitFor("the forecast") {
            $0.contains("Forecast · Sales · USD") && $0.contains("Weighted") && $0.contains("Won")
        }
        try tmux.type("q")
        try tmux.waitFor("the board again") { !$0.contains("Forecast ·") && $0.contains("Negotiation") }
        try tmux.send("q")
        #expect(tmux.waitForExit(), "the board did not quit on q")
    }

    /// A terminal that goes away without a SIGHUP reaching the board (nohup, a trap) ends it, instead of
    /// leaving it to wake on the dead terminal for ever.
    @Test func theBoardEndsWhenItsTerminalGoesAway() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start("sh -c \"trap '' HUP; exec \(Harness.binary.path)\"", environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains("Lead") && $0.contains("q quit") }
        let board = try #require(
            pid_t(
                try tmux.tmux(["display-message", "-p", "-t", "0", "#{pane_pid}"]).trimmingCharacters(
                    in: .whitespacesAndNewlines)))
        let server = try #require(
            pid_t(
                try tmux.tmux(["display-message", "-p", "-t", "0", "#{pid}"]).trimmingCharacters(
                    in: .whitespacesAndNewlines)))
        kill(server, SIGKILL)
        let deadline = Date().addingTimeInterval(10)
        while kill(board, 0) == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let stillThere = kill(board, 0) == 0
        if stillThere { kill(board, SIGKILL) }
        #expect(!stillThere, "the board was still running 10 s after its terminal went away")
    }

    @Test func badInputInTheFormIsShownAndNothingIsSaved() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let before = try harness.list().count
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains("Lead") }
        try tmux.send("a")
        try tmux.waitFor("the quick-add form") { $0.contains("Name") }
        try tmux.send("Tab")
        try tmux.type("-12")
        try tmux.send("Enter")
        try tmux.waitFor("the validation messages") { $0.contains("a name is required") && $0.contains("non-negative") }
        try tmux.send("Escape")
        // Esc followed within the escape delay by another key reads as Alt+key; wait as a person would.
        try tmux.waitFor("the form to close") { !$0.contains("New opportunity") }
        try tmux.send("q")
        #expect(tmux.waitForExit(), "the board did not quit on q")
        #expect(try harness.list().count == before)
    }
}

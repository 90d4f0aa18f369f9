import Foundation
import Testing

/// The deal's history on the real board: two moves, their timeline in the details, then the board as it was
/// yesterday, read only, with the deal back where it was.
@Suite(.serialized) struct HistoryInTmuxTests {
    @Test func twoMovesShowInTheTimelineAndTheBoardAsOfYesterdayHasTheDealWhereItWas() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains("Lead") && $0.contains("Negotiation") }
        let leads = try harness.list().filter { $0["stage"] as? String == "Lead" && $0["status"] as? String == "open" }
        let first = try #require(leads.first)
        let id = try #require(first["id"] as? String)

        try tmux.send("L")
        try tmux.waitFor("the first move") { _ in (try? harness.card(id))?["stage"] as? String == "Qualified" }
        try tmux.send("L")
        try tmux.waitFor("the second move") { _ in (try? harness.card(id))?["stage"] as? String == "Proposal" }

        try tmux.send("Enter")
        try tmux.send("h")
        try tmux.waitFor("the timeline with both moves") {
            $0.contains("Timeline") && $0.contains("Lead → Qualified") && $0.contains("Qualified → Proposal")
        }
        // h closes the timeline, q the details, q again quits (keys apart, so no Escape reads as Alt).
        try tmux.send("h")
        try tmux.waitFor("the details again") { !$0.contains("Timeline") }
        try tmux.send("q")
        Thread.sleep(forTimeInterval: 0.5)
        try tmux.send("q")
        #expect(tmux.waitForExit(), "the board did not quit on q")

        // The same two changes on the command line, newest, after the first run's past, each timed, from this device.
        let history = try harness.run(["history", id, "--format", "json"])
        #expect(history.status == 0, "\(history.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.suffix(2).map { $0["to"] as? String } == ["Qualified", "Proposal"])
        #expect(
            changes.allSatisfy { $0["origin"] as? String == "local" && ($0["at"] as? String)?.hasSuffix("Z") == true })

        // Yesterday the deal was still in Lead.
        let yesterday = ISO8601DateFormatter.string(
            from: Date().addingTimeInterval(-86_400), timeZone: TimeZone(identifier: "UTC")!,
            formatOptions: [.withFullDate])
        let past = try harness.run(["list", "--as-of", yesterday, "--format", "json"])
        #expect(past.status == 0, "\(past.stderr)")
        let cards = try #require(try JSONSerialization.jsonObject(with: Data(past.stdout.utf8)) as? [[String: Any]])
        #expect(cards.first { $0["id"] as? String == id }?["stage"] as? String == "Lead")

        let board = Tmux()
        defer { board.stop() }
        try board.start(Harness.binary.path + " --as-of " + yesterday, environment: harness.environment)
        try board.waitFor("the banner of the past") { $0.contains("THE PAST") && $0.contains(yesterday) }
        try board.send("L")
        try board.waitFor("why moving is off") { $0.contains("Moving") && $0.contains("read only") }
        #expect((try harness.card(id))["stage"] as? String == "Proposal", "the past board changed the present")
        try board.send("q")
        #expect(board.waitForExit(), "the board as it was did not quit on q")
    }
}

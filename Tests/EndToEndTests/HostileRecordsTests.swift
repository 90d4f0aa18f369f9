import Foundation
import ProviderFakes
import Testing

/// A HighLevel fake serving records full of terminal sequences, controls, bidi overrides, combining towers and
/// a 10,000-character name, to the real binary in tmux: the board draws them as plain text and the terminal
/// itself is untouched (no title change, no cleared or shifted screen).
@Suite(.serialized) struct HostileRecordsTests {
    static let hostileNames = [
        "Acme \u{1B}[2J\u{1B}[H\u{1B}[31mRED\u{1B}[0m deal",
        "Click \u{1B}]0;pwned-title\u{07}\u{1B}]52;c;cHduZWQ=\u{07}here",
        "Bell\u{07}\u{08}\u{08}back\u{0D}ret \u{9B}31m C1",
        "Invoice \u{202E}fdp.exe\u{202C} \u{2066}iso\u{2069}",
        "Ze\u{200B}ro\u{200D}width Z" + String(repeating: "\u{0301}\u{0316}", count: 40) + "algo",
        String(repeating: "Long雨", count: 2_000),
        "Broken \u{FFFD}\u{FFFD} bytes",
    ]

    @Test func hostileRecordsAreDrawnAsPlainTextInTmux() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let location = FakeIDs.highLevel()
        var seed = HighLevelFake.Seed.sample(locationID: location, count: Self.hostileNames.count)
        let first = try #require(seed.pipelines[0].stages.min { $0.position < $1.position })
        seed.pipelines[0].stages = seed.pipelines[0].stages.map { stage in
            var stage = stage
            if stage.id == first.id { stage.name = "New \u{1B}[5mLead\u{1B}[0m" }
            return stage
        }
        for index in seed.opportunities.indices {
            seed.opportunities[index].name = Self.hostileNames[index]
            seed.opportunities[index].pipelineStageId = first.id
            seed.contacts[index].name = "\u{1B}]0;contact-title\u{07}Contact \u{202E}\(index)"
        }
        let fake = try await HighLevelFake.start(token: token, locationID: location, seed: seed)
        var harness = try Harness()
        defer { harness.cleanUp() }
        try harness.useHighLevel(fake, token: token)

        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        let screen = try tmux.waitFor("the board with the hostile records") {
            $0.contains("New Lead") && $0.contains("Acme RED deal")
        }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        // The frame holds: summary and column headers at the top, every card row as wide as the window, the
        // status bar at the bottom.
        #expect(
            lines.first?.contains("Open $") == true && lines.dropFirst().first?.contains("New Lead") == true,
            "\(screen)")
        #expect(lines.contains { $0.contains("agency") }, "\(screen)")
        #expect(screen.contains("Invoice fdp.exe"))
        #expect(!screen.contains("[31m") && !screen.contains("]0;") && !screen.contains("pwned"), "\(screen)")
        // The terminal's own state: tmux takes OSC 0 as the pane title, and no record managed to set it.
        let title = try tmux.tmux(["display-message", "-p", "-t", "0", "#{pane_title}"])
        #expect(!title.contains("pwned") && !title.contains("contact-title"), "pane title: \(title)")

        // Every card's details open inside the window, whatever its text.
        for _ in Self.hostileNames {
            try tmux.send("Enter")
            let detail = try tmux.waitFor("a card's details") { $0.contains("Stage ") && $0.contains("Contact") }
            #expect(!detail.contains("]0;") && !detail.contains("pwned"), "\(detail)")
            #expect(detail.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 120 })
            try tmux.send("q")
            try tmux.waitFor("the board again") { !$0.contains("Stage ") }
            try tmux.send("Down")
        }
        let last = try tmux.screen()
        #expect(last.contains("Long雨Long雨"), "\(last)")
        try tmux.send("q")
        #expect(tmux.waitForExit())
        await fake.stop()
    }
}

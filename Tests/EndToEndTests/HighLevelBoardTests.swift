import Foundation
import ProviderFakes
import Testing

/// The board on a HighLevel account, against the HighLevel fake on loopback: a key press reaches the provider.
@Suite(.serialized) struct HighLevelBoardTests {
    @Test func aMoveWithKeysReachesHighLevel() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let fake = try await HighLevelFake.start(token: token, count: 12)
        var harness = try Harness()
        defer { harness.cleanUp() }
        try harness.useHighLevel(fake, token: token)

        let sync = try harness.run(["sync"])
        #expect(sync.status == 0, "\(sync.stderr)")
        let pipeline = try #require(fake.pipelines.first)
        let stages = pipeline.stages.sorted { $0.position < $1.position }
        let cards = try harness.list().filter { $0["pipeline_id"] as? String == pipeline.id }
        let first = try #require(cards.first { $0["stage_id"] as? String == stages[0].id })
        let remoteID = try #require(first["remote_id"] as? String)

        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the HighLevel board") { $0.contains(stages[0].name) && $0.contains("agency") }
        try tmux.send("L")
        let deadline = Date().addingTimeInterval(15)
        while fake.opportunity(id: remoteID)?.pipelineStageId != stages[1].id && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(fake.opportunity(id: remoteID)?.pipelineStageId == stages[1].id)
        try tmux.send("q")
        await fake.stop()
    }

    /// X on a HighLevel card lists the location's lost reasons; the one chosen reaches the fake as `lostReasonId`.
    @Test func aLostReasonChosenOnTheBoardArrivesAsLostReasonId() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let fake = try await HighLevelFake.start(token: token, count: 4)
        var harness = try Harness()
        defer { harness.cleanUp() }
        try harness.useHighLevel(fake, token: token, topLevel: "sync_interval = 0\n")
        #expect(try harness.run(["sync"]).status == 0)
        let stages = try #require(fake.pipelines.first).stages.sorted { $0.position < $1.position }
        let expected = try #require(fake.lostReasons.first { $0.name == "Went with a competitor" })

        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the HighLevel board") { $0.contains(stages[0].name) && $0.contains("agency") }
        try tmux.send("X")
        let picker = try tmux.waitFor("the lost reasons") { $0.contains("Mark lost: why?") && $0.contains("Timing") }
        for reason in fake.lostReasons { #expect(picker.contains(reason.name)) }
        try tmux.type("comp")
        try tmux.waitFor("the filtered list") { !$0.contains("Timing") && $0.contains("› Went with a competitor") }
        try tmux.send("Enter")
        let deadline = Date().addingTimeInterval(15)
        while !fake.opportunities.contains(where: { $0.status == "lost" }) && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let lost = fake.opportunities.filter { $0.status == "lost" }
        #expect(lost.count == 1)
        #expect(lost.first?.lostReasonId == expected.id)
        try tmux.send("q")
        await fake.stop()
    }

    /// `status ID lost --reason NAME` picks the reason by name; a name that is none of them lists them.
    @Test func theCommandLinePicksALostReasonByName() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let fake = try await HighLevelFake.start(token: token, count: 2)
        var harness = try Harness()
        defer { harness.cleanUp() }
        try harness.useHighLevel(fake, token: token)
        #expect(try harness.run(["sync"]).status == 0)
        let card = try #require(try harness.list().first)
        let id = try #require(card["id"] as? String), remoteID = try #require(card["remote_id"] as? String)

        let wrong = try harness.run(["status", id, "lost", "--reason", "Astrology"])
        #expect(wrong.status == 1)
        let listed = "lost reasons are Price too high, Went with a competitor, No budget, Timing"
        #expect(
            wrong.stderr.contains("no lost reason 'Astrology'; \(listed)"),
            "\(wrong.stderr)")
        #expect(fake.opportunity(id: remoteID)?.status == "open")

        let right = try harness.run(["status", id, "lost", "--reason", "no budget"])
        #expect(right.status == 0, "\(right.stderr)")
        let expected = try #require(fake.lostReasons.first { $0.name == "No budget" })
        #expect(fake.opportunity(id: remoteID)?.lostReasonId == expected.id)
        #expect(fake.opportunity(id: remoteID)?.status == "lost")
        await fake.stop()
    }

    /// The token is refused while the board runs: the move waits, the status bar says so, `o` lists the paused
    /// change, and once the token works again `r` sends it.
    @Test func aRefusedTokenPausesTheQueueVisiblyAndRResumesIt() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let fake = try await HighLevelFake.start(token: token, count: 6)
        var harness = try Harness()
        defer { harness.cleanUp() }
        try harness.useHighLevel(fake, token: token, topLevel: "sync_interval = 0\n")
        #expect(try harness.run(["sync"]).status == 0)
        let pipeline = try #require(fake.pipelines.first)
        let stages = pipeline.stages.sorted { $0.position < $1.position }
        let first = try #require(try harness.list().first { $0["stage_id"] as? String == stages[0].id })
        let remoteID = try #require(first["remote_id"] as? String)

        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains(stages[0].name) && $0.contains("agency") }
        fake.faults.tokenRevoked = true
        try tmux.send("L")
        try tmux.waitFor("the paused account in the status bar") { $0.contains("paused: check credentials (o)") }
        try tmux.send("o")
        // The overlay says "Loading…" until the list arrives, while the status bar already says "paused".
        let list = try tmux.waitFor("the outbox list") {
            $0.contains("Outbox") && $0.contains("move to \(stages[1].name)")
        }
        #expect(list.contains("paused"))
        #expect(fake.opportunity(id: remoteID)?.pipelineStageId == stages[0].id)

        fake.faults.tokenRevoked = false
        try tmux.send("Escape")
        try await Task.sleep(for: .milliseconds(100))
        try tmux.send("r")
        let deadline = Date().addingTimeInterval(15)
        while fake.opportunity(id: remoteID)?.pipelineStageId != stages[1].id && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(fake.opportunity(id: remoteID)?.pipelineStageId == stages[1].id)
        try tmux.waitFor("the pause lifted") { !$0.contains("paused: check credentials") }
        try tmux.send("q")
        await fake.stop()
    }
}

import Foundation
import ProviderFakes
import Testing

/// `pipeboard outbox` and its subcommands on the real binary, against the HighLevel fake.
@Suite(.serialized) struct OutboxCommandTests {
    @Test func pausedConflictingAndRefusedChangesAreListedAndSettled() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let fake = try await HighLevelFake.start(token: token, count: 6)
        var harness = try Harness()
        defer { harness.cleanUp() }
        try harness.useHighLevel(fake, token: token)
        #expect(try harness.run(["sync"]).status == 0)
        let stages = try #require(fake.pipelines.first).stages.sorted { $0.position < $1.position }
        let cards = try harness.list()
        let card = try #require(cards.first { $0["stage_id"] as? String != stages[2].id })
        let id = try #require(card["id"] as? String), remoteID = try #require(card["remote_id"] as? String)

        // Nothing waiting.
        #expect(try harness.run(["outbox"]).stdout.contains("nothing waiting"))

        // The token stops working: the change is saved and waits; the account is paused with how to fix it.
        fake.faults.tokenRevoked = true
        let moved = try harness.run(["move", String(id.prefix(8)), "--stage", stages[2].name])
        #expect(moved.status == 0)
        #expect(moved.stderr.contains("1 change(s) waiting"))
        let paused = try harness.run(["outbox"])
        #expect(paused.stdout.contains("paused: account 'agency' needs attention"))
        #expect(paused.stdout.contains("$PIPEBOARD_TEST_HIGHLEVEL_TOKEN"))
        #expect(paused.stdout.contains("move to \(stages[2].name)"))
        let json = try harness.run(["outbox", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(
            changes.count == 1 && changes[0]["state"] as? String == "paused"
                && changes[0]["opportunity_id"] as? String == id)
        let entryID = try #require(changes[0]["id"] as? Int)

        // Meanwhile someone moves the same deal in HighLevel: once the token works, that is a conflict.
        let theirs = try #require(stages.first { $0.id != stages[2].id && $0.id != card["stage_id"] as? String })
        fake.edit(id: remoteID) { $0.pipelineStageId = theirs.id }
        fake.faults.tokenRevoked = false
        let retried = try harness.run(["outbox", "retry", "--all"])
        #expect(retried.status == 0 && retried.stdout.contains("conflicts 1"), "\(retried.stdout) \(retried.stderr)")
        let shown = try harness.run(["outbox", "show", String(entryID)])
        #expect(shown.stdout.contains("FIELD") && shown.stdout.contains("MINE") && shown.stdout.contains("THEIRS"))
        #expect(shown.stdout.contains(stages[2].name) && shown.stdout.contains(theirs.name))
        #expect(fake.opportunity(id: remoteID)?.pipelineStageId == theirs.id)

        // Keep mine: sent over theirs.
        let resolved = try harness.run(["outbox", "resolve", String(entryID), "mine"])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        #expect(fake.opportunity(id: remoteID)?.pipelineStageId == stages[2].id)
        #expect(try harness.run(["outbox"]).stdout.contains("nothing waiting"))

        // Bad input: one clear line, exit 1.
        let missing = try harness.run(["outbox", "discard", "999999"])
        #expect(missing.status == 1 && missing.stderr.contains("no waiting change with id 999999"))
        let neither = try harness.run(["outbox", "retry"])
        #expect(neither.status != 0 && neither.stderr.contains("--all"))

        // Discard a change that waits: the card shows the provider's stage again and nothing is sent.
        fake.faults.tokenRevoked = true
        #expect(try harness.run(["move", String(id.prefix(8)), "--stage", stages[0].name]).status == 0)
        let waiting = try #require(
            try JSONSerialization.jsonObject(with: Data(try harness.run(["outbox", "--format", "json"]).stdout.utf8))
                as? [String: Any])
        let discardID = try #require(((waiting["changes"] as? [[String: Any]])?.first?["id"]) as? Int)
        let discarded = try harness.run(["outbox", "discard", String(discardID)])
        #expect(discarded.status == 0 && discarded.stdout.contains("provider's values"))
        fake.faults.tokenRevoked = false
        #expect(try harness.list().first { $0["id"] as? String == id }?["stage_id"] as? String == stages[2].id)
        #expect(try harness.run(["sync"]).status == 0)
        #expect(fake.opportunity(id: remoteID)?.pipelineStageId == stages[2].id)
        await fake.stop()
    }

    @Test func aChangeWaitingForItsRetrySaysWhenWithTheZone() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let fake = try await HighLevelFake.start(token: token, count: 2)
        var harness = try Harness()
        defer { harness.cleanUp() }
        try harness.useHighLevel(fake, token: token)
        #expect(try harness.run(["sync"]).status == 0)
        let stages = try #require(fake.pipelines.first).stages.sorted { $0.position < $1.position }
        let card = try #require(try harness.list().first { $0["stage_id"] as? String != stages[1].id })
        fake.faults.failNext(1_000, status: 503)
        let id = try #require(card["id"] as? String)
        #expect(try harness.run(["move", String(id.prefix(8)), "--stage", stages[1].name]).status == 0)
        let json = try harness.run(["outbox", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let change = try #require((object["changes"] as? [[String: Any]])?.first)
        #expect(change["state"] as? String == "pending")
        let nextTry = try #require(change["next_try"] as? String, "\(change)")
        #expect(nextTry.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/) != nil, "\(nextTry)")
        await fake.stop()
    }
}

import Foundation
import ProviderFakes
import Testing
import TestSupport

/// The real binary on a Twenty account against its fake on loopback.
@Suite(.serialized) struct TwentyCommandLineTests {
    /// Every request the binary sent, and every answer of the fake, as Twenty's spec documents them.
    private func expectConformingToSpec(_ fake: TwentyFake) throws {
        for violation in try SpecLibrary.twenty().violations(of: fake.requests) {
            Issue.record("the binary departs from Twenty's spec: \(violation)")
        }
    }

    private func useTwenty(_ fake: TwentyFake, token: String, in harness: inout Harness) throws {
        harness.extraEnvironment["PIPEBOARD_TEST_TWENTY_TOKEN"] = token
        try """
        [[accounts]]
        name = "crm"
        provider = "twenty"
        token_env = "PIPEBOARD_TEST_TWENTY_TOKEN"
        base_url = "\(fake.baseURL)"
        """.write(to: harness.config, atomically: true, encoding: .utf8)
    }

    @Test func deleteThenUndoBringsTheSameRecordBackAtTwenty() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let fake = try await TwentyFake.start(token: token, count: 5)
        fake.keepsAnswers = true
        var harness = try Harness()
        defer { harness.cleanUp() }
        try useTwenty(fake, token: token, in: &harness)
        #expect(try harness.run(["sync"]).status == 0)
        let card = try #require(try harness.list().first)
        let id = try #require(card["id"] as? String), remoteID = try #require(card["remote_id"] as? String)

        let deleted = try harness.run(["delete", id])
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(fake.opportunity(id: remoteID)?.deletedAt != nil, "soft-deleted at Twenty, not deleted for good")
        #expect(fake.requests.contains { $0.method == "DELETE" && $0.query["soft_delete"] == "true" })

        let undone = try harness.run(["undo"])
        #expect(undone.status == 0, "\(undone.stderr)")
        #expect(fake.opportunity(id: remoteID)?.deletedAt == nil)
        #expect(fake.opportunities.count == 5, "the same record, not a new one")
        #expect(!fake.requests.contains { $0.method == "POST" })
        let back = try #require(try harness.list().first { $0["id"] as? String == id })
        #expect(back["remote_id"] as? String == remoteID)
        try expectConformingToSpec(fake)
        await fake.stop()
    }

    @Test func onAServerTooOldToRestoreTheOutboxSaysSo() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let fake = try await TwentyFake.start(token: token, count: 3)
        fake.oldServer = .cutsLargePages
        var harness = try Harness()
        defer { harness.cleanUp() }
        try useTwenty(fake, token: token, in: &harness)
        #expect(try harness.run(["sync"]).status == 0)
        let card = try #require(try harness.list().first)
        let id = try #require(card["id"] as? String), remoteID = try #require(card["remote_id"] as? String)
        #expect(try harness.run(["delete", id]).status == 0)
        let undone = try harness.run(["undo"])
        let outbox = try harness.run(["outbox"])
        #expect(
            outbox.stdout.contains("restore") && outbox.stdout.contains("too old to restore"),
            "\(undone.stdout)\(undone.stderr)\(outbox.stdout)")
        #expect(fake.opportunity(id: remoteID)?.deletedAt != nil)
        try expectConformingToSpec(fake)
        await fake.stop()
    }
}

import Foundation
import ProviderFakes
import Testing

/// The command line with the provider out of reach, and `sync` as a pipe reads it.
@Suite(.serialized) struct OfflineCommandLineTests {
    /// Connection refused: `move` commits locally and says the change waits, within a second (it took about 40 s:
    /// four attempts of about 10 s each). Asserted loosely for a loaded machine; the time is printed.
    @Test func anOfflineMoveReturnsAtOnceAndSaysTheChangeWaits() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let fake = try await HighLevelFake.start(token: token, count: 4)
        var harness = try Harness()
        defer { harness.cleanUp() }
        try harness.useHighLevel(fake, token: token)
        #expect(try harness.run(["sync"]).status == 0)
        let pipeline = try #require(fake.pipelines.first)
        let stages = pipeline.stages.sorted { $0.position < $1.position }
        let card = try #require(try harness.list().first { $0["stage_id"] as? String == stages[0].id })
        let id = try #require(card["id"] as? String)
        await fake.stop()

        let started = Date()
        let moved = try harness.run(["move", id, "--stage", stages[1].name])
        let elapsed = Date().timeIntervalSince(started)
        print("offline move returned in \(String(format: "%.3f", elapsed)) s")
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("moved"))
        #expect(moved.stderr.contains("saved locally; 1 change(s) waiting"))
        #expect(elapsed < 5)
        let outbox = try harness.run(["outbox", "--format", "json"])
        #expect(outbox.stdout.contains("provider unreachable: connection refused"), "\(outbox.stdout)")
    }

    /// Through a pipe, `sync` prints progress lines only once records have come: no "0 pages, 0 records" first.
    @Test func syncOnAPipePrintsNoEmptyProgressLine() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let fake = try await HighLevelFake.start(token: token, count: 3)
        var harness = try Harness()
        defer { harness.cleanUp() }
        try harness.useHighLevel(fake, token: token)
        let sync = try harness.run(["sync"])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(!sync.stdout.contains("0 pages"), "\(sync.stdout)")
        #expect(!sync.stdout.contains(", 0 records"), "\(sync.stdout)")
        #expect(sync.stdout.contains("pulled 3 opportunities"), "\(sync.stdout)")
        await fake.stop()
    }
}

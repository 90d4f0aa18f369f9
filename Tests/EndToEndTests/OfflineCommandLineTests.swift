import Foundation
import ProviderFakes
import Testing

/// The command line with the provider out of reach, and `sync` as a pipe reads it.
@Suite(.serialized) struct OfflineCommandLineTests {
    /// Connection refused: `move` commits locally and says the change waits, within a second (it took about 40 s:
    /// four attempts of about 10 s each). Asserted loosely for a loaded machine; the time is printed.
    @Test func anOfflineMoveReturnsAtOnceAndSaysTheChangeWaits() async throws {
        let (fake, harness, stages, id) = try await syncedHighLevel()
        defer { harness.cleanUp() }
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
        // A lost reason is one of the provider's: without its list nothing is marked, and it says why.
        let lost = try harness.run(["status", id, "lost", "--reason", "Timing"])
        #expect(lost.status == 1)
        let why = "could not read the provider's lost reasons (provider unreachable: connection refused)"
        #expect(lost.stderr.contains(why), "\(lost.stderr)")
        #expect(try harness.list().first { $0["id"] as? String == id }?["status"] as? String == "open")
    }

    /// A provider that takes connections and never answers them (a listener whose queue is full drops the
    /// connection attempt, as a host that packets do not reach does): `move` waits at most a second for the
    /// connection, then says the change waits (it waited 10 s).
    @Test func aMoveToAProviderThatNeverAnswersReturnsWithinAboutASecond() async throws {
        let (fake, harness, stages, id) = try await syncedHighLevel()
        defer { harness.cleanUp() }

        let silent = try SilentListener()
        defer { silent.close() }
        let config = try String(contentsOf: harness.config, encoding: .utf8)
            .replacingOccurrences(of: fake.baseURL, with: "http://127.0.0.1:\(silent.port)")
        try config.write(to: harness.config, atomically: true, encoding: .utf8)
        let started = Date()
        let moved = try harness.run(["move", id, "--stage", stages[1].name])
        let elapsed = Date().timeIntervalSince(started)
        print("move to a provider that never answers returned in \(String(format: "%.3f", elapsed)) s")
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stderr.contains("saved locally; 1 change(s) waiting"), "\(moved.stderr)")
        #expect(elapsed < 5)
        await fake.stop()
    }

    /// A workspace synced from a HighLevel fake of four deals, the pipeline's stages in order, and the id of a card
    /// in the first stage.
    private func syncedHighLevel() async throws -> (HighLevelFake, Harness, [HighLevelFake.Stage], String) {
        let token = "test-token-\(UUID().uuidString)"
        let fake = try await HighLevelFake.start(token: token, count: 4)
        var harness = try Harness()
        try harness.useHighLevel(fake, token: token)
        #expect(try harness.run(["sync"]).status == 0)
        let stages = try #require(fake.pipelines.first).stages.sorted { $0.position < $1.position }
        let card = try #require(try harness.list().first { $0["stage_id"] as? String == stages[0].id })
        return (fake, harness, stages, try #require(card["id"] as? String))
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

/// A listening socket on 127.0.0.1 whose accept queue is kept full, so that a further connection attempt is
/// neither accepted nor refused: the client waits for its connect timeout.
final class SilentListener {
    let port: Int
    private var descriptors: [Int32] = []

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        descriptors.append(listener)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard bound, listen(listener, 0) == 0 else { throw HarnessError("no listening socket") }
        port = Int(UInt16(bigEndian: address.sin_port))
        // One connection fills the queue of a backlog of 0; it is never accepted.
        let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        descriptors.append(filler)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, length) == 0 }
        }
        guard connected else { throw HarnessError("could not fill the listening socket's queue") }
    }

    func close() {
        for descriptor in descriptors { _ = Glibc.close(descriptor) }
        descriptors = []
    }
}

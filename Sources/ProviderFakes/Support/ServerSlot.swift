/// The server a fake runs on, once started: its address and its stopping, shared by every fake.
final class ServerSlot: Sendable {
    private let server: Locked<FakeServer?> = Locked(nil)

    func hold(_ started: FakeServer) { server.withLock { $0 = started } }

    var baseURL: String { "http://127.0.0.1:\(server.withLock { $0?.port ?? 0 })" }

    /// Stops the server; a second call does nothing.
    func stop() async {
        let running = server.withLock { server -> FakeServer? in
            defer { server = nil }
            return server
        }
        await running?.stop()
    }

    /// Runs `body` with a started fake and stops it afterwards, whatever happens.
    static func running<Fake, T>(_ fake: Fake, stop: (Fake) async -> Void, _ body: (Fake) async throws -> T)
        async throws -> T
    {
        do {
            let result = try await body(fake)
            await stop(fake)
            return result
        } catch {
            await stop(fake)
            throw error
        }
    }
}

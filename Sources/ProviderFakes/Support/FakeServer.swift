import Foundation
import Hummingbird

/// The request context of a fake: keeps the connection so that a fault can drop it.
struct FakeContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Closes the connection without an answer, as a network failure would.
    let dropConnection: @Sendable () -> Void

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let channel = source.channel
        dropConnection = { channel.close(promise: nil) }
    }
}

/// Thrown after a connection was dropped on purpose, so that nothing is answered.
struct ConnectionDropped: Error {}

package struct FakeServerError: Error, CustomStringConvertible {
    package let description: String
}

/// An HTTP server on 127.0.0.1 at a port the OS picks. It stops when asked, or by itself after `lifetime`,
/// so a test that forgets it cannot leave it running.
final class FakeServer: Sendable {
    let port: Int
    private let task: Task<Void, Never>

    private init(port: Int, task: Task<Void, Never>) {
        self.port = port
        self.task = task
    }

    static func start(
        lifetime: Duration,
        respond: @escaping @Sendable (Request, FakeContext) async throws -> Response
    ) async throws -> FakeServer {
        let (ports, continuation) = AsyncStream<Int?>.makeStream()
        let app = Application(
            responder: CallbackResponder(callback: respond),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port)
                continuation.finish()
            })
        let task = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await app.run() }
                group.addTask { try? await Task.sleep(for: lifetime) }
                await group.next()
                group.cancelAll()
            }
            continuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let found = await iterator.next(), let port = found else {
            task.cancel()
            await task.value
            throw FakeServerError(description: "the fake server could not start on 127.0.0.1")
        }
        return FakeServer(port: port, task: task)
    }

    func stop() async {
        task.cancel()
        await task.value
    }
}

import Foundation
import Logging
import PipeboardCore
import PipeboardProviders
import Testing

/// A provider that cannot be reached costs a person no waiting: the request fails at once, without retries.
@Suite struct UnreachableTransportTests {
    /// A port on this machine that nothing listens on.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// With the production client and retry policy: one refused connection, no retries, well under a second
    /// (it took four attempts of about 10 s each).
    @Test func aRefusedConnectionFailsAtOnceAsUnreachable() async throws {
        let http = HTTPTransport.makeClient()
        defer { Task { try? await http.shutdown() } }
        let closed = "http://127.0.0.1:\(try Self.closedPort())"
        let transport = HTTPTransport(
            http: http, baseURL: closed, headers: [], secrets: [],
            pacer: Pacer(limit: 1_000, per: .seconds(1)), retry: RetryPolicy(),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let started = ContinuousClock.now
        do {
            _ = try await transport.send(.GET, "/opportunities/pipelines")
            Issue.record("a closed port answered")
        } catch let error as ProviderError {
            guard case .unreachable(let message) = error else {
                Issue.record("expected unreachable, got \(error)")
                return
            }
            #expect(message == "connection refused")
            #expect(error.isRetryable)
        }
        let elapsed = ContinuousClock.now - started
        print("refused connection failed in \(elapsed)")
        #expect(elapsed < .seconds(1))
    }
}

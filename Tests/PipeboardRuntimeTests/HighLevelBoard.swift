import AsyncHTTPClient
import Foundation
import Logging
import PipeboardProviders
import PipeboardRuntime
import ProviderFakes

/// Runs `body` with a board on a HighLevel account whose client talks real HTTP to a HighLevel fake on loopback
/// (eight deals), then ends the board and stops the fake and the HTTP client, whether `body` throws or not.
func withHighLevelBoard(
    retry: RetryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)),
    configure: (inout BoardOptions) -> Void = { _ in },
    _ body: (HighLevelFake, RunningBoard) async throws -> Void
) async throws {
    let token = "test-token-\(UUID().uuidString)"
    let fake = try await HighLevelFake.start(token: token, locationID: "loc-runtime", count: 8)
    let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
    func stop() async throws {
        await fake.stop()
        try await http.shutdown()
    }
    do {
        let client = HighLevelClient(
            baseURL: fake.baseURL, token: token, locationID: fake.locationID, currency: "USD", http: http,
            pacer: Pacer(limit: 100_000, per: .seconds(1)), retry: retry,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let board = try await RunningBoard(account: "agency", kind: .highlevel, provider: client, configure: configure)
        defer { board.cleanUp() }
        try await body(fake, board)
    } catch {
        try? await stop()
        throw error
    }
    try await stop()
}

import Foundation
import Logging
import PipeboardCore
import PipeboardProviders
import ProviderFakes
import TestSupport
import Testing

/// Collects log lines so a test can read them.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}

struct CapturingHandler: LogHandler {
    let sink: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        sink.append(event.message.description)
    }
}

@Suite struct RedactionTests {
    @Test(arguments: Subject.http)
    func theTokenNeverAppearsInErrorsOrLogs(_ subject: Subject) async throws {
        let sink = LogLines()
        let logger = Logger(label: "test") { _ in CapturingHandler(sink: sink) }
        // The id that carries the token is not one the provider would give: left out of the spec check.
        let tokenID = { (request: RecordedRequest) in request.uri.contains("x-\(Harness.token)") }
        try await withHarness(subject, logger: logger, unchecked: tokenID) { harness in
            harness.faults?.failNext(1)
            _ = try await harness.provider.fetchPipelines()
            // An id that carries the token ends up in the URL, the provider's 404 message and the log.
            let error = await #expect(throws: ProviderError.self) {
                try await harness.provider.delete(remoteID: "x-\(Harness.token)")
            }
            let text = String(describing: error)
            #expect(!text.contains(Harness.token))
            #expect(!sink.all.isEmpty)
            #expect(sink.all.allSatisfy { !$0.contains(Harness.token) })
        }
    }
}

/// A refused token is not echoed back in errors or logs.
@Suite struct SecretsStayOutTests {
    @Test(arguments: Subject.http)
    func aRefusedTokenIsNotEchoed(_ subject: Subject) async throws {
        let wrong = "wrong-token-\(UUID().uuidString)"
        let sink = LogLines()
        let logger = Logger(label: "test") { _ in CapturingHandler(sink: sink) }
        try await withHarness(subject, token: wrong, logger: logger) { harness in
            let error = await #expect(throws: ProviderError.self) { try await harness.provider.fetchPipelines() }
            #expect(!String(describing: error).contains(wrong))
            #expect(!String(reflecting: error).contains(wrong))
            #expect(sink.all.allSatisfy { !$0.contains(wrong) })
        }
    }
}

import AsyncHTTPClient
import Foundation
import Logging
import PipeboardCore
import PipeboardProviders
import ProviderFakes

/// The providers the contract suite runs against.
enum Subject: String, CaseIterable, Sendable, CustomStringConvertible {
    case local, highLevel, twenty
    var description: String { rawValue }
    static let http: [Subject] = [.highLevel, .twenty]
}

/// One provider ready for a test: the client through the protocol, its fake (if any), and how to tear it down.
struct Harness {
    static let token = "test-token-not-a-real-secret"
    /// Short backoff so retries take milliseconds; the request timeout leaves room for a loaded machine.
    static let fastRetry = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50),
                                       longestWait: .seconds(5), requestTimeout: .seconds(3))

    let subject: Subject
    let provider: any OpportunityProvider
    let highLevel: HighLevelFake?
    let twenty: TwentyFake?
    private let http: HTTPClient?
    private let folder: URL?

    static func start(_ subject: Subject, count: Int = 12, token: String = Harness.token,
                      rateLimit: RateLimit = RateLimit(limit: 1_000, interval: .milliseconds(200)),
                      logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })) async throws -> Harness {
        let pacer = Pacer(limit: 100_000, per: .seconds(1))
        switch subject {
        case .local:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-contract-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let local = try LocalWorkspaceProvider(path: folder.appendingPathComponent("workspace.sqlite").path, pageSize: 100)
            let pipeline = Pipeline(id: "sales", name: "Sales", stages: [
                Stage(id: "lead", name: "Lead", position: 0), Stage(id: "proposal", name: "Proposal", position: 1),
                Stage(id: "won", name: "Won", position: 2),
            ])
            try local.savePipeline(pipeline, position: 0)
            let now = Date()
            try local.insertMany((0..<count).map {
                Opportunity(account: "local", pipelineID: "sales", stageID: "lead", name: "Deal \($0 + 1)", createdAt: now)
            })
            return Harness(subject: subject, provider: local, highLevel: nil, twenty: nil, http: nil, folder: folder)
        case .highLevel:
            let fake = try await HighLevelFake.start(token: Harness.token, count: count, rateLimit: rateLimit)
            let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
            let client = HighLevelClient(baseURL: fake.baseURL, token: token, locationID: fake.locationID, currency: "USD",
                                         http: http, pacer: pacer, retry: fastRetry, logger: logger)
            return Harness(subject: subject, provider: client, highLevel: fake, twenty: nil, http: http, folder: nil)
        case .twenty:
            let fake = try await TwentyFake.start(token: Harness.token, count: count, rateLimit: rateLimit)
            let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
            let client = TwentyClient(baseURL: fake.baseURL, token: token, defaultCurrency: "USD", http: http, pacer: pacer,
                                      retry: fastRetry, logger: logger)
            return Harness(subject: subject, provider: client, highLevel: nil, twenty: fake, http: http, folder: nil)
        }
    }

    func stop() async {
        try? await http?.shutdown()
        await highLevel?.stop()
        await twenty?.stop()
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    var faults: FaultSwitches? { highLevel?.faults ?? twenty?.faults }

    /// Requests the fake has seen so far.
    var requestCount: Int { highLevel?.requests.count ?? twenty?.requests.count ?? 0 }

    /// Every record of the first pipeline, following `next` to the end; also the number of pages.
    func pullAll() async throws -> (records: [RemoteOpportunity], pages: Int) {
        let pipeline = try await provider.fetchPipelines()[0]
        var records: [RemoteOpportunity] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try await provider.pull(pipelineID: pipeline.id, after: cursor)
            records += page.opportunities
            pages += 1
            cursor = page.next
        } while cursor != nil && pages < 100
        return (records, pages)
    }
}

/// Runs `body` with a started harness and always tears it down.
func withHarness(_ subject: Subject, count: Int = 12, token: String = Harness.token,
                 logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                 _ body: (Harness) async throws -> Void) async throws {
    let harness = try await Harness.start(subject, count: count, token: token, logger: logger)
    do {
        try await body(harness)
        await harness.stop()
    } catch {
        await harness.stop()
        throw error
    }
}

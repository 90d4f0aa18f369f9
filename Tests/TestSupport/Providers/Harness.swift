import AsyncHTTPClient
import Foundation
import Logging
import PipeboardCore
import PipeboardProviders
import ProviderFakes

/// The providers the contract suite runs against.
package enum Subject: String, CaseIterable, Sendable, CustomStringConvertible {
    case local, highLevel, twenty, brightMove, coperniq, coastline
    package var description: String { rawValue }
    /// The providers behind HTTP: each fake can also act as another user of the CRM and revoke a token mid-sync.
    package static let http: [Subject] = [.highLevel, .twenty, .brightMove, .coperniq, .coastline]

    /// A new opportunity with the fields this provider requires beyond the common ones.
    package func completed(_ draft: Opportunity) -> Opportunity {
        var draft = draft
        switch self {
        case .brightMove:
            draft.customFields[BrightMoveClient.clientField] = "Acme Corp"
            draft.customFields[BrightMoveClient.typeField] = "Direct Hire"
        case .coperniq:
            draft.customFields[CoperniqClient.addressField] = "1 Sun Way, Austin, TX 78701"
            draft.customFields[CoperniqClient.tradesField] = "Solar, Roofing"
        default:
            break
        }
        return draft
    }

}

/// One provider ready for a test: the client through the protocol, its fake (if any), and how to tear it down.
package struct Harness {
    package static let token = "test-token-not-a-real-secret"
    /// Short backoff so retries take milliseconds; the request timeout leaves room for a loaded machine.
    package static let fastRetry = RetryPolicy(
        maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50),
        longestWait: .seconds(5), requestTimeout: .seconds(3))

    package let subject: Subject
    package let provider: any OpportunityProvider
    package let highLevel: HighLevelFake?
    package let twenty: TwentyFake?
    package var brightMove: BrightMoveFake?
    package var coperniq: CoperniqFake?
    package var coastline: CoastlineFake?
    private let http: HTTPClient?
    private let folder: URL?

    /// The stages a BrightMove account of the tests configures: the fake's first two (the others are learned).
    package static let brightMoveStages = ["Prospecting", "Qualified"]

    package init(
        subject: Subject, provider: any OpportunityProvider, highLevel: HighLevelFake?, twenty: TwentyFake?,
        http: HTTPClient?, folder: URL?
    ) {
        self.subject = subject
        self.provider = provider
        self.highLevel = highLevel
        self.twenty = twenty
        self.http = http
        self.folder = folder
    }

    package static func start(
        _ subject: Subject, count: Int = 12, token: String = Harness.token,
        rateLimit: RateLimit = RateLimit(limit: 1_000, interval: .milliseconds(200)),
        logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> Harness {
        let pacer = Pacer(limit: 100_000, per: .seconds(1))
        switch subject {
        case .local:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "pipeboard-contract-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let local = try LocalWorkspaceProvider(
                path: folder.appendingPathComponent("workspace.sqlite").path, pageSize: 100)
            let pipeline = Pipeline(
                id: "sales", name: "Sales",
                stages: [
                    Stage(id: "lead", name: "Lead", position: 0), Stage(id: "proposal", name: "Proposal", position: 1),
                    Stage(id: "won", name: "Won", position: 2),
                ])
            try local.savePipeline(pipeline, position: 0)
            let now = Date()
            try local.insertMany(
                (0..<count).map {
                    Opportunity(
                        account: "local", pipelineID: "sales", stageID: "lead", name: "Deal \($0 + 1)", createdAt: now)
                })
            return Harness(subject: subject, provider: local, highLevel: nil, twenty: nil, http: nil, folder: folder)
        case .highLevel:
            let fake = try await HighLevelFake.start(token: Harness.token, count: count, rateLimit: rateLimit)
            let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
            let client = HighLevelClient(
                baseURL: fake.baseURL, token: token, locationID: fake.locationID, currency: "USD",
                http: http, pacer: pacer, retry: fastRetry, logger: logger)
            return Harness(subject: subject, provider: client, highLevel: fake, twenty: nil, http: http, folder: nil)
        case .twenty:
            let fake = try await TwentyFake.start(token: Harness.token, count: count, rateLimit: rateLimit)
            let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
            let client = TwentyClient(
                baseURL: fake.baseURL, token: token, defaultCurrency: "USD", http: http, pacer: pacer,
                retry: fastRetry, logger: logger)
            return Harness(subject: subject, provider: client, highLevel: nil, twenty: fake, http: http, folder: nil)
        case .brightMove:
            let fake = try await BrightMoveFake.start(
                companyKey: Harness.token, userKey: "user-" + Harness.token, count: count, rateLimit: rateLimit)
            let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
            let client = BrightMoveClient(
                baseURL: fake.baseURL, companyKey: token, userKey: "user-" + token, stages: brightMoveStages,
                types: fake.setup.types, leadSources: fake.setup.leadSources, http: http, pacer: pacer,
                retry: fastRetry, logger: logger)
            var harness = Harness(
                subject: subject, provider: client, highLevel: nil, twenty: nil, http: http, folder: nil)
            harness.brightMove = fake
            return harness
        case .coperniq:
            let fake = try await CoperniqFake.start(apiKey: Harness.token, count: count, rateLimit: rateLimit)
            let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
            let client = CoperniqClient(
                baseURL: fake.baseURL, apiKey: token, currency: "USD", http: http, pacer: pacer,
                retry: fastRetry, logger: logger)
            var harness = Harness(
                subject: subject, provider: client, highLevel: nil, twenty: nil, http: http, folder: nil)
            harness.coperniq = fake
            return harness
        case .coastline:
            let fake = try await CoastlineFake.start(token: Harness.token, count: count, rateLimit: rateLimit)
            let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
            let stages = CoastlineFake.Seed.sampleStages.prefix(2).map { (id: $0.id, name: $0.name) }
            let client = CoastlineClient(
                baseURL: fake.baseURL, token: token, stages: stages, http: http, pacer: pacer,
                retry: fastRetry, logger: logger)
            var harness = Harness(
                subject: subject, provider: client, highLevel: nil, twenty: nil, http: http, folder: nil)
            harness.coastline = fake
            return harness
        }
    }

    package func stop() async {
        try? await http?.shutdown()
        await highLevel?.stop()
        await twenty?.stop()
        await brightMove?.stop()
        await coperniq?.stop()
        await coastline?.stop()
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    package var faults: FaultSwitches? {
        highLevel?.faults ?? twenty?.faults ?? brightMove?.faults ?? coperniq?.faults ?? coastline?.faults
    }

    /// Requests the fake has seen so far.
    package var requests: [RecordedRequest] {
        highLevel?.requests ?? twenty?.requests ?? brightMove?.requests ?? coperniq?.requests ?? coastline?.requests
            ?? []
    }

    package var requestCount: Int { requests.count }

    /// Every record of the first pipeline, following `next` to the end; also the number of pages.
    package func pullAll() async throws -> (records: [RemoteOpportunity], pages: Int) {
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

/// Runs `body` with a started harness and always tears it down. Afterwards every request the client sent, and
/// every answer the fake gave, is held against the provider's spec (HighLevel and Twenty), but those `unchecked`
/// excuses.
package func withHarness(
    _ subject: Subject, count: Int = 12, token: String = Harness.token,
    logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
    unchecked: (RecordedRequest) -> Bool = { _ in false },
    _ body: (Harness) async throws -> Void
) async throws {
    let harness = try await Harness.start(subject, count: count, token: token, logger: logger)
    harness.highLevel?.keepsAnswers = true
    harness.twenty?.keepsAnswers = true
    do {
        try await body(harness)
        harness.expectRequestsConformToSpec(except: unchecked)
        await harness.stop()
    } catch {
        await harness.stop()
        throw error
    }
}

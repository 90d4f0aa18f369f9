import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes
import Synchronization
import TestSupport
import Testing

/// The transport's attempts per request in these tests (Harness.fastRetry).
enum RetryPolicyLimits { static let attempts = 4 }

/// A clock the tests move by hand, so backoff is checked without waiting.
final class TestClock: Sendable {
    private let now: Mutex<Date>
    init(at start: Date = Date()) { now = Mutex(start) }
    var date: Date { now.withLock { $0 } }
    func advance(by seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A live record at a fake as the board maps it: its name and its stage's id.
struct RemoteRecord: Hashable {
    var name: String
    var stageID: String
}

/// A service with one CRM account ("crm", on a fake) and one local account ("desk"), already pulled.
struct SyncBench {
    let harness: Harness
    let store: CacheStore
    let service: BoardService
    let clock: TestClock

    func firstCardAndStage(_ stageIndex: Int) async throws -> (Opportunity, Stage) {
        let pipeline = try await service.pipelines(account: "crm")[0]
        try #require(pipeline.stages.count > stageIndex)
        let card = try #require(
            try store.opportunities(account: "crm", pipelineID: pipeline.id, stageID: nil, statuses: [])
                .first { $0.stageID != pipeline.stages[stageIndex].id })
        return (card, pipeline.stages[stageIndex])
    }

    /// The fields a new deal of "crm" needs: `name` and `value`, and what this provider requires besides.
    func newDeal(_ name: String, value: Int = 1_200) -> [String: String] {
        var input = ["name": name, "value": String(value)]
        switch harness.subject {
        case .brightMove:
            input[BrightMoveClient.clientField] = "Acme Corp"
            input[BrightMoveClient.typeField] = "Direct Hire"
        case .coperniq:
            input[CoperniqClient.addressField] = "1 Sun Way, Austin, TX 78701"
            input[CoperniqClient.tradesField] = "Solar"
        default:
            break
        }
        return input
    }

    /// True when the provider takes `operation`. When it does not, this checks that the service refuses what
    /// `attempt` asks with the provider's words, before anything is queued or sent, and returns false: the test
    /// ends there, having said why.
    func takes(_ operation: ProviderOperation, refusing attempt: () async throws -> Void) async throws -> Bool {
        guard !harness.provider.capabilities.contains(operation.capability) else { return true }
        let queued = try store.outbox(account: "crm", states: []).count
        let sent = harness.requestCount
        let refusal = ServiceError.notOffered(
            .unsupported(provider: harness.provider.displayName, operation: operation))
        await #expect(throws: refusal) { try await attempt() }
        #expect(try store.outbox(account: "crm", states: []).count == queued)
        #expect(harness.requestCount == sent)
        return false
    }

    /// `takes(.move, ...)`, asked by moving `card` to `stage`.
    func takesMoves(_ card: Opportunity, to stage: String) async throws -> Bool {
        try await takes(.move) { _ = try await service.move(id: card.id, toStage: stage) }
    }

    // MARK: The fake's side

    /// Every live record at the fake, by id.
    func remoteRecords() -> [String: RemoteRecord] {
        var found: [String: RemoteRecord] = [:]
        for record in harness.highLevel?.opportunities ?? [] {
            found[record.id] = RemoteRecord(name: record.name, stageID: record.pipelineStageId)
        }
        for record in harness.twenty?.opportunities ?? [] where record.deletedAt == nil {
            found[record.id] = RemoteRecord(name: record.name ?? "", stageID: record.stage)
        }
        for record in harness.brightMove?.opportunities ?? [] {
            found[record.guid] = RemoteRecord(name: record.name, stageID: record.stageName)
        }
        for record in harness.coperniq?.opportunities ?? [] {
            found[String(record.id)] = RemoteRecord(name: record.title, stageID: record.phaseId.map(String.init) ?? "")
        }
        for record in harness.coastline?.opportunities ?? [] {
            found[record.id] = RemoteRecord(name: record.contactName ?? "", stageID: record.stageId)
        }
        return found
    }

    func remoteStage(_ card: Opportunity) -> String? { card.remoteID.flatMap { remoteRecords()[$0]?.stageID } }

    func remoteName(_ card: Opportunity) -> String? { card.remoteID.flatMap { remoteRecords()[$0]?.name } }

    /// Names of every live record at the fake.
    func remoteNames() -> [String] { remoteRecords().values.map(\.name) }

    /// Another user of the CRM changes the record in the provider's own app.
    func editRemote(_ card: Opportunity, name: String? = nil, stageID: String? = nil) {
        guard let id = card.remoteID else { return }
        harness.highLevel?.edit(id: id) { record in
            if let name { record.name = name }
            if let stageID { record.pipelineStageId = stageID }
        }
        harness.twenty?.edit(id: id) { record in
            if let name { record.name = name }
            if let stageID { record.stage = stageID }
        }
        harness.brightMove?.edit(id: id) { record in
            if let name { record.name = name }
            if let stageID { record.stageName = stageID }
        }
        if let fake = harness.coperniq {
            let phase = stageID.flatMap { id in fake.workflows.flatMap(\.phases).first { String($0.id) == id } }
            fake.edit(id: id) { record in
                if let name { record.title = name }
                if let phase {
                    record.phaseId = phase.id
                    record.phase = CoperniqFake.PhaseSummary(phase)
                }
            }
        }
        harness.coastline?.edit(id: id) { record in
            if let name { record.contactName = name }
            if let stageID { record.stageId = stageID }
        }
    }

    /// Another user of the CRM deletes the record in the provider's own app.
    func removeRemote(_ card: Opportunity) {
        guard let id = card.remoteID else { return }
        harness.highLevel?.remove(id: id)
        harness.twenty?.remove(id: id)
        harness.brightMove?.remove(id: id)
        harness.coperniq?.remove(id: id)
        harness.coastline?.remove(id: id)
    }

    /// The variables the account's config names for its credentials, as a paused account's sentence names them.
    var credentialVariables: [String] { SyncBench.credentials(harness.subject).map { "$" + $0.variable } }

    /// The credential settings of "crm" on each provider: the config key and the variable it names.
    static func credentials(_ subject: Subject) -> [(key: String, variable: String)] {
        switch subject {
        case .brightMove:
            return [("company_key_env", "PIPEBOARD_TEST_COMPANY_KEY"), ("user_key_env", "PIPEBOARD_TEST_USER_KEY")]
        case .coperniq: return [("api_key_env", "PIPEBOARD_TEST_API_KEY")]
        default: return [("token_env", "PIPEBOARD_TEST_TOKEN")]
        }
    }

    static func kind(_ subject: Subject) -> ProviderKind {
        switch subject {
        case .local: return .local
        case .highLevel: return .highlevel
        case .twenty: return .twenty
        case .brightMove: return .brightmove
        case .coperniq: return .coperniq
        case .coastline: return .coastline
        }
    }
}

/// Requests that carry the stage the provider does not have (GHOST_STAGE, on purpose) are left out of the spec check.
func withSync(_ subject: Subject, count: Int = 12, _ body: (SyncBench) async throws -> Void) async throws {
    try await withHarness(subject, count: count, unchecked: { $0.body.contains("GHOST_STAGE") }) { harness in
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-syncfault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
        let desk = try LocalWorkspaceProvider(path: folder.appendingPathComponent("desk.sqlite").path)
        let clock = TestClock()
        let settings = Dictionary(
            uniqueKeysWithValues: SyncBench.credentials(subject).map { ($0.key, ConfigValue.text($0.variable)) })
        let service = BoardService(
            store: store,
            accounts: [
                Account(
                    config: AccountConfig(name: "crm", provider: SyncBench.kind(subject), settings: settings),
                    provider: harness.provider),
                Account(config: AccountConfig(name: "desk", provider: .local), provider: desk),
            ], clock: { clock.date })
        try await service.prepareLocalWorkspace(account: "desk")
        try await service.pull(account: "crm")
        try await service.pull(account: "desk")
        try await body(SyncBench(harness: harness, store: store, service: service, clock: clock))
    }
}

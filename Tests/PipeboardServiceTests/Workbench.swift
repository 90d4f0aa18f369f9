import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore

/// A real cache file and a real local workspace in a fresh temporary folder, removed by `cleanUp`.
struct Workbench {
    let folder: URL
    let store: CacheStore
    let service: BoardService
    let local: LocalWorkspaceProvider

    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    init(capabilities: Capabilities? = nil, folder existing: URL? = nil, clock: (@Sendable () -> Date)? = nil) throws {
        folder =
            existing
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
        let workspace = try LocalWorkspaceProvider(path: folder.appendingPathComponent("workspace.sqlite").path)
        local = workspace
        let provider: any OpportunityProvider =
            capabilities.map { LimitedProvider(base: workspace, capabilities: $0) } ?? workspace
        let now = Workbench.now
        service = BoardService(
            store: store,
            accounts: [Account(config: AccountConfig(name: "local", provider: .local), provider: provider)],
            clock: clock ?? { now })
    }

    /// A second service over the same files, as a later run of the program would open them.
    func reopened() throws -> Workbench { try Workbench(folder: folder) }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }

    func seeded() async throws -> Workbench {
        try await service.prepareLocalWorkspace(account: nil)
        return self
    }

    /// The first run's starter deals without its tasks and notes, for tests that plan every step themselves.
    func seededDealsOnly() async throws -> Workbench {
        try local.savePipeline(DemoData.pipeline, position: 0)
        try local.insertMany(
            DemoData.opportunities(count: DemoData.starterCount, seed: 1, account: "local", now: Workbench.now))
        try await service.pull(account: nil)
        return self
    }
}

/// The real local workspace with fewer capabilities, as a CRM whose API offers less.
struct LimitedProvider: OpportunityProvider {
    let base: LocalWorkspaceProvider
    let capabilities: Capabilities
    var displayName: String { "Limited" }
    func formFields(for pipeline: Pipeline) -> [FieldSpec] { base.formFields(for: pipeline) }
    func fetchPipelines() async throws -> [Pipeline] { try await base.fetchPipelines() }
    func pull(pipelineID: String, after cursor: String?) async throws -> PullPage {
        try await base.pull(pipelineID: pipelineID, after: cursor)
    }
    func create(_ opportunity: Opportunity) async throws -> RemoteOpportunity { try await base.create(opportunity) }
    func update(remoteID: String, patch: OpportunityPatch, current: Opportunity) async throws -> RemoteOpportunity? {
        try await base.update(remoteID: remoteID, patch: patch, current: current)
    }
    func delete(remoteID: String) async throws { try await base.delete(remoteID: remoteID) }
    func fetch(remoteID: String) async throws -> RemoteOpportunity? { try await base.fetch(remoteID: remoteID) }
}

import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import Testing

/// The local workspace keeps a deal's status time as a CRM keeps its own: a deal marked won and edited days later
/// still counts in the week it was won once `cache rebuild` has pulled it again.
@Suite struct LocalStatusTimeRebuildTests {
    /// A whole second, which the workspace's milliseconds give back exactly.
    static let start = Workbench.now.addingTimeInterval(3 * 86_400)

    @Test func aDealMarkedWonThenEditedKeepsItsStatusTimeAndWeekThroughACacheRebuild() async throws {
        let clock = TestClock(at: Self.start)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-status-time-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let markedAt = clock.date
        let deal: UUID
        let pipeline: Pipeline
        let before: (card: Opportunity, weeks: [OutcomeWeekSums], history: [DealChange])
        do {
            let bench = try await Workbench(folder: folder, clock: { clock.date }).seededDealsOnly()
            pipeline = try await bench.service.pipelines(account: "local")[0]
            let open = try bench.store.opportunities(
                account: "local", pipelineID: pipeline.id, stageID: nil, statuses: [.open])
            deal = try #require(open.first).id
            _ = try await bench.service.setStatus(id: deal, .won)
            try await bench.service.push(account: "local")
            clock.advance(by: 9 * 86_400)
            _ = try await bench.service.edit(id: deal, input: ["name": "Renamed days later"])
            try await bench.service.push(account: "local")
            let card = try #require(try bench.store.opportunity(id: deal))
            #expect(card.status == .won && card.statusChangedAt == markedAt && card.updatedAt == clock.date)
            let weeks = try bench.store.outcomeWeekSums(
                account: "local", pipeline: pipeline, now: clock.date, weeks: 12)
            #expect(weeks.contains { $0.status == .won && $0.weeksAgo == 1 })
            // A plain pull of the unchanged deal changes nothing and records nothing.
            let history = try await bench.service.history(id: deal)
            try await bench.service.pull(account: "local")
            #expect(try bench.store.opportunity(id: deal) == card)
            #expect(try await bench.service.history(id: deal) == history)
            before = (card, weeks, history)
        }

        let (store, report) = try CacheStore.rebuild(
            at: folder.appendingPathComponent("cache.sqlite").path, now: clock.date)
        #expect(report.unreadable.isEmpty)
        let workspace = try LocalWorkspaceProvider(path: folder.appendingPathComponent("workspace.sqlite").path)
        let service = BoardService(
            store: store,
            accounts: [Account(config: AccountConfig(name: "local", provider: .local), provider: workspace)],
            clock: { clock.date })
        try await service.pull(account: "local")
        let rebuilt = try #require(try store.opportunity(id: deal))
        #expect(rebuilt.statusChangedAt == markedAt)
        #expect(rebuilt == before.card)
        #expect(
            try store.outcomeWeekSums(account: "local", pipeline: pipeline, now: clock.date, weeks: 12) == before.weeks)
        // The pull that brings the status time back records no change of its own.
        #expect(try await service.history(id: deal) == before.history)
        try await service.pull(account: "local")
        #expect(try store.opportunity(id: deal) == rebuilt)
        #expect(try await service.history(id: deal) == before.history)
    }
}

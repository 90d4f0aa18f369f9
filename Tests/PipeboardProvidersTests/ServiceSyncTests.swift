import Foundation
import PipeboardCore
import PipeboardService
import PipeboardStore
import Testing

/// The board service over a real cache, pulling from and pushing to each fake.
@Suite struct ServiceSyncTests {
    @Test(arguments: Subject.http)
    func aPullFillsTheCacheAndAMoveReachesTheFake(_ subject: Subject) async throws {
        try await withHarness(subject, count: 130) { harness in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-sync-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
            let kind: ProviderKind = subject == .highLevel ? .highlevel : .twenty
            let service = BoardService(store: store, accounts: [Account(config: AccountConfig(name: "crm", provider: kind), provider: harness.provider)])
            let report = try await service.pull(account: "crm")
            #expect(report.received == 130)
            let pipeline = try await service.pipelines(account: "crm")[0]
            let card = try #require(try await service.list(account: "crm", pipeline: nil, stage: pipeline.stages[0].name).first)
            let target = pipeline.stages[2]
            _ = try await service.move(id: card.id, toStage: target.name)
            let delivered = try await service.push(account: "crm")
            #expect(delivered.delivered == 1)
            let remoteID = try #require(card.remoteID)
            if let fake = harness.highLevel { #expect(fake.opportunity(id: remoteID)?.pipelineStageId == target.id) }
            if let fake = harness.twenty { #expect(fake.opportunity(id: remoteID)?.stage == target.id) }
        }
    }
}

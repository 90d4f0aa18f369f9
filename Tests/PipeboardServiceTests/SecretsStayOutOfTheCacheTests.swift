import Foundation
import PipeboardCore
import PipeboardService
import PipeboardStore
import TestSupport
import Testing

/// The token never lands in the cache: not after a pull, a change and its delivery through each provider's client.
@Suite struct SecretsStayOutOfTheCacheTests {
    @Test(arguments: Subject.http)
    func theTokenNeverReachesTheCacheFile(_ subject: Subject) async throws {
        try await withHarness(subject, count: 20) { harness in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "pipeboard-secret-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("cache.sqlite").path
            let store = try CacheStore(path: path)
            let service = BoardService(
                store: store,
                accounts: [
                    Account(
                        config: AccountConfig(
                            name: "crm", provider: subject.kind, settings: ["token_env": .text("PIPEBOARD_T")]),
                        provider: harness.provider)
                ])
            _ = try await service.pull(account: "crm")
            let pipeline = try await service.pipelines(account: "crm")[0]
            let card = try #require(
                try await service.list(account: "crm", pipeline: nil, stage: pipeline.stages[0].name).first)
            if subject == .coastline { // Coastline's API can only create: a new card goes out instead.
                _ = try await service.create(
                    account: "crm", pipeline: pipeline.id,
                    input: ["name": "New deal", "stage": pipeline.stages[0].name])
            } else {
                _ = try await service.move(id: card.id, toStage: pipeline.stages[1].name)
            }
            _ = try await service.push(account: "crm")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(files.contains("cache.sqlite"))
            for file in files {
                let bytes = try Data(contentsOf: folder.appendingPathComponent(file))
                #expect(bytes.range(of: Data(Harness.token.utf8)) == nil, "the token is in \(file)")
            }
        }
    }
}

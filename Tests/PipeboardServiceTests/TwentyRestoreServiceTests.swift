import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes
import TestSupport
import Testing

/// Undo of a delete on Twenty, through the service and the outbox to the fake; and the page size the client
/// learned, kept in the cache for the next run.
@Suite struct TwentyRestoreServiceTests {
    private func service(_ harness: Harness, folder: URL) throws -> (BoardService, CacheStore) {
        let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
        let account = Account(config: AccountConfig(name: "crm", provider: .twenty), provider: harness.provider)
        return (BoardService(store: store, accounts: [account]), store)
    }

    private func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-restore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func undoOfADeleteRestoresTheSameRecordAtTwenty() async throws {
        try await withHarness(.twenty, count: 4) { harness in
            let fake = try #require(harness.twenty)
            let folder = try folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (service, _) = try service(harness, folder: folder)
            _ = try await service.pull(account: "crm")
            let card = try #require(try await service.list(account: "crm", pipeline: nil, stage: nil).first)
            let remoteID = try #require(card.remoteID)
            try await service.delete(id: card.id)
            #expect(try await service.push(account: "crm").delivered == 1)
            #expect(fake.opportunity(id: remoteID)?.deletedAt != nil)

            try await service.undo()
            #expect(try await service.outboxItems(account: "crm").map(\.summary) == ["restore"])
            #expect(try await service.push(account: "crm").delivered == 1)
            #expect(fake.opportunity(id: remoteID)?.deletedAt == nil)
            #expect(fake.opportunities.count == 4, "no new record was made")
            #expect(fake.requests.contains { $0.method == "POST" } == false)
            let back = try #require(
                try await service.list(account: "crm", pipeline: nil, stage: nil).first { $0.id == card.id })
            #expect(back.remoteID == remoteID && back.name == card.name)
            // A later pull finds one card for the record, the same one.
            _ = try await service.pull(account: "crm")
            let cards = try await service.list(account: "crm", pipeline: nil, stage: nil).filter {
                $0.remoteID == remoteID
            }
            #expect(cards.map(\.id) == [card.id])
        }
    }

    @Test func onAServerTooOldToRestoreTheOutboxAndTheCardSaySo() async throws {
        try await withHarness(.twenty, count: 4) { harness in
            let fake = try #require(harness.twenty)
            fake.oldServer = .cutsLargePages
            let folder = try folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (service, _) = try service(harness, folder: folder)
            _ = try await service.pull(account: "crm")
            let card = try #require(try await service.list(account: "crm", pipeline: nil, stage: nil).first)
            try await service.delete(id: card.id)
            _ = try await service.push(account: "crm")
            try await service.undo()
            let report = try await service.push(account: "crm")
            #expect(report.failed == 1 && report.delivered == 0)
            let item = try #require(try await service.outboxItems(account: "crm").first)
            #expect(item.state == .failed && item.summary == "restore")
            #expect(item.reason?.contains("too old to restore a deleted record") == true, "\(item.reason ?? "")")
            let board = try await service.board(BoardQuery(account: "crm"))
            let mark = board.cardSync[card.id]
            #expect(mark == .failed(reason: try #require(item.reason)), "\(String(describing: mark))")
            #expect(fake.opportunity(id: try #require(card.remoteID))?.deletedAt != nil)
            // Discarding it drops the card, which stays deleted in Twenty.
            let said = try await service.discardOutbox(id: item.id)
            #expect(said.contains("stays deleted"), "\(said)")
            #expect(
                try await service.list(account: "crm", pipeline: nil, stage: nil).contains { $0.id == card.id } == false
            )
        }
    }

    @Test func thePageSizeAnOldServerTakesIsKeptInTheCacheForTheNextRun() async throws {
        try await withHarness(.twenty, count: 70) { harness in
            let fake = try #require(harness.twenty)
            fake.oldServer = .refusesLargePages
            let folder = try folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (service, store) = try service(harness, folder: folder)
            _ = try await service.pull(account: "crm")
            #expect(try store.setting("provider.crm.page_size") == "60")

            // The next run: a new client over the same cache asks for 60 from the first page on.
            let client = TwentyClient(
                baseURL: fake.baseURL, token: Harness.token, defaultCurrency: "USD", http: .shared,
                retry: Harness.fastRetry)
            _ = BoardService(
                store: store,
                accounts: [Account(config: AccountConfig(name: "crm", provider: .twenty), provider: client)])
            let before = fake.requests.count
            _ = try await client.pull(pipelineID: TwentyClient.pipelineID, after: nil)
            #expect(fake.requests[before...].map { $0.query["limit"] } == ["60"])
        }
    }
}

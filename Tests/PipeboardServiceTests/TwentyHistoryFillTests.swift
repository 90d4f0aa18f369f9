import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes
import TestSupport
import Testing

/// A deal's history filled from Twenty's timeline through the service: the changes from before the first pull are
/// added once, at their own time, and the board as it was reaches back to them.
@Suite struct TwentyHistoryFillTests {
    @Test func theTimelineFillsWhatCameBeforeTheFirstPullOnce() async throws {
        try await withHarness(.twenty, count: 3) { harness in
            let fake = try #require(harness.twenty)
            let record = try #require(fake.opportunities.first { $0.stage == "NEW" })
            let monday = Date(timeIntervalSince1970: 1_780_000_000)
            // Before pipeboard sees the deal: two moves and a new amount, made in Twenty.
            fake.edit(id: record.id, at: monday) { $0.stage = "SCREENING" }
            fake.edit(id: record.id, at: monday.addingTimeInterval(2 * 86_400)) {
                $0.stage = "MEETING"
                $0.amount.amountMicros = 9_000_000_000
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
            let account = Account(config: AccountConfig(name: "crm", provider: .twenty), provider: harness.provider)
            let service = BoardService(store: store, accounts: [account])
            _ = try await service.pull(account: "crm")
            let card = try #require(
                try await service.list(account: "crm", pipeline: nil, stage: nil).first { $0.remoteID == record.id })
            // After it: a move a pull sees and remembers.
            fake.edit(id: record.id) { $0.stage = "PROPOSAL" }
            _ = try await service.pull(account: "crm")
            #expect(try await service.history(id: card.id).map(\.to) == ["PROPOSAL"])

            let filled = try await service.fillHistory(of: card.id.uuidString)
            #expect(filled.added == 3 && filled.source == "Twenty's timeline")
            let changes = try await service.history(id: card.id)
            #expect(changes.map(\.field) == [.stage, .stage, .value, .stage])
            #expect(changes.map(\.to).prefix(2) == ["SCREENING", "MEETING"])
            #expect(changes.prefix(3).allSatisfy { $0.origin == .provider && $0.clock == .providerChange })
            #expect(changes[0].at == monday && changes[0].since == card.createdAt)
            #expect(changes[1].since == monday)
            // Again: nothing new, nothing twice.
            #expect(try await service.fillHistory(of: card.id.uuidString).added == 0)
            #expect(try await service.history(id: card.id).count == 4)
            // The board as it was the day after the first move: the deal in Screening.
            let dayAfter = try #require(AsOf.endOfDay(ISODay.string(from: monday.addingTimeInterval(86_400))))
            let past = try await service.list(
                account: "crm", pipeline: nil, stage: nil, statuses: [], filter: .none, asOf: dayAfter)
            #expect(past.first { $0.id == card.id }?.stageID == "SCREENING")
        }
    }

    @Test func aProviderWithoutHistoryIsNamedInTheError() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let card = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: nil).first)
        await #expect(throws: ServiceError.self) { _ = try await bench.service.fillHistory(of: card.id.uuidString) }
        do {
            _ = try await bench.service.fillHistory(of: card.id.uuidString)
        } catch {
            #expect("\(error)".contains("publishes no history of its deals"), "\(error)")
        }
    }
}

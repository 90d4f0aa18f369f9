import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes
import TestSupport
import Testing

/// A stage change that arrives by pull is dated by the provider (HighLevel's `lastStageChangeAt`), else by the
/// record's update time, never by the pull; a pull that leaves the card in its stage keeps its age.
@Suite struct PulledStageTimeTests {
    static let pulledAt = Date(timeIntervalSince1970: 1_800_000_000)

    static func date(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    func service(_ harness: Harness, kind: ProviderKind) throws -> (BoardService, CacheStore) {
        let store = try CacheStore.inMemory()
        let account = Account(config: AccountConfig(name: "crm", provider: kind), provider: harness.provider)
        return (BoardService(store: store, accounts: [account], clock: { Self.pulledAt }), store)
    }

    func card(_ store: CacheStore, remoteID: String) throws -> Opportunity {
        let all = try store.opportunities(account: "crm", pipelineID: nil, stageID: nil, statuses: [])
        return try #require(all.first { $0.remoteID == remoteID })
    }

    @Test func highLevelsOwnStageTimeIsTakenAndAPullWithoutAMoveKeepsTheAge() async throws {
        try await withHarness(.highLevel, count: 4) { harness in
            let fake = try #require(harness.highLevel)
            let (service, store) = try service(harness, kind: .highlevel)
            try await service.pull(account: "crm")
            let record = try #require(fake.opportunities.first)
            let stages = fake.pipelines[0].stages.map(\.id)
            let target = try #require(stages.first { $0 != record.pipelineStageId })
            let movedAt = "2026-10-01T08:30:00.000Z", editedAt = "2026-10-20T09:00:00.000Z"
            #expect(
                fake.edit(id: record.id) {
                    $0.pipelineStageId = target
                    $0.lastStageChangeAt = movedAt
                    $0.updatedAt = editedAt
                })
            try await service.pull(account: "crm")
            let moved = try card(store, remoteID: record.id)
            #expect(moved.stageID == target)
            #expect(moved.stageChangedAt == Self.date(movedAt))

            // The provider's stage time moves without a move (HighLevel touches it on other edits): the age stays.
            #expect(
                fake.edit(id: record.id) {
                    $0.lastStageChangeAt = "2026-11-01T00:00:00.000Z"; $0.name = "Renamed"
                })
            try await service.pull(account: "crm")
            let renamed = try card(store, remoteID: record.id)
            #expect(renamed.name == "Renamed")
            #expect(renamed.stageChangedAt == Self.date(movedAt))
        }
    }

    @Test func withoutAProviderStageTimeTheRecordsUpdateTimeDatesTheMove() async throws {
        try await withHarness(.twenty, count: 4) { harness in
            let fake = try #require(harness.twenty)
            let (service, store) = try service(harness, kind: .twenty)
            try await service.pull(account: "crm")
            let record = try #require(fake.opportunities.first)
            let before = try card(store, remoteID: record.id)
            let target = try #require(TwentyFake.defaultStages.map(\.value).first { $0 != record.stage })
            // The fake stamps the record's update time as Twenty's app would.
            #expect(fake.edit(id: record.id) { $0.stage = target })
            let updatedAt = try #require(fake.opportunity(id: record.id)?.updatedAt)
            try await service.pull(account: "crm")
            let moved = try card(store, remoteID: record.id)
            #expect(moved.stageID != before.stageID)
            #expect(moved.stageChangedAt == Self.date(updatedAt))
            #expect(moved.stageChangedAt != Self.pulledAt)

            // Another edit at the provider, same stage: the age stays with the move.
            try await Task.sleep(for: .milliseconds(5))
            #expect(fake.edit(id: record.id) { $0.name = "Renamed" })
            #expect(fake.opportunity(id: record.id)?.updatedAt != updatedAt)
            try await service.pull(account: "crm")
            #expect(try card(store, remoteID: record.id).stageChangedAt == Self.date(updatedAt))
        }
    }
}

import Foundation
import PipeboardCore
import PipeboardService
import PipeboardStore
import ProviderFakes
import TestSupport
import Testing

/// The won / lost weeks count a deal in the week its status changed: HighLevel's `lastStatusChangeAt`, or the
/// local change, not the week of the deal's last edit.
@Suite(.serialized) struct StatusTimeTests {
    static func lostWeeks(_ sync: SyncBench) async throws -> [Int] {
        let pipeline = try await sync.service.pipelines(account: "crm")[0]
        return try sync.store.outcomeWeekSums(account: "crm", pipeline: pipeline, now: sync.clock.date, weeks: 12)
            .filter { $0.status == .lost }.flatMap { Array(repeating: $0.weeksAgo, count: $0.count) }
    }

    @Test func highLevelsStatusTimeFeedsTheWonAndLostWeeks() async throws {
        try await withSync(.highLevel) { sync in
            let fake = try #require(sync.harness.highLevel)
            let record = try #require(fake.opportunities.first)
            let lostAt = sync.clock.date.addingTimeInterval(-(3 * 7 + 2) * 86_400)
            // Lost three weeks ago, edited today: the record's update time is today.
            fake.edit(id: record.id) { opportunity in
                opportunity.status = "lost"
                opportunity.lastStatusChangeAt = ISO8601DateFormatter().string(from: lostAt)
            }
            try await sync.service.pull(account: "crm")
            let lost = try sync.store.opportunities(account: "crm", pipelineID: nil, stageID: nil, statuses: [.lost])
            let card = try #require(lost.first)
            #expect(card.statusChangedAt.map { abs($0.timeIntervalSince(lostAt)) < 1 } == true)
            #expect(try await Self.lostWeeks(sync) == [3])
        }
    }

    @Test func aLocalStatusChangeKeepsItsWeekThroughLaterEditsAndUndoPutsTheTimeBack() async throws {
        try await withSync(.highLevel) { sync in
            let (card, _) = try await sync.firstCardAndStage(1)
            let before = try #require(try sync.store.opportunity(id: card.id))
            let markedAt = sync.clock.date
            let lost = try await sync.service.setStatus(id: card.id, .lost)
            #expect(lost.statusChangedAt == markedAt)
            try await sync.service.push(account: "crm")
            // Delivery keeps the local time (the record read before the change predates it).
            #expect(try sync.store.opportunity(id: card.id)?.statusChangedAt == markedAt)

            sync.clock.advance(by: 8 * 86_400)
            _ = try await sync.service.edit(id: card.id, input: ["name": "Renamed later"])
            #expect(try await Self.lostWeeks(sync) == [1])

            // Undo the rename, then the status: the card's status time is what it was.
            try await sync.service.undo()
            try await sync.service.undo()
            let reopened = try #require(try sync.store.opportunity(id: card.id))
            #expect(reopened.status == before.status)
            #expect(reopened.statusChangedAt == (before.statusChangedAt ?? before.updatedAt))
        }
    }
}

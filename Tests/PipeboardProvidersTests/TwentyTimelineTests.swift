import Foundation
import PipeboardCore
import PipeboardProviders
import ProviderFakes
import TestSupport
import Testing

/// Twenty's timeline read by the client: an opportunity at depth 1 nests its `timelineActivities`, and an update's
/// diff gives the board's fields as they changed, at the activity's own time. Every request and answer is held
/// against the spec (`withHarness`).
@Suite struct TwentyTimelineTests {
    @Test func theTimelineGivesTheChangesMadeInTwentyAtTheirOwnTime() async throws {
        try await withHarness(.twenty) { harness in
            let fake = try #require(harness.twenty)
            let client = try #require(harness.provider as? any PublishesHistory)
            let record = try #require(fake.opportunities.first { $0.stage == "NEW" })
            let monday = Date(timeIntervalSince1970: 1_780_000_000)
            fake.edit(id: record.id, at: monday) {
                $0.stage = "MEETING"
                $0.amount.amountMicros = 2_500_000_000
                $0.amount.currencyCode = "EUR"
            }
            fake.edit(id: record.id, at: monday.addingTimeInterval(86_400)) {
                $0.name = "Renewal\u{1B}[31m"
                $0.closeDate = "2026-12-31T00:00:00.000Z"
            }
            fake.edit(id: record.id, at: monday.addingTimeInterval(2 * 86_400)) { $0.position = 99 }

            let changes = try await client.history(remoteID: record.id)
            let request = try #require(fake.requests.last)
            #expect(request.path == "/rest/opportunities/\(record.id)" && request.query["depth"] == "1")
            let old = try #require(record.amount.amountMicros)
            let expected = [
                ProviderChange(field: .stage, from: "NEW", to: "MEETING", at: monday),
                ProviderChange(
                    field: .value, from: "\(old) USD", to: "2500000000 EUR", at: monday),
                ProviderChange(
                    field: .name, from: record.name, to: "Renewal", at: monday.addingTimeInterval(86_400)),
                ProviderChange(
                    field: .closeDate, from: nil, to: "2026-12-31", at: monday.addingTimeInterval(86_400)),
            ]
            #expect(Set(changes) == Set(expected), "\(changes)")
            #expect(client.historyName == "Twenty's timeline")
        }
    }

    /// A record read without depth 1 carries no timeline, and a record with only a create has no changes.
    @Test func aRecordWithOnlyItsCreationHasNoChanges() async throws {
        try await withHarness(.twenty) { harness in
            let fake = try #require(harness.twenty)
            let client = try #require(harness.provider as? any PublishesHistory)
            let made = try await harness.provider.create(
                Opportunity(
                    account: "a", pipelineID: TwentyClient.pipelineID, stageID: "NEW", name: "Fresh", createdAt: Date())
            )
            #expect(fake.timeline(id: made.remoteID) == ["opportunity.created"])
            #expect(try await client.history(remoteID: made.remoteID).isEmpty)
            #expect(try await harness.provider.fetch(remoteID: made.remoteID)?.name == "Fresh")
        }
    }

    /// The board's own changes reach the timeline too, as Twenty records every update.
    @Test func aMoveSentByTheBoardIsOnTheTimeline() async throws {
        try await withHarness(.twenty) { harness in
            let fake = try #require(harness.twenty)
            let client = try #require(harness.provider as? any PublishesHistory)
            let record = try #require(fake.opportunities.first { $0.stage == "NEW" })
            let pulled = try #require(try await harness.pullAll().records.first { $0.remoteID == record.id })
            var card = pulled.opportunity(account: "a", existing: nil, defaultRank: 0)
            card.stageID = "PROPOSAL"
            _ = try await harness.provider.update(
                remoteID: record.id, patch: OpportunityPatch(stageID: "PROPOSAL"), current: card)
            #expect(fake.timeline(id: record.id) == ["opportunity.updated"])
            let changes = try await client.history(remoteID: record.id)
            #expect(changes.map(\.field) == [.stage] && changes.first?.to == "PROPOSAL")
        }
    }
}

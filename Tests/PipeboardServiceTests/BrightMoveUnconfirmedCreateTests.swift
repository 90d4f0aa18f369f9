import Foundation
import PipeboardCore
import PipeboardService
import PipeboardStore
import ProviderFakes
import TestSupport
import Testing

/// BrightMove answers a create with `{}` (no id), so the client looks the new opportunity up by its search, which
/// can lag. Made but not found yet is neither a refusal nor a reason to make it again: the change waits, looking
/// for it at each sync, and a discard says it may be at BrightMove (a later pull brings it in).
@Suite(.serialized) struct BrightMoveUnconfirmedCreateTests {
    static let name = "Made while the search lags"

    /// POSTs of new opportunities the fake took.
    static func creates(_ fake: BrightMoveFake) -> Int {
        fake.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/opportunities") && $0.status == 201 }.count
    }

    @Test func aCreateNotFoundYetWaitsUnconfirmedAndIsNeverMadeTwice() async throws {
        try await withSync(.brightMove) { sync in
            let fake = try #require(sync.harness.brightMove)
            fake.searchLags = true
            let card = try await sync.service.create(account: "crm", pipeline: nil, input: sync.newDeal(Self.name))

            let first = try await sync.service.push(account: "crm")
            #expect(first.failed == 0 && first.delivered == 0 && first.retrying == 1)
            var item = try #require(try await sync.service.outboxItems(account: "crm").first)
            #expect(item.state == .pending, "a create BrightMove made is not a refusal")
            #expect(item.reason?.contains("not found yet") == true)
            // Still pending on the board, not marked as failed.
            #expect(try await sync.service.board(BoardQuery(account: "crm")).cardSync[card.id] == .pending)

            // The next syncs, and a retry the user asks for, look it up and never post it again.
            sync.clock.advance(by: 600)
            #expect(try await sync.service.push(account: "crm").retrying == 1)
            try await sync.service.retryOutbox(id: item.id)
            #expect(try await sync.service.push(account: "crm", everyWaiting: true).retrying == 1)
            #expect(Self.creates(fake) == 1)
            item = try #require(try await sync.service.outboxItems(account: "crm").first)
            #expect(item.state == .pending)

            // BrightMove's search catches up: the card gets the record's id, made once.
            fake.searchLags = false
            sync.clock.advance(by: 600)
            #expect(try await sync.service.push(account: "crm").delivered == 1)
            let made = try #require(fake.opportunities.first { $0.name == Self.name })
            #expect(try sync.store.opportunity(id: card.id)?.remoteID == made.guid)
            #expect(fake.opportunities.filter { $0.name == Self.name }.count == 1)
            #expect(Self.creates(fake) == 1)
            #expect(try sync.store.outbox(account: "crm", states: []).isEmpty)
        }
    }

    @Test func discardingItSaysItMayBeAtBrightMoveAndAPullBringsItIn() async throws {
        try await withSync(.brightMove) { sync in
            let fake = try #require(sync.harness.brightMove)
            fake.searchLags = true
            let card = try await sync.service.create(account: "crm", pipeline: nil, input: sync.newDeal(Self.name))
            _ = try await sync.service.push(account: "crm")
            let item = try #require(try await sync.service.outboxItems(account: "crm").first)

            let said = try await sync.service.discardOutbox(id: item.id)
            #expect(said.contains("may already be at BrightMove") && !said.contains("never sent"), "\(said)")
            #expect(try sync.store.opportunity(id: card.id) == nil)
            #expect(try sync.store.outbox(account: "crm", states: []).isEmpty)

            // It is at BrightMove: the next pull shows it, once.
            try await sync.service.pull(account: "crm")
            let cards = try sync.store.opportunities(account: "crm", pipelineID: nil, stageID: nil, statuses: [])
            #expect(cards.filter { $0.name == Self.name }.count == 1)
            #expect(Self.creates(fake) == 1)
        }
    }
}

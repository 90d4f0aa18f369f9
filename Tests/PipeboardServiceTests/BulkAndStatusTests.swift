import Foundation
import PipeboardCore
import PipeboardService
import PipeboardStore
import Testing

@Suite struct BulkAndStatusTests {
    @Test func bulkMoveGoesToTheTopInSelectionOrderAndUndoesAsOneStep() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let leads = Array(try await bench.service.list(account: nil, pipeline: nil, stage: "Lead").prefix(3))
        try #require(leads.count == 3)
        let ids = [leads[2].id, leads[0].id, leads[1].id]
        let outcome = try await bench.service.apply(.move(toStageID: "proposal"), to: ids)
        #expect(outcome == BulkOutcome(changed: 3))
        let proposal = try await bench.service.list(account: nil, pipeline: nil, stage: "Proposal")
        #expect(proposal.prefix(3).map(\.id) == ids)
        #expect(try await bench.service.outboxCounts(account: nil).pending == 3)
        #expect(try await bench.service.undo() == "move 3 deals")
        let back = try await bench.service.list(account: nil, pipeline: nil, stage: "Lead")
        #expect(Set(back.prefix(3).map(\.id)) == Set(ids))
    }

    /// Undo and redo say which cards they put back on the board (a delete undone, an add redone), for its focus.
    @Test func undoAndRedoNameTheCardsTheyBringBack() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let lead = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: "Lead").first)
        try await bench.service.delete(id: lead.id)
        #expect(
            try await bench.service.undoing() == HistoryOutcome(label: "delete \(lead.name)", broughtBack: [lead.id]))
        #expect(try await bench.service.redoing().broughtBack == [])
        try await bench.service.undo()
        _ = try await bench.service.move(id: lead.id, toStage: "Proposal")
        #expect(try await bench.service.undoing().broughtBack == [])
        let added = try await bench.service.create(account: nil, pipeline: nil, input: ["name": "Umbrella"])
        try await bench.service.undo()
        #expect(try await bench.service.redoing().broughtBack == [added.id])
    }

    @Test func bulkShiftCountsCardsAlreadyAtTheEnd() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let lead = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: "Lead").first)
        let negotiation = try #require(
            try await bench.service.list(account: nil, pipeline: nil, stage: "Negotiation").first)
        let proposal = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: "Proposal").first)
        let outcome = try await bench.service.apply(.shift(by: 1), to: [lead.id, proposal.id, negotiation.id])
        #expect(outcome == BulkOutcome(changed: 2, unchanged: 1))
        #expect(try bench.store.opportunity(id: lead.id)?.stageID == "qualified")
        #expect(try bench.store.opportunity(id: proposal.id)?.stageID == "negotiation")
    }

    @Test func bulkStatusAndDeleteRefuseWhatTheProviderLacksAndChangeNothingThen() async throws {
        let full = try await Workbench().seeded()
        defer { full.cleanUp() }
        let bench = try Workbench(capabilities: [.create, .update, .move, .stageDiscovery], folder: full.folder)
        let cards = Array(
            try await bench.service.list(account: nil, pipeline: nil, stage: nil, statuses: [.open]).prefix(2))
        try #require(cards.count == 2)
        let outcome = try await bench.service.apply(.setStatus(.won, lostReason: nil), to: cards.map(\.id))
        #expect(outcome.changed == 0 && outcome.refused.count == 2)
        #expect(outcome.refused[0].contains("does not offer changing an opportunity's status"))
        let deleted = try await bench.service.apply(.delete, to: cards.map(\.id))
        #expect(deleted.changed == 0 && deleted.refused.count == 2)
        #expect(try bench.store.opportunity(id: cards[0].id)?.status == cards[0].status)
    }

    @Test func bulkDeleteAndStatusSkipGoneCardsAndUnchangedOnes() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let open = try await bench.service.list(account: nil, pipeline: nil, stage: nil, statuses: [.open])
        let won = try await bench.service.list(account: nil, pipeline: nil, stage: nil, statuses: [.won])
        try #require(open.count >= 2 && !won.isEmpty)
        let marked = try await bench.service.apply(.setStatus(.won, lostReason: nil), to: [open[0].id, won[0].id])
        #expect(marked == BulkOutcome(changed: 1, unchanged: 1))
        let gone = UUID()
        let deleted = try await bench.service.apply(.delete, to: [open[1].id, gone])
        #expect(deleted.changed == 1 && deleted.refused == ["a card is no longer in the cache"])
        #expect(try bench.store.opportunity(id: open[1].id) == nil)
    }

    @Test func lostReasonIsKeptWhereTheProviderKeepsOne() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let card = try #require(
            try await bench.service.list(account: nil, pipeline: nil, stage: nil, statuses: [.open]).first)
        let lost = try await bench.service.setStatus(id: card.id, .lost, lostReason: "Went with a competitor")
        #expect(lost.status == .lost)
        #expect(lost.customFields[BoardService.lostReasonField] == "Went with a competitor")
        _ = try await bench.service.undo()
        #expect(try bench.store.opportunity(id: card.id)?.customFields[BoardService.lostReasonField] == nil)
    }

    @Test func lostReasonIsLeftOutWhereTheProviderKeepsNone() async throws {
        let full = try await Workbench().seeded()
        defer { full.cleanUp() }
        let bench = try Workbench(capabilities: Capabilities.all, folder: full.folder) // no .lostReason
        let card = try #require(
            try await bench.service.list(account: nil, pipeline: nil, stage: nil, statuses: [.open]).first)
        let lost = try await bench.service.setStatus(id: card.id, .lost, lostReason: "Price")
        #expect(lost.status == .lost && lost.customFields[BoardService.lostReasonField] == nil)
    }

    @Test func boardAndListFilterThroughTheService() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let any = try #require(try await bench.service.list(account: nil, pipeline: nil, stage: nil).first)
        let word = String(any.name.split(separator: " ")[0])
        let listed = try await bench.service.list(
            account: nil, pipeline: nil, stage: nil, filter: BoardFilter(search: word))
        #expect(
            !listed.isEmpty
                && listed.allSatisfy {
                    $0.name.contains(word) || ($0.contactName ?? "").contains(word)
                        || ($0.companyName ?? "").contains(word)
                })
        var query = BoardQuery(statuses: [.open])
        query.filter = BoardFilter(search: word)
        let board = try await bench.service.board(query)
        #expect(board.columns.reduce(0) { $0 + $1.count } == listed.filter { $0.status == .open }.count)
    }
}

import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes
import TestSupport
import Testing

/// A pull and a delivery at once, as the board runs them (a background pull while a move goes out): a page the
/// provider read before the move arrived, stored after the move was acknowledged, must not undo the move nor make
/// its base (what conflicts are checked against) the old stage; what others changed is still taken. The fake holds
/// the page's answer so the order is always the same.
@Suite(.serialized) struct PullDuringDeliveryTests {
    @Test(arguments: Subject.http)
    func aPageReadBeforeAMoveWasDeliveredNeitherUndoesItNorMakesTheNextMoveAConflict(_ subject: Subject) async throws {
        try await withSync(subject) { sync in
            let faults = try #require(sync.harness.faults)
            let pipeline = try await sync.service.pipelines(account: "crm")[0]
            let (card, target) = try await sync.firstCardAndStage(1)
            guard try await sync.takesMoves(card, to: target.name) else { return }
            let next = try #require(pipeline.stages.first { ![card.stageID, target.id].contains($0.id) })
            let theirs = try #require(pipeline.stages.first { ![card.stageID, target.id, next.id].contains($0.id) })
            let colleagues = try #require(
                try sync.store.opportunities(account: "crm", pipelineID: nil, stageID: nil, statuses: [])
                    .first { $0.id != card.id })

            // A colleague renames another deal; then the pull reads its first page, which is held on its way.
            sync.editRemote(colleagues, name: "Renamed by a colleague")
            let page = sync.holdFirstPullPage(faults)
            let pull = Task { try await sync.service.pull(account: "crm") }
            await page.arrival()
            // While the page is on its way, the colleague renames this deal and the user's move is delivered.
            sync.editRemote(card, name: "Renamed while the page was on its way")
            _ = try await sync.service.move(id: card.id, toStage: target.name)
            let delivered = try await sync.service.push(account: "crm")
            #expect(delivered.delivered == 1 && delivered.conflicts == 0)
            page.release()
            _ = try await pull.value

            let local = try #require(try sync.store.opportunity(id: card.id))
            #expect(local.stageID == target.id, "the page read before the move took the card back")
            #expect(try sync.store.base(opportunityID: card.id)?.stageID == target.id)
            #expect(local.name == "Renamed while the page was on its way")
            #expect(try sync.store.opportunity(id: colleagues.id)?.name == "Renamed by a colleague")

            // The next move is nobody else's business: delivered, no conflict.
            _ = try await sync.service.move(id: card.id, toStage: next.name)
            let moved = try await sync.service.push(account: "crm")
            #expect(moved.delivered == 1 && moved.conflicts == 0)
            #expect(sync.remoteStage(card) == next.id)
            #expect(try sync.store.outbox(account: "crm", states: [.conflict]).isEmpty)

            // A stage the colleague really changed still conflicts with a move of the user's.
            sync.editRemote(card, stageID: theirs.id)
            _ = try await sync.service.move(id: card.id, toStage: target.name)
            #expect(try await sync.service.push(account: "crm").conflicts == 1)
            #expect(sync.remoteStage(card) == theirs.id)
        }
    }

    /// A page the provider made after the move, from a request sent before it, is newer than the move where the
    /// provider says when a record changed: a colleague's later move in it is taken at once.
    @Test(arguments: Subject.http)
    func aColleaguesMoveAfterTheDeliveryIsTakenFromAPageRequestedBeforeIt(_ subject: Subject) async throws {
        try await withSync(subject) { sync in
            let faults = try #require(sync.harness.faults)
            let pipeline = try await sync.service.pipelines(account: "crm")[0]
            let (card, target) = try await sync.firstCardAndStage(1)
            guard try await sync.takesMoves(card, to: target.name) else { return }
            let theirs = try #require(pipeline.stages.first { ![card.stageID, target.id].contains($0.id) })

            let page = sync.holdFirstPullPage(faults, .beforeAnswering)
            let pull = Task { try await sync.service.pull(account: "crm") }
            await page.arrival()
            _ = try await sync.service.move(id: card.id, toStage: target.name)
            #expect(try await sync.service.push(account: "crm").delivered == 1)
            // Later than the delivery by the provider's clock (its times are in milliseconds).
            try await Task.sleep(for: .milliseconds(5))
            sync.editRemote(card, stageID: theirs.id)
            page.release()
            _ = try await pull.value

            #expect(try sync.store.opportunity(id: card.id)?.stageID == theirs.id)
            #expect(try sync.store.base(opportunityID: card.id)?.stageID == theirs.id)
        }
    }
}

/// A deal created while a full pull reads its pages is missing from them: the pull must not take it for one the
/// provider no longer has.
extension PullDuringDeliveryTests {
    @Test(arguments: Subject.http)
    func aDealCreatedWhileAFullPullReadsItsPagesStaysOnTheBoard(_ subject: Subject) async throws {
        try await withSync(subject) { sync in
            let faults = try #require(sync.harness.faults)
            let name = "Made during the pull"
            let card = try await sync.service.create(account: "crm", pipeline: nil, input: sync.newDeal(name))
            let page = sync.holdFirstPullPage(faults)
            let pull = Task { try await sync.service.pull(account: "crm") }
            await page.arrival()
            #expect(try await sync.service.push(account: "crm").delivered == 1)
            page.release()
            _ = try await pull.value

            let local = try #require(try sync.store.opportunity(id: card.id), "the new deal left the board")
            #expect(local.remoteID != nil)
            try await sync.service.pull(account: "crm")
            let cards = try sync.store.opportunities(account: "crm", pipelineID: nil, stageID: nil, statuses: [])
            #expect(cards.filter { $0.name == name }.map(\.id) == [card.id])
        }
    }
}

extension SyncBench {
    /// Holds the next pull's first page of records at the fake (`moment`: see `HeldRequest.Moment`).
    func holdFirstPullPage(_ faults: FaultSwitches, _ moment: HeldRequest.Moment = .afterAnswering) -> HeldRequest {
        switch harness.subject {
        case .highLevel: return faults.holdNext("GET", pathEndingIn: "/opportunities/search", moment)
        // BrightMove's stages are learned from the records: its pull reads them all once before its own pages.
        case .brightMove: return faults.holdNext("GET", pathEndingIn: "/opportunities", moment, skipping: 1)
        // So are Coastline's pipelines, from one list per approval status.
        case .coastline:
            return faults.holdNext(
                "GET", pathEndingIn: "/opportunities", moment, skipping: CoastlineClient.approvalStatuses.count)
        default: return faults.holdNext("GET", pathEndingIn: "/opportunities", moment)
        }
    }
}

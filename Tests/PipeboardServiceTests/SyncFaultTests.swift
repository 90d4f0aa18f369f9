import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes
import Synchronization
import TestSupport
import Testing

/// The sync engine against the fakes with faults turned on: every change ends delivered, waiting to retry,
/// visibly rejected, in conflict, or paused with its account, and nothing reaches the provider twice.
@Suite(.serialized) struct SyncFaultTests {
    // MARK: Temporary failures: latency, 500s, connection resets

    @Test(arguments: Subject.withSyncFaults)
    func serverErrorsAndResetsLeaveTheChangeWaitingThenItGoesThrough(_ subject: Subject) async throws {
        try await withSync(subject) { sync in
            let faults = try #require(sync.harness.faults)
            faults.latency = .milliseconds(15)
            let (card, target) = try await sync.firstCardAndStage(2)
            _ = try await sync.service.move(id: card.id, toStage: target.name)

            faults.failNext(20, status: 503)
            let first = try await sync.service.push(account: "crm")
            #expect(first.retrying == 1 && first.delivered == 0)
            var entry = try #require(try sync.store.outbox(account: "crm", states: []).first)
            #expect(entry.state == .pending && entry.notBefore != nil && entry.lastError?.contains("503") == true)
            #expect(sync.remoteStage(card) != target.id)

            // Not due yet: nothing is sent before the backoff has passed.
            faults.failNext(0)
            faults.dropNext(20)
            let early = sync.harness.requestCount
            #expect(try await sync.service.push(account: "crm").delivered == 0)
            #expect(sync.harness.requestCount == early)

            // Due, but the connection is reset every time: still waiting, with the network's reason.
            sync.clock.advance(by: 600)
            #expect(try await sync.service.push(account: "crm").retrying == 1)
            entry = try #require(try sync.store.outbox(account: "crm", states: []).first)
            #expect(entry.lastError?.contains("temporary failure") == true)

            faults.dropNext(0)
            sync.clock.advance(by: 600)
            #expect(try await sync.service.push(account: "crm").delivered == 1)
            #expect(sync.remoteStage(card) == target.id)
            #expect(try sync.store.outbox(account: "crm", states: []).isEmpty)
        }
    }

    // MARK: Applied, but the answer was lost

    @Test(arguments: Subject.withSyncFaults)
    func aCreateAppliedWithItsAnswerLostIsNotMadeTwice(_ subject: Subject) async throws {
        try await withSync(subject) { sync in
            let faults = try #require(sync.harness.faults)
            let created = try await sync.service.create(
                account: "crm", pipeline: nil, input: ["name": "Lost answer deal", "value": "1200"])
            faults.loseResponseOfNextWrites(1)
            // HighLevel first makes the contact the API requires; if that answer is the one lost, the create
            // waits for the next round.
            var delivered = 0
            for _ in 0..<3 where delivered == 0 {
                delivered += try await sync.service.push(account: "crm").delivered
                sync.clock.advance(by: 600)
            }
            #expect(delivered == 1)
            #expect(sync.remoteNames().filter { $0 == "Lost answer deal" }.count == 1)
            let local = try #require(try sync.store.opportunity(id: created.id))
            #expect(local.remoteID != nil)
            // A pull brings no second card.
            try await sync.service.pull(account: "crm")
            #expect(
                try sync.store.opportunities(account: "crm", pipelineID: nil, stageID: nil, statuses: []).filter {
                    $0.name == "Lost answer deal"
                }.count == 1)
        }
    }

    @Test(arguments: Subject.withSyncFaults)
    func anEditAppliedWithItsAnswerLostIsNotAConflictWhenSentAgain(_ subject: Subject) async throws {
        try await withSync(subject) { sync in
            let faults = try #require(sync.harness.faults)
            let (card, target) = try await sync.firstCardAndStage(1)
            _ = try await sync.service.move(id: card.id, toStage: target.name)
            // Every try is applied and loses its answer, until the transport gives up.
            faults.loseResponseOfNextWrites(10)
            #expect(try await sync.service.push(account: "crm").retrying == 1)
            #expect(sync.remoteStage(card) == target.id)
            faults.loseResponseOfNextWrites(0)
            sync.clock.advance(by: 600)
            // The provider already has our value: that is not somebody else's change.
            let again = try await sync.service.push(account: "crm")
            #expect(again.delivered == 1 && again.conflicts == 0)
        }
    }

    // MARK: 429 storms

    @Test(arguments: Subject.withSyncFaults)
    func aRateLimitStormHoldsTheQueueAndKeepsOrder(_ subject: Subject) async throws {
        try await withSync(subject) { sync in
            let faults = try #require(sync.harness.faults)
            let pipeline = try await sync.service.pipelines(account: "crm")[0]
            let cards = try sync.store.opportunities(
                account: "crm", pipelineID: pipeline.id, stageID: nil, statuses: []
            )
            .filter { $0.stageID != pipeline.stages[2].id && $0.stageID != pipeline.stages[3].id }.prefix(5)
            try #require(cards.count == 5)
            for card in cards { _ = try await sync.service.move(id: card.id, toStage: pipeline.stages[2].name) }
            // Then the first card moves on again: its two changes must arrive in order.
            _ = try await sync.service.move(id: cards.first!.id, toStage: pipeline.stages[3].name)

            faults.rateLimitNext(1_000)
            let before = sync.harness.requestCount
            let stormy = try await sync.service.push(account: "crm")
            #expect(stormy.retrying == 1 && stormy.delivered == 0)
            // One entry tried (the transport's own few attempts), the rest held back instead of adding to the storm.
            #expect(sync.harness.requestCount - before <= RetryPolicyLimits.attempts)
            #expect(try sync.store.outbox(account: "crm", states: [.pending]).count == 6)

            faults.rateLimitNext(0)
            sync.clock.advance(by: 600)
            var delivered = 0
            for _ in 0..<5 { delivered += try await sync.service.push(account: "crm").delivered }
            #expect(delivered == 6)
            #expect(sync.remoteStage(cards.first!) == pipeline.stages[3].id)
            for card in cards.dropFirst() { #expect(sync.remoteStage(card) == pipeline.stages[2].id) }
        }
    }

    // MARK: Rejected: the provider's reason, edit and resend, or discard

    @Test(arguments: Subject.withSyncFaults)
    func aRejectedChangeShowsTheReasonAndCanBeEditedAndResentOrDiscarded(_ subject: Subject) async throws {
        try await withSync(subject) { sync in
            var pipeline = try await sync.service.pipelines(account: "crm")[0]
            let real = pipeline.stages
            // A stage the board knows but the provider does not (renamed there since the last pull).
            pipeline.stages.append(Stage(id: "GHOST_STAGE", name: "Ghost", position: 99))
            try sync.store.write { try $0.savePipelines(account: "crm", [pipeline]) }
            let (card, _) = try await sync.firstCardAndStage(1)
            _ = try await sync.service.move(id: card.id, toStage: "Ghost")
            #expect(try await sync.service.push(account: "crm").failed == 1)
            let item = try #require(try await sync.service.outboxItems(account: "crm").first)
            #expect(item.state == .failed && item.reason?.contains("rejected (400)") == true)
            let snapshot = try await sync.service.board(BoardQuery(account: "crm"))
            guard case .failed(let reason)? = snapshot.cardSync[card.id] else {
                Issue.record("no failed mark on the card"); return
            }
            #expect(reason.contains("400"))
            #expect(snapshot.failedChanges == 1)

            // Edit and resend: the user moves it to a real stage; the refused change goes out with the new value.
            _ = try await sync.service.move(id: card.id, toStage: real[2].name)
            let resent = try await sync.service.push(account: "crm")
            #expect(resent.delivered == 2 && resent.failed == 0)
            #expect(sync.remoteStage(card) == real[2].id)

            // Discard: the card shows the provider's value again.
            _ = try await sync.service.move(id: card.id, toStage: "Ghost")
            #expect(try await sync.service.push(account: "crm").failed == 1)
            let refused = try #require(try await sync.service.outboxItems(account: "crm").first)
            try await sync.service.discardOutbox(id: refused.id)
            #expect(try sync.store.opportunity(id: card.id)?.stageID == real[2].id)
            #expect(try sync.store.outbox(account: "crm", states: []).isEmpty)
        }
    }

    // MARK: A provider edit between pull and push

    @Test(arguments: Subject.withSyncFaults)
    func changesToDifferentFieldsMerge(_ subject: Subject) async throws {
        try await withSync(subject) { sync in
            let (card, target) = try await sync.firstCardAndStage(2)
            _ = try await sync.service.move(id: card.id, toStage: target.name)
            sync.editRemote(card, name: "Renamed at the provider")
            let report = try await sync.service.push(account: "crm")
            #expect(report.delivered == 1 && report.conflicts == 0)
            #expect(sync.remoteStage(card) == target.id)
            #expect(sync.remoteName(card) == "Renamed at the provider")
            let local = try #require(try sync.store.opportunity(id: card.id))
            #expect(local.stageID == target.id && local.name == "Renamed at the provider")
        }
    }

    @Test(arguments: Subject.withSyncFaults)
    func theSameFieldChangedAtTheProviderIsAConflictSettledEitherWay(_ subject: Subject) async throws {
        try await withSync(subject) { sync in
            let pipeline = try await sync.service.pipelines(account: "crm")[0]
            let (card, mine) = try await sync.firstCardAndStage(2)
            let theirs = try #require(pipeline.stages.first { $0.id != card.stageID && $0.id != mine.id })
            _ = try await sync.service.move(id: card.id, toStage: mine.name)
            sync.editRemote(card, stageID: theirs.id)
            #expect(try await sync.service.push(account: "crm").conflicts == 1)
            #expect(sync.remoteStage(card) == theirs.id) // not overwritten
            var item = try #require(try await sync.service.outboxItems(account: "crm").first)
            #expect(item.state == .conflict)
            let row = try #require(item.conflict?.rows.first)
            #expect(row.field == "stage" && row.mine == mine.name && row.theirs == theirs.name)
            guard case .conflict? = try await sync.service.board(BoardQuery(account: "crm")).cardSync[card.id] else {
                Issue.record("no conflict mark on the card"); return
            }

            // Take theirs: my move is dropped, the card shows the provider's stage.
            try await sync.service.resolveConflict(id: item.id, choice: .theirs)
            #expect(try sync.store.opportunity(id: card.id)?.stageID == theirs.id)
            #expect(try sync.store.outbox(account: "crm", states: []).isEmpty)

            // Again, and keep mine this time: my move is sent over theirs.
            _ = try await sync.service.move(id: card.id, toStage: mine.name)
            sync.editRemote(
                card,
                stageID: try #require(pipeline.stages.first { ![card.stageID, mine.id, theirs.id].contains($0.id) }).id)
            #expect(try await sync.service.push(account: "crm").conflicts == 1)
            item = try #require(try await sync.service.outboxItems(account: "crm").first)
            try await sync.service.resolveConflict(id: item.id, choice: .mine)
            #expect(try await sync.service.push(account: "crm").delivered == 1)
            #expect(sync.remoteStage(card) == mine.id)
        }
    }

    @Test(arguments: Subject.withSyncFaults)
    func aRecordDeletedAtTheProviderWhileEditedHereIsAConflictNotASilentRecreate(_ subject: Subject) async throws {
        try await withSync(subject) { sync in
            let (card, target) = try await sync.firstCardAndStage(1)
            let remoteID = try #require(card.remoteID)
            _ = try await sync.service.edit(id: card.id, input: ["name": "Edited while deleted"])
            _ = try await sync.service.move(id: card.id, toStage: target.name)
            sync.removeRemote(card)
            #expect(try await sync.service.push(account: "crm").conflicts == 1)
            #expect(!sync.remoteNames().contains("Edited while deleted"))
            let item = try #require(try await sync.service.outboxItems(account: "crm").first)
            #expect(item.conflict?.deletedAtProvider == true)

            // Keep mine: the record is made again, once, with my values.
            try await sync.service.resolveConflict(id: item.id, choice: .mine)
            var delivered = 0
            for _ in 0..<3 { delivered += try await sync.service.push(account: "crm").delivered }
            #expect(sync.remoteNames().filter { $0 == "Edited while deleted" }.count == 1)
            let local = try #require(try sync.store.opportunity(id: card.id))
            #expect(local.remoteID != nil && local.remoteID != remoteID)
            #expect(sync.remoteStage(local) == target.id)
        }
    }

    // MARK: Token revoked mid-sync

    @Test(arguments: Subject.withSyncFaults)
    func aRevokedTokenPausesOnlyThatAccountAndSaysHowToFixIt(_ subject: Subject) async throws {
        try await withSync(subject) { sync in
            let faults = try #require(sync.harness.faults)
            let pipeline = try await sync.service.pipelines(account: "crm")[0]
            let cards = Array(
                try sync.store.opportunities(account: "crm", pipelineID: pipeline.id, stageID: nil, statuses: [])
                    .filter { $0.stageID != pipeline.stages[3].id }.prefix(6))
            try #require(cards.count == 6)
            for card in cards { _ = try await sync.service.move(id: card.id, toStage: pipeline.stages[3].name) }
            let local = try #require(
                try sync.store.opportunities(account: "desk", pipelineID: nil, stageID: nil, statuses: []).first)
            _ = try await sync.service.edit(id: local.id, input: ["name": "Still delivered"])

            // The token is revoked while the queue is being sent.
            faults.latency = .milliseconds(40)
            let revoker = Task {
                try await Task.sleep(for: .milliseconds(150)); faults.tokenRevoked = true
            }
            let reports = await sync.service.pushAll()
            try await revoker.value
            let crm = try #require(reports["crm"])
            #expect(crm.paused && crm.failed == 0)
            #expect(try sync.store.outbox(account: "crm", states: [.pending]).count == 6 - crm.delivered)
            #expect(reports["desk"]?.delivered == 1)
            let attention = try #require(try await sync.service.attention(account: "crm"))
            #expect(attention.variables == ["$PIPEBOARD_TEST_TOKEN"])
            let message = attention.description
            #expect(message.contains("PIPEBOARD_TEST_TOKEN") && message.contains("pipeboard outbox retry --all"))
            #expect(try await sync.service.board(BoardQuery(account: "crm")).attention == message)
            let items = try await sync.service.outboxItems(account: "crm")
            #expect(items.allSatisfy { $0.state == .paused && $0.attention == attention && $0.reason == message })

            // Paused: nothing more is sent, however often delivery runs.
            let before = sync.harness.requestCount
            _ = await sync.service.pushAll()
            #expect(sync.harness.requestCount == before)

            // Fixed: an explicit retry lifts the pause and the rest goes out.
            faults.tokenRevoked = false
            faults.latency = .zero
            try await sync.service.retryAll(account: "crm")
            #expect(try await sync.service.push(account: "crm").delivered == 6 - crm.delivered)
            for card in cards { #expect(sync.remoteStage(card) == pipeline.stages[3].id) }
            #expect(try await sync.service.attention(account: "crm") == nil)
        }
    }

    // MARK: Undo that reaches the provider

    @Test(arguments: Subject.withSyncFaults)
    func undoWithdrawsAnUndeliveredChangeAndCompensatesADeliveredOne(_ subject: Subject) async throws {
        try await withSync(subject) { sync in
            let (card, target) = try await sync.firstCardAndStage(2)
            _ = try await sync.service.move(id: card.id, toStage: target.name)
            let before = sync.harness.requestCount
            try await sync.service.undo()
            #expect(try sync.store.outbox(account: "crm", states: []).isEmpty)
            #expect(try sync.store.opportunity(id: card.id)?.stageID == card.stageID)
            #expect(try await sync.service.push(account: "crm").delivered == 0)
            #expect(sync.harness.requestCount == before) // nothing ever went out

            _ = try await sync.service.move(id: card.id, toStage: target.name)
            #expect(try await sync.service.push(account: "crm").delivered == 1)
            #expect(sync.remoteStage(card) == target.id)
            try await sync.service.undo()
            #expect(try sync.store.outbox(account: "crm", states: []).count == 1)
            #expect(try await sync.service.push(account: "crm").delivered == 1)
            #expect(sync.remoteStage(card) == card.stageID)
        }
    }

    // MARK: Incremental pull

    @Test func twentyPullsOnlyWhatChangedSinceItsOwnWatermark() async throws {
        try await withSync(.twenty, count: 30) { sync in
            let fake = try #require(sync.harness.twenty)
            let (card, _) = try await sync.firstCardAndStage(1)
            try await Task.sleep(for: .milliseconds(5))
            sync.editRemote(card, name: "Changed after the first pull")
            let report = try await sync.service.pull(account: "crm", full: false)
            #expect(report.incremental == 1 && report.received >= 1 && report.received < 30)
            // The opportunities are read since the watermark (the open tasks are read after them).
            let lastPage = fake.requests.last { $0.path == "/rest/opportunities" }
            #expect(lastPage?.query["filter"]?.hasPrefix("updatedAt[gte]:") == true)
            #expect(try sync.store.opportunity(id: card.id)?.name == "Changed after the first pull")
        }
    }
}

/// The transport's attempts per request in these tests (Harness.fastRetry).
enum RetryPolicyLimits { static let attempts = 4 }

/// A clock the tests move by hand, so backoff is checked without waiting.
final class TestClock: Sendable {
    private let now = Mutex(Date())
    var date: Date { now.withLock { $0 } }
    func advance(by seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A service with one CRM account ("crm", on a fake) and one local account ("desk"), already pulled.
struct SyncBench {
    let harness: Harness
    let store: CacheStore
    let service: BoardService
    let clock: TestClock

    func firstCardAndStage(_ stageIndex: Int) async throws -> (Opportunity, Stage) {
        let pipeline = try await service.pipelines(account: "crm")[0]
        let card = try #require(
            try store.opportunities(account: "crm", pipelineID: pipeline.id, stageID: nil, statuses: [])
                .first { $0.stageID != pipeline.stages[stageIndex].id })
        return (card, pipeline.stages[stageIndex])
    }

    func remoteStage(_ card: Opportunity) -> String? {
        guard let id = card.remoteID else { return nil }
        return harness.highLevel?.opportunity(id: id)?.pipelineStageId
            ?? harness.twenty?.opportunity(id: id).flatMap { $0.deletedAt == nil ? $0.stage : nil }
    }

    func remoteName(_ card: Opportunity) -> String? {
        guard let id = card.remoteID else { return nil }
        return harness.highLevel?.opportunity(id: id)?.name ?? harness.twenty?.opportunity(id: id)?.name
    }

    /// Names of every live record at the fake.
    func remoteNames() -> [String] {
        if let fake = harness.highLevel { return fake.opportunities.map(\.name) }
        return harness.twenty?.opportunities.filter { $0.deletedAt == nil }.compactMap(\.name) ?? []
    }

    func editRemote(_ card: Opportunity, name: String? = nil, stageID: String? = nil) {
        guard let id = card.remoteID else { return }
        harness.highLevel?.edit(id: id) { record in
            if let name { record.name = name }
            if let stageID { record.pipelineStageId = stageID }
        }
        harness.twenty?.edit(id: id) { record in
            if let name { record.name = name }
            if let stageID { record.stage = stageID }
        }
    }

    func removeRemote(_ card: Opportunity) {
        guard let id = card.remoteID else { return }
        harness.highLevel?.remove(id: id)
        harness.twenty?.remove(id: id)
    }
}

/// Requests that carry the stage the provider does not have (GHOST_STAGE, on purpose) are left out of the spec check.
func withSync(_ subject: Subject, count: Int = 12, _ body: (SyncBench) async throws -> Void) async throws {
    try await withHarness(subject, count: count, unchecked: { $0.body.contains("GHOST_STAGE") }) { harness in
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-syncfault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
        let desk = try LocalWorkspaceProvider(path: folder.appendingPathComponent("desk.sqlite").path)
        let kind: ProviderKind = subject == .highLevel ? .highlevel : .twenty
        let clock = TestClock()
        let service = BoardService(
            store: store,
            accounts: [
                Account(
                    config: AccountConfig(
                        name: "crm", provider: kind, settings: ["token_env": .text("PIPEBOARD_TEST_TOKEN")]),
                    provider: harness.provider),
                Account(config: AccountConfig(name: "desk", provider: .local), provider: desk),
            ], clock: { clock.date })
        try await service.prepareLocalWorkspace(account: "desk")
        try await service.pull(account: "crm")
        try await service.pull(account: "desk")
        try await body(SyncBench(harness: harness, store: store, service: service, clock: clock))
    }
}

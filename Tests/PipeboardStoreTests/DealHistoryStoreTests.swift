import Foundation
import PipeboardCore
import Testing
@testable import PipeboardStore

@Suite("Deal history in the store")
struct DealHistoryStoreTests {
    let store: CacheStore
    init() throws { store = try CacheStore.inMemory() }

    func pulled(_ card: Opportunity, stage: String? = nil, value: Money? = nil, updated: Date, stageTime: Date? = nil)
        -> RemoteOpportunity
    {
        RemoteOpportunity(
            remoteID: card.remoteID!, pipelineID: card.pipelineID, stageID: stage ?? card.stageID, name: card.name,
            value: value ?? card.value, status: card.status, owner: card.owner, closeDate: card.closeDate,
            createdAt: card.createdAt, updatedAt: updated, stageChangedAt: stageTime)
    }

    @Test func anUpdateWithASourceRecordsEachTrackedFieldThatChanged() throws {
        let original = card("Acme", value: usd(100), remoteID: "r1")
        try store.seed([original])
        var changed = original
        changed.stageID = "proposal"
        changed.value = eur(250)
        changed.owner = "Ana"
        changed.closeDate = "2026-12-31"
        changed.name = "Acme renewal"
        changed.status = .won
        changed.tags = ["not tracked"]
        let at = referenceNow.addingTimeInterval(3_600)
        try store.write { try $0.update(changed, recording: ChangeSource(.local, at: at)) }
        let changes = try store.dealChanges(opportunityID: original.id)
        #expect(changes.map(\.field) == [.stage, .status, .value, .owner, .closeDate, .name])
        #expect(changes.allSatisfy { $0.at == at && $0.origin == .local && $0.clock == .commit })
        #expect(changes[0].from == "lead" && changes[0].to == "proposal" && changes[0].since == original.stageChangedAt)
        #expect(changes[1].from == "open" && changes[1].to == "won")
        #expect(
            DealChange.money(from: changes[2].from) == usd(100) && DealChange.money(from: changes[2].to) == eur(250))
        #expect(changes[3].from == nil && changes[3].to == "Ana")
        #expect(changes[5].from == "Acme" && changes[5].to == "Acme renewal")
    }

    @Test func anUpdateWithoutASourceOrWithoutATrackedChangeRecordsNothing() throws {
        let original = card("Acme", remoteID: "r1")
        try store.seed([original])
        var moved = original
        moved.stageID = "proposal"
        try store.write { try $0.update(moved) }
        var retagged = moved
        retagged.tags = ["x"]
        retagged.rank = 9
        try store.write { try $0.update(retagged, recording: ChangeSource(.local, at: referenceNow)) }
        #expect(try store.dealChangeCount() == 0)
    }

    @Test func aPullRecordsWhatTheProviderChangedAtItsOwnTimeElseTheUpdateTime() throws {
        let cached = card("Acme", value: usd(100), remoteID: "r1")
        let still = card("Still", value: usd(5), remoteID: "r2")
        try store.seed([cached, still])
        let stageTime = referenceNow.addingTimeInterval(7_200)
        let updated = referenceNow.addingTimeInterval(9_000)
        let records = [
            pulled(cached, stage: "proposal", value: usd(120), updated: updated, stageTime: stageTime),
            pulled(still, updated: updated),
        ]
        #expect(try store.write { try $0.mergePulled(account: "acme", records) } == 2)
        let changes = try store.dealChanges(opportunityID: cached.id)
        #expect(changes.map(\.field) == [.stage, .value])
        #expect(changes[0].at == stageTime && changes[0].clock == .providerChange && changes[0].origin == .provider)
        #expect(changes[1].at == updated && changes[1].clock == .recordUpdate)
        // An unchanged record, pulled again, adds nothing.
        #expect(try store.dealChanges(opportunityID: still.id).isEmpty)
        _ = try store.write { try $0.mergePulled(account: "acme", records) }
        #expect(try store.dealChangeCount() == 2)
    }

    @Test func aPulledStageChangeWithoutTheProvidersTimeTakesTheUpdateTime() throws {
        let cached = card("Acme", remoteID: "r1")
        try store.seed([cached])
        let updated = referenceNow.addingTimeInterval(500)
        _ = try store.write { try $0.mergePulled(account: "acme", [pulled(cached, stage: "won", updated: updated)]) }
        let change = try #require(try store.dealChanges(opportunityID: cached.id).first)
        #expect(change.at == updated && change.clock == .recordUpdate && change.since == cached.stageChangedAt)
    }

    @Test func aRebuildKeepsTheHistoryAndAPullLinksItToTheCardsNewId() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("cache.sqlite").path
            let original = card("Acme", remoteID: "r1")
            do {
                let store = try CacheStore(path: path)
                try store.seed([original])
                var moved = original
                moved.stageID = "proposal"
                try store.write { try $0.update(moved, recording: ChangeSource(.local, at: referenceNow)) }
            }
            let (rebuilt, report) = try CacheStore.rebuild(at: path)
            #expect(report.keptDealChanges == 1 && report.unreadable.isEmpty)
            #expect(try rebuilt.opportunity(id: original.id) == nil)
            // The pull brings the record back under a new local id; the history follows it there.
            var back = original
            back.stageID = "proposal"
            _ = try rebuilt.write { try $0.mergePulled(account: "acme", [pulled(back, updated: referenceNow)]) }
            let card = try #require(try rebuilt.opportunity(account: "acme", remoteID: "r1"))
            #expect(card.id != original.id)
            #expect(try rebuilt.write { try $0.relinkDealHistory() } == 1)
            #expect(try rebuilt.dealChanges(opportunityID: card.id).map(\.to) == ["proposal"])
            #expect(try rebuilt.write { try $0.relinkDealHistory() } == 0)
        }
    }

    @Test func theChangesFromAMomentOnAreReadInTimeOrder() throws {
        let a = card("A", remoteID: "r1")
        try store.seed([a])
        var later = a
        for (hour, stage) in [(3, "won"), (1, "proposal")] {
            later.stageID = stage
            try store.write {
                try $0.update(
                    later, recording: ChangeSource(.local, at: referenceNow.addingTimeInterval(Double(hour) * 3_600)))
            }
        }
        let since = try store.dealChanges(account: "acme", since: referenceNow.addingTimeInterval(1_800))
        #expect(since.map(\.to) == ["proposal", "won"])
        #expect(
            try store.dealChanges(account: "acme", since: referenceNow.addingTimeInterval(7_200)).map(\.to) == ["won"])
    }
}

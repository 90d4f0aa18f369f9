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

    /// The board as it was takes each field from its first change at or after the cutoff, by time and then as
    /// stored: two changes of one field at the same moment leave the value the first one started from.
    @Test func theCardAsItWasTakesEachFieldsFirstLaterChange() throws {
        let a = card("A", value: usd(100), remoteID: "r1", created: referenceNow.addingTimeInterval(-86_400))
        try store.seed([a])
        var later = a
        func hours(_ count: Double) -> Date { referenceNow.addingTimeInterval(count * 3_600) }
        for (hour, stage, value) in [(1.0, "proposal", usd(100)), (2, "proposal", usd(300)), (3, "won", usd(300))] {
            if stage != later.stageID { later.stageChangedAt = hours(hour) }
            later.stageID = stage
            later.value = value
            try store.write { try $0.update(later, recording: ChangeSource(.local, at: hours(hour))) }
        }
        // The same moment twice: proposal -> lead, then lead -> won.
        for stage in ["lead", "won"] {
            later.stageID = stage
            try store.write { try $0.update(later, recording: ChangeSource(.local, at: hours(4))) }
        }
        func past(_ cutoff: Date) throws -> Opportunity? {
            try store.opportunities(account: "acme", pipelineID: "sales", asOf: cutoff).first
        }
        func shown(_ cutoff: Date) throws -> [String?] {
            try past(cutoff).map { [$0.stageID, DealChange.text(of: $0.value)] } ?? []
        }
        #expect(try shown(hours(0.5)) == ["lead", "100000000 USD"])
        #expect(try shown(hours(1.5)) == ["proposal", "100000000 USD"])
        #expect(try shown(hours(2.5)) == ["proposal", "300000000 USD"])
        #expect(try past(hours(3.5))?.stageID == "won")
        #expect(try past(hours(4.5))?.stageID == "won")
        // The stage's time is the one the first later move started from.
        #expect(try past(hours(1.5))?.stageChangedAt == hours(1))
        #expect(try past(referenceNow.addingTimeInterval(-2 * 86_400)) == nil, "not created yet")
    }

    /// The board as it was reads every card in outline (its figures, order and filters) and only its windows whole:
    /// both agree with the whole cards as they were, for a card changed since, one changed twice at one moment, one
    /// deleted since and one created since.
    @Test func theBoardsOutlinesAndWindowsAgreeWithTheCardsAsTheyWere() throws {
        func hours(_ count: Double) -> Date { referenceNow.addingTimeInterval(count * 3_600) }
        var a = card("A", value: usd(100), remoteID: "r1", created: hours(-24))
        (a.contactName, a.companyName, a.tags, a.email) = ("Ana", "Acme", ["vip"], "ana@example.com")
        let b = card("B", stage: "proposal", rank: 1, value: usd(50), remoteID: "r2", created: hours(-24))
        let c = card("C", rank: 2, value: usd(70), remoteID: "r3", created: hours(-24))
        try store.seed([a, b, c])
        var moved = a
        (moved.stageID, moved.stageChangedAt, moved.value, moved.owner, moved.name) =
            ("proposal", hours(1), usd(400), "Bo", "A renewed")
        try store.write { try $0.update(moved, recording: ChangeSource(.local, at: hours(1))) }
        var twice = b
        for stage in ["lead", "won"] {
            twice.stageID = stage
            try store.write { try $0.update(twice, recording: ChangeSource(.local, at: hours(2))) }
        }
        try store.write { try $0.delete(id: c.id, recording: ChangeSource(.local, at: hours(3))) }
        try store.seed([card("Later", value: usd(1), remoteID: "r4", created: hours(2.5))])
        func board(_ card: Opportunity) -> [String?] {
            [
                card.stageID, card.status.rawValue, DealChange.text(of: card.value), card.owner, card.name,
                "\(card.stageChangedAt.timeIntervalSince1970)", card.contactName, card.companyName,
                card.tags.joined(separator: ","),
            ]
        }
        var shown: [[String]] = []
        for cutoff in [hours(0.5), hours(1.5), hours(2.5), hours(3.5)] {
            let whole = try store.opportunities(account: "acme", pipelineID: "sales", asOf: cutoff)
            let outlines = try store.pastOutlines(account: "acme", pipelineID: "sales", asOf: cutoff)
            let byID = Dictionary(uniqueKeysWithValues: whole.map { ($0.id, $0) })
            #expect(outlines.count == whole.count && Set(outlines.map(\.id)) == Set(byID.keys))
            for outline in outlines {
                #expect(board(outline) == byID[outline.id].map(board), "\(outline.name) as of \(cutoff)")
                #expect(outline.email == nil, "an outline leaves the email out")
            }
            // The windows, in the order asked, are the whole cards.
            let ids = outlines.map(\.id).reversed() + [UUID()]
            #expect(try store.pastCards(ids: Array(ids), account: "acme", asOf: cutoff) == ids.compactMap { byID[$0] })
            shown.append(outlines.map { "\($0.name) \($0.stageID)" }.sorted())
        }
        #expect(
            shown == [
                ["A lead", "B proposal", "C lead"], ["A renewed proposal", "B proposal", "C lead"],
                ["A renewed proposal", "B won", "C lead"], ["A renewed proposal", "B won", "Later lead"],
            ])
    }

    /// Velocity read in one pass in deal order is what `Velocity.compute` makes of every change at once.
    @Test func velocityReadInOnePassEqualsTheFiguresOverAllTheChanges() throws {
        var random = SplitMix64(seed: 7)
        let stages = salesPipeline.stages.map(\.id)
        var cards: [Opportunity] = []
        for index in 0..<60 {
            var deal = card(
                "D\(index)", stage: stages[index % 3], value: usd(Int64(100 + index)), remoteID: "r\(index)",
                created: referenceNow.addingTimeInterval(-Double(90 - index) * 86_400))
            deal.stageChangedAt = referenceNow.addingTimeInterval(-Double(index % 20) * 86_400)
            if index % 3 == 2 { deal.status = index % 2 == 0 ? .won : .lost }
            cards.append(deal)
        }
        try store.seed(cards)
        var changes: [DealChange] = []
        for deal in cards where deal.name != "D0" {
            changes += DemoHistory.changes(
                for: deal, stages: stages, perDeal: 6, now: referenceNow, random: &random)
        }
        // A move taken back by an undo, and a status change: both count differently.
        changes.append(
            DealChange(
                opportunityID: cards[1].id, account: "acme", field: .stage, from: "proposal", to: "won",
                at: referenceNow.addingTimeInterval(60), since: cards[1].stageChangedAt, origin: .local,
                clock: .commit))
        changes.append(
            DealChange(
                opportunityID: cards[1].id, account: "acme", field: .stage, from: "won", to: "proposal",
                at: referenceNow.addingTimeInterval(120), since: referenceNow.addingTimeInterval(60), origin: .undo,
                clock: .commit))
        changes.append(
            DealChange(
                opportunityID: cards[2].id, account: "acme", field: .status, from: "open", to: "won",
                at: referenceNow.addingTimeInterval(-86_400), since: cards[2].createdAt, origin: .local,
                clock: .commit))
        try store.write { try $0.record(changes) }
        for period in [Period.always, Period(since: referenceNow.addingTimeInterval(-30 * 86_400))] {
            let streamed = try store.velocity(account: "acme", pipeline: salesPipeline, period: period)
            let stored = try cards.flatMap { try store.dealChanges(opportunityID: $0.id) }
            let whole = Velocity.compute(
                pipeline: salesPipeline,
                cards: cards.map {
                    VelocityCard(
                        id: $0.id, stageID: $0.stageID, status: $0.status, createdAt: $0.createdAt,
                        statusChangedAt: $0.statusChangedAt ?? $0.updatedAt)
                }, changes: stored, period: period)
            #expect(streamed.stages.map(\.stays) == whole.stages.map(\.stays))
            #expect(streamed.stages.map(\.entered) == whole.stages.map(\.entered))
            #expect(streamed.stages.map(\.advanced) == whole.stages.map(\.advanced))
            #expect(streamed.stages.map(\.medianDays) == whole.stages.map(\.medianDays))
            #expect(
                [streamed.won, streamed.lost, streamed.fromTransitions, streamed.fromSnapshot] as [Int]
                    == [whole.won, whole.lost, whole.fromTransitions, whole.fromSnapshot])
            #expect(streamed.medianDaysToWon == whole.medianDaysToWon)
            if period == .always {
                #expect(streamed.fromTransitions > 0 && streamed.fromSnapshot > 0, "both ways are exercised")
            }
        }
    }
}

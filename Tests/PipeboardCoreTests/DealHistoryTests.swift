import Foundation
import PipeboardCore
import Testing

@Suite("Deal history: the board as it was, velocity")
struct DealHistoryTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    static func at(_ days: Double) -> Date { t0.addingTimeInterval(days * 86_400) }
    static let pipeline = DemoData.pipeline // lead, qualified, proposal, negotiation

    static func move(
        _ id: UUID, _ from: String, _ to: String, day: Double, since: Double, origin: ChangeOrigin = .local
    ) -> DealChange {
        DealChange(
            opportunityID: id, account: "a", field: .stage, from: from, to: to, at: at(day), since: at(since),
            origin: origin, clock: .commit)
    }

    @Test func endOfDayIsTheNextMidnightInUTCAndRefusesWhatIsNotADay() {
        #expect(AsOf.endOfDay("2026-11-01") == ISO8601DateFormatter().date(from: "2026-11-02T00:00:00Z"))
        for bad in ["2026-11-31", "2026-13-01", "26-11-01", "2026-1-01", "yesterday", "", "2026-11-01T00:00"] {
            #expect(AsOf.endOfDay(bad) == nil, "\(bad)")
        }
    }

    @Test func aCardIsTakenBackThroughItsLaterChangesNewestFirst() throws {
        let id = UUID()
        var card = Opportunity(
            id: id, account: "a", pipelineID: "sales", stageID: "proposal", name: "Now", value: nil, status: .won,
            createdAt: Self.at(0), stageChangedAt: Self.at(5))
        card.owner = "Bo"
        let changes = [
            Self.move(id, "lead", "qualified", day: 2, since: 0),
            Self.move(id, "qualified", "proposal", day: 5, since: 2),
            DealChange(
                opportunityID: id, account: "a", field: .value, from: "100000000 USD", to: nil, at: Self.at(4),
                origin: .provider, clock: .recordUpdate),
            DealChange(
                opportunityID: id, account: "a", field: .status, from: "open", to: "won", at: Self.at(6),
                since: Self.at(0), origin: .local, clock: .commit),
            DealChange(
                opportunityID: id, account: "a", field: .name, from: "Then", to: "Now", at: Self.at(3),
                origin: .local, clock: .commit),
        ]
        #expect(AsOf.state(of: card, changes: changes, before: Self.at(0)) == nil) // not created yet
        let day1 = try #require(AsOf.state(of: card, changes: changes, before: Self.at(1)))
        #expect(day1.stageID == "lead" && day1.status == .open && day1.name == "Then")
        #expect(day1.value == Money(micros: 100_000_000, currency: "USD") && day1.stageChangedAt == Self.at(0))
        #expect(day1.owner == "Bo") // never changed since the history began
        let day4 = try #require(AsOf.state(of: card, changes: changes, before: Self.at(4.5)))
        #expect(
            day4.stageID == "qualified" && day4.value == nil && day4.name == "Now" && day4.stageChangedAt == Self.at(2))
        #expect(AsOf.state(of: card, changes: changes, before: Self.at(7)) == card)
    }

    @Test func aDeletedDealIsBackFromItsCopyAndARestoredOneIsAbsentWhileItWasGone() throws {
        let card = Opportunity(account: "a", pipelineID: "sales", stageID: "lead", name: "Gone", createdAt: Self.at(0))
        var moved = card
        moved.stageID = "qualified"
        let history = [
            Self.move(card.id, "lead", "qualified", day: 2, since: 0),
            DealChange.deletion(of: moved, at: Self.at(3), origin: .local),
            DealChange.restoration(of: moved, at: Self.at(5), origin: .undo),
        ]
        // Gone now: before its deletion it shows as it was, before its move in Lead.
        #expect(AsOf.state(of: nil, changes: Array(history.prefix(2)), before: Self.at(2.5))?.stageID == "qualified")
        #expect(AsOf.state(of: nil, changes: Array(history.prefix(2)), before: Self.at(1))?.stageID == "lead")
        #expect(AsOf.state(of: nil, changes: Array(history.prefix(2)), before: Self.at(4)) == nil)
        // Back now: absent while it was gone, present before.
        #expect(AsOf.state(of: moved, changes: history, before: Self.at(4)) == nil)
        #expect(AsOf.state(of: moved, changes: history, before: Self.at(2.5))?.name == "Gone")
        #expect(AsOf.state(of: moved, changes: history, before: Self.at(6)) == moved)
    }

    @Test func velocityCountsStaysTheFunnelWinsAndSaysHowItCounted() throws {
        let a = UUID(), b = UUID(), c = UUID(), d = UUID()
        let cards = [
            VelocityCard(id: a, stageID: "proposal", status: .won, createdAt: Self.at(0), statusChangedAt: Self.at(20)),
            VelocityCard(
                id: b, stageID: "qualified", status: .lost, createdAt: Self.at(1), statusChangedAt: Self.at(9)),
            // No history: the snapshot way.
            VelocityCard(
                id: c, stageID: "qualified", status: .open, createdAt: Self.at(2), statusChangedAt: Self.at(2)),
            VelocityCard(id: d, stageID: "lead", status: .open, createdAt: Self.at(3), statusChangedAt: Self.at(3)),
        ]
        let changes = [
            Self.move(a, "lead", "qualified", day: 4, since: 0),
            Self.move(a, "qualified", "proposal", day: 10, since: 4),
            Self.move(b, "lead", "qualified", day: 2, since: 1),
            // Moved on and taken back at once: not a stay, not an entry.
            Self.move(b, "qualified", "proposal", day: 3, since: 2),
            Self.move(b, "proposal", "qualified", day: 3.01, since: 3, origin: .undo),
            DealChange(
                opportunityID: a, account: "a", field: .status, from: "open", to: "won", at: Self.at(12),
                since: Self.at(0), origin: .local, clock: .commit),
        ]
        let velocity = Velocity.compute(pipeline: Self.pipeline, cards: cards, changes: changes, period: .always)
        let lead = velocity.stages[0], qualified = velocity.stages[1], proposal = velocity.stages[2]
        #expect(lead.stays == 2 && lead.medianDays == 2.5 && lead.meanDays == 2.5) // a: 4 days, b: 1 day
        #expect(qualified.stays == 1 && qualified.medianDays == 6)
        #expect(proposal.stays == 0 && proposal.medianDays == nil)
        // Entered Lead: a and b (by creation), c and d (snapshot). Further: a, b, c (in Qualified now).
        #expect(lead.entered == 4 && lead.advanced == 3)
        // Qualified: a, b by moves, c by snapshot; further: a only.
        #expect(qualified.entered == 3 && qualified.advanced == 1)
        // Proposal: a, which was won after.
        #expect(proposal.entered == 1 && proposal.advanced == 1)
        #expect(velocity.won == 1 && velocity.lost == 1 && velocity.winRate == 0.5)
        // Won by its change's own time (day 12), not the card's later status time.
        #expect(velocity.medianDaysToWon == 12)
        #expect(velocity.fromTransitions == 2 && velocity.fromSnapshot == 2)
        #expect(velocity.method == "transitions + snapshot")

        let late = Velocity.compute(
            pipeline: Self.pipeline, cards: cards, changes: changes, period: Period(since: Self.at(5)))
        #expect(late.stages[0].stays == 0 && late.stages[1].stays == 1)
        #expect(late.stages[2].entered == 1 && late.stages[0].entered == 0)
        #expect(late.won == 1 && late.lost == 1)
        #expect(late.fromSnapshot == 0)
    }

    @Test func aPulledChangeIsTimedByTheProvidersOwnTimeElseTheUpdateTime() {
        let cached = Opportunity(account: "a", pipelineID: "sales", stageID: "lead", name: "X", createdAt: Self.at(0))
        var record = RemoteOpportunity(
            remoteID: "r", pipelineID: "sales", stageID: "proposal", name: "X", status: .won, createdAt: Self.at(0),
            updatedAt: Self.at(9), stageChangedAt: Self.at(7))
        var card = record.opportunity(account: "a", existing: cached, defaultRank: 0)
        var changes = DealChange.pulled(cached, record, into: card)
        #expect(changes.map(\.field) == [.stage, .status])
        #expect(changes[0].at == Self.at(7) && changes[0].clock == .providerChange)
        #expect(changes[1].at == Self.at(9) && changes[1].clock == .recordUpdate)
        record.stageChangedAt = nil
        record.status = .open
        card = record.opportunity(account: "a", existing: cached, defaultRank: 0)
        changes = DealChange.pulled(cached, record, into: card)
        #expect(changes.map(\.field) == [.stage] && changes[0].at == Self.at(9) && changes[0].clock == .recordUpdate)
    }
}

import Foundation
import PipeboardCore
import Testing
@testable import PipeboardTUI

/// The timeline, the velocity view and the board as it was.
@Suite("History on the board")
struct HistoryViewTests {
    static let day = 86_400.0

    /// Acme: created in Lead 40 days ago, moved to Qualified after 10 days, back to Lead by the provider, its value
    /// raised, moved again and undone.
    static var acmeHistory: [DealChange] {
        let created = Fixture.now.addingTimeInterval(-40 * day)
        func change(
            _ field: DealField, _ from: String?, _ to: String?, daysAgo: Double, since: Double? = nil,
            origin: ChangeOrigin = .local
        ) -> DealChange {
            DealChange(
                opportunityID: Fixture.id(1), account: "agency", field: field, from: from, to: to,
                at: Fixture.now.addingTimeInterval(-daysAgo * day),
                since: since.map { Fixture.now.addingTimeInterval(-$0 * day) }, origin: origin,
                clock: origin == .provider ? .providerChange : .commit)
        }
        _ = created
        return [
            change(.stage, "lead", "qualified", daysAgo: 30, since: 40),
            change(.value, "10000000000 USD", "12500000000 USD", daysAgo: 25),
            change(.stage, "qualified", "lead", daysAgo: 12, since: 30, origin: .provider),
            change(.status, "open", "lost", daysAgo: 11, since: 40),
            change(.status, "lost", "open", daysAgo: 11, since: 11, origin: .undo),
        ]
    }

    func detailWithTimeline(width: Int, height: Int) -> AppState {
        var state = Fixture.state(width: width, height: height)
        press(&state, .enter)
        let effects = press(&state, .character("h"))
        #expect(effects == [.loadTimeline(id: Fixture.id(1))])
        _ = update(&state, .timelineLoaded(id: Fixture.id(1), changes: Self.acmeHistory))
        return state
    }

    @Test func timeline120x40() {
        assertGolden(view(detailWithTimeline(width: 120, height: 40)), "timeline-120x40")
    }

    @Test func timeline80x24() {
        assertGolden(view(detailWithTimeline(width: 80, height: 24)), "timeline-80x24")
    }

    @Test func theTimelineClosesBackToTheDetails() {
        var state = detailWithTimeline(width: 120, height: 40)
        press(&state, .escape)
        #expect(state.mode == .detail(Fixture.id(1)))
        press(&state, .escape)
        #expect(state.mode == .board)
    }

    static func line(_ index: Int, _ stays: Int, _ median: Double?, _ mean: Double?, _ entered: Int, _ advanced: Int)
        -> Velocity.StageLine
    {
        Velocity.StageLine(
            stage: Fixture.pipeline.stages[index], stays: stays, medianDays: median, meanDays: mean, entered: entered,
            advanced: advanced)
    }

    static let velocity = Velocity(
        period: Period(),
        stages: [
            line(0, 40, 6.5, 9.25, 50, 31), line(1, 28, 11, 14.1, 31, 17), line(2, 15, 20, 19.5, 17, 9),
            line(3, 7, 8, 12, 9, 5), line(4, 0, nil, nil, 5, 5),
        ], won: 5, lost: 7, medianDaysToWon: 41.5, meanDaysToWon: 44.0, fromTransitions: 38, fromSnapshot: 12)

    func velocityView(width: Int, height: Int) -> AppState {
        var state = Fixture.state(width: width, height: height)
        let effects = press(&state, .character("V"))
        #expect(effects == [.loadVelocity(account: "agency", pipelineID: "sales", period: Period())])
        _ = update(&state, .velocityLoaded(Self.velocity))
        return state
    }

    @Test func velocity120x40() {
        assertGolden(view(velocityView(width: 120, height: 40)), "velocity-120x40")
    }

    @Test func velocity80x24() {
        assertGolden(view(velocityView(width: 80, height: 24)), "velocity-80x24")
    }

    @Test func theVelocityViewCyclesItsPeriodAndAsksAgain() {
        var state = velocityView(width: 120, height: 40)
        let effects = press(&state, .tab)
        #expect(state.mode == .velocity(.days30) && state.velocity == nil)
        #expect(
            effects == [
                .loadVelocity(
                    account: "agency", pipelineID: "sales",
                    period: Period(since: Fixture.now.addingTimeInterval(-30 * Self.day)))
            ])
        press(&state, .character("V"))
        #expect(state.mode == .board)
    }

    func past(width: Int, height: Int) -> AppState {
        let cutoff = AsOf.endOfDay("2025-12-31")!
        var state = AppState(width: width, height: height, now: Fixture.now)
        state.asOf = cutoff
        _ = update(&state, .tick(Fixture.now))
        var snapshot = Fixture.snapshot(capabilities: [])
        snapshot.asOf = cutoff
        snapshot.pendingChanges = 0
        snapshot.failedChanges = 0
        snapshot.cardSync = [:]
        _ = update(&state, .boardLoaded(snapshot))
        return state
    }

    @Test func pastBanner120x40() {
        assertGolden(view(past(width: 120, height: 40)), "as-of-120x40")
    }

    @Test func pastBanner80x24() {
        assertGolden(view(past(width: 80, height: 24)), "as-of-80x24")
    }

    @Test func theBoardAsItWasAsksForItsDayAndKeepsItsMoment() {
        let state = past(width: 120, height: 40)
        #expect(state.boardQuery.asOf == AsOf.endOfDay("2025-12-31"))
        #expect(state.now == AsOf.endOfDay("2025-12-31")!.addingTimeInterval(-1))
    }

    @Test func keysThatChangeThingsSayWhyTheyAreOff() {
        let keys: [(Key, String)] = [
            (.character("a"), "Adding is off"), (.character("e"), "Editing is off"), (.character("m"), "Moving is off"),
            (.character("L"), "Moving is off"), (.character("K"), "Reordering is off"),
            (.character("d"), "Deleting is off"), (.character("W"), "Setting a status is off"),
            (.character("u"), "Undo is off"), (.control("r"), "Redo is off"), (.character("v"), "Selecting is off"),
            (.character("o"), "The outbox is off"),
        ]
        for (key, sentence) in keys {
            var state = past(width: 120, height: 40)
            let effects = press(&state, key)
            #expect(effects.isEmpty, "\(key)")
            #expect(state.mode == .board, "\(key)")
            #expect(state.status?.kind == .error, "\(key)")
            #expect(state.status?.text.hasPrefix(sentence) == true, "\(key): \(state.status?.text ?? "")")
            #expect(state.status?.text.contains("as of 2025-12-31") == true, "\(key)")
        }
        // Reading keys still work.
        var state = past(width: 120, height: 40)
        press(&state, .right, .enter)
        #expect(state.mode == .detail(Fixture.id(4)))
    }

    @Test func aDragOnTheBoardAsItWasIsRefusedWithTheReason() {
        var state = past(width: 120, height: 40)
        var allowedNow = true
        if let snapshot = state.snapshot { allowedNow = allowed(.move, in: snapshot, state: &state) }
        #expect(!allowedNow)
        #expect(state.status?.text.hasPrefix("Moving opportunities between stages is off") == true)
    }
}

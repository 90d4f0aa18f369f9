import Foundation
import PipeboardCore
import Testing

/// A note added or a task finished counts as a change for staleness, unless the config says it does not.
@Suite("Staleness counts activity")
struct StaleActivityTests {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)
    static let stage = Stage(id: "lead", name: "Lead", position: 0)
    static let card = Opportunity(
        account: "a", pipelineID: "p", stageID: "lead", rank: 0, name: "Acme",
        createdAt: now.addingTimeInterval(-90 * 86_400), stageChangedAt: now.addingTimeInterval(-40 * 86_400))

    @Test func aRecentNoteOrFinishedTaskResetsTheClock() {
        let policy = StalePolicy(defaultDays: 30)
        let untouched = Self.card.updatedAt
        #expect(untouched <= Self.now.addingTimeInterval(-40 * 86_400))
        #expect(policy.staleDays(of: Self.card, in: Self.stage, now: Self.now) == 40)
        let recent = Self.now.addingTimeInterval(-2 * 86_400)
        #expect(policy.staleDays(of: Self.card, in: Self.stage, now: Self.now, activity: recent) == nil)
        // Older activity than the last change changes nothing.
        let old = Self.now.addingTimeInterval(-60 * 86_400)
        #expect(policy.staleDays(of: Self.card, in: Self.stage, now: Self.now, activity: old) == 40)
        // Activity 35 days ago: idle 35 days, still stale, by those days.
        let older = Self.now.addingTimeInterval(-35 * 86_400)
        #expect(policy.staleDays(of: Self.card, in: Self.stage, now: Self.now, activity: older) == 35)
    }

    @Test func theConfigCanLeaveActivityOut() {
        let policy = StalePolicy(defaultDays: 30, countsActivity: false)
        #expect(policy.staleDays(of: Self.card, in: Self.stage, now: Self.now, activity: Self.now) == 40)
    }
}

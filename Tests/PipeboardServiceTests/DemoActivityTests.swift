import Foundation
import PipeboardCore
import PipeboardService
import PipeboardStore
import Testing

/// `pipeboard demo --tasks`: generated notes and tasks written in bulk to the workspace and the cache, which then
/// agree, as a pull would have left them.
@Suite struct DemoActivityTests {
    @Test func generatedTasksReachTheWorkspaceAndTheCacheAlike() async throws {
        let bench = try await Workbench().seededDealsOnly()
        defer { bench.cleanUp() }
        let deals = try await bench.service.list(account: nil, pipeline: nil, stage: nil, statuses: [])
        let before = try await bench.service.board(BoardQuery())
        let (cachedBefore, _) = try await activity(of: deals, in: bench)
        let written = try await bench.service.fillDemoActivity(account: nil, perDeal: 2)
        #expect(written.tasks > deals.count && written.notes > 0)

        // The workspace holds what the cache holds, task for task, under the same remote ids.
        let (cached, notes) = try await activity(of: deals, in: bench)
        #expect(cached.count - cachedBefore.count == written.tasks)
        #expect(notes == written.notes)
        for deal in deals {
            let here = try await bench.service.tasks(of: deal.id).map(\.remoteID).sorted { ($0 ?? "") < ($1 ?? "") }
            let there = try await bench.local.tasks(of: deal).map(\.remoteID).sorted()
            #expect(here == there, "\(deal.name)")
        }
        // A pull afterwards finds nothing to change.
        try await bench.service.pull(account: nil)
        #expect(try await activity(of: deals, in: bench).tasks == cached)

        // A mix of next steps on the open deals: overdue, today, later, and deals with none.
        let board = try await bench.service.board(BoardQuery())
        let today = ISODay.string(from: Workbench.now)
        let steps = board.columns.flatMap { column in column.cards.map { column.nextSteps[$0.id] } }
        #expect(steps.contains { ($0?.due?.day ?? "~") < today })
        #expect(steps.contains { $0?.due?.day == today })
        #expect(steps.contains { ($0?.due?.day ?? "") > today })
        #expect(steps.contains { $0 == nil })
        // Written and finished before each deal's last change: no stale mark moves.
        expectNoStaleMarkMoved(from: before, to: board)
    }

    /// A first run's workspace has next steps of every kind, notes, and deals with nothing planned.
    @Test func theFirstRunSeedsTasksAndNotes() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let agenda = try await bench.service.nextSteps(account: nil)
        for group in [Agenda.Group.overdue, .today, .later, .noNextStep] {
            #expect(!agenda.entries(in: group).isEmpty, "\(group)")
        }
        let deals = try await bench.service.list(account: nil, pipeline: nil, stage: nil, statuses: [])
        var notes = 0
        for deal in deals { notes += try await bench.service.notes(of: deal.id).count }
        #expect(notes > 0)
    }

    @Test func theSameSeedGivesTheSameActivity() {
        let card = DemoData.opportunities(count: 1, seed: 3, account: "local", now: Workbench.now)[0]
        var first = SplitMix64(seed: 9)
        var second = SplitMix64(seed: 9)
        let one = DemoActivity.activity(for: card, perDeal: 4, now: Workbench.now, random: &first)
        let two = DemoActivity.activity(for: card, perDeal: 4, now: Workbench.now, random: &second)
        #expect(one.tasks == two.tasks && one.notes == two.notes)
        var none = SplitMix64(seed: 9)
        #expect(DemoActivity.activity(for: card, perDeal: 0, now: Workbench.now, random: &none).tasks.isEmpty)
    }

    /// Every cached task of the deals, and how many notes they have.
    private func activity(of deals: [Opportunity], in bench: Workbench) async throws
        -> (tasks: [DealTask], notes: Int)
    {
        var tasks: [DealTask] = []
        var notes = 0
        for deal in deals {
            tasks += try await bench.service.tasks(of: deal.id)
            notes += try await bench.service.notes(of: deal.id).count
        }
        return (tasks, notes)
    }
}

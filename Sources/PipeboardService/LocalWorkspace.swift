import Foundation
import PipeboardCore

/// Set-up of local workspaces: the demo pipeline on a first run, and generated data for `pipeboard demo`.
extension BoardService {
    /// On a first run (an empty workspace), seeds the demo pipeline with a few opportunities, their tasks and notes
    /// (so that cards, the agenda and the details show next steps at once) and the stage changes that brought them
    /// where they are (so that velocity and the board as it was have a past); then makes sure the cache holds the
    /// workspace. Returns true when it seeded.
    @discardableResult
    package func prepareLocalWorkspace(account name: String?) async throws -> Bool {
        let account = try account(name)
        guard let local = account.provider as? any SeedableWorkspace else { return false }
        let seeded = try local.isEmpty()
        if seeded {
            try local.savePipeline(DemoData.pipeline, position: 0)
            try local.insertMany(
                DemoData.opportunities(
                    count: DemoData.starterCount, seed: demoSeed(account.name), account: account.name, now: clock()))
        }
        if try seeded || store.pipelines(account: account.name).isEmpty {
            try await pull(account: account.name)
        }
        if seeded {
            try fillDemoActivity(account: account.name, perDeal: DemoData.starterTasks, seed: demoSeed(account.name))
            try fillFirstRunHistory(account: account.name, seed: demoSeed(account.name))
        }
        return seeded
    }

    /// Adds `count` generated opportunities to the local workspace's demo pipeline and pulls them into the cache.
    /// A generated deal whose id the workspace has (the first run's deals are seed 1's first) is left as it is,
    /// edits and all. Returns how many were added.
    @discardableResult
    package func fillDemo(
        account name: String?, count: Int, seed: UInt64, progress: (@Sendable (Int, Int) -> Void)? = nil,
        pulled: (@Sendable (PullReport) -> Void)? = nil
    ) async throws -> Int {
        let account = try account(name)
        guard let local = account.provider as? any SeedableWorkspace else {
            throw ServiceError.notOffered(.unsupported(provider: account.provider.displayName, operation: .create))
        }
        if try local.isEmpty() { try local.savePipeline(DemoData.pipeline, position: 0) }
        // Made one at a time as they are stored: a million never sit in memory together.
        let added = try local.insertNew(
            DemoData.Stream(count: count, seed: seed, account: account.name, now: clock())
        ) { progress?($0, count) }
        // Into a cache that holds fewer cards, without the index that would take them in random order.
        try await store.fillingInBulk(adding: added) { try await pull(account: account.name, progress: pulled) }
        return added
    }
}

extension BoardService {
    /// Gives every card of the local workspace about `perDeal` generated tasks and half as many notes
    /// (`DemoActivity`), for `pipeboard demo --tasks` and the first run: stored in bulk in the workspace, then in the
    /// cache as a pull leaves them, 10,000 deals a commit. Returns how many notes and tasks were written.
    @discardableResult
    public func fillDemoActivity(account name: String?, perDeal: Int, seed: UInt64 = 1) throws
        -> (notes: Int, tasks: Int)
    {
        let account = try account(name)
        guard let local = account.provider as? any SeedableWorkspace else {
            throw ServiceError.notOffered(.unsupported(provider: account.provider.displayName, operation: .create))
        }
        var random = SplitMix64(seed: seed)
        var written = (notes: 0, tasks: 0)
        for pipeline in try store.pipelines(account: account.name) {
            let cards = try store.opportunities(
                account: account.name, pipelineID: pipeline.id, stageID: nil, statuses: [], now: clock())
            for start in stride(from: 0, to: cards.count, by: 10_000) {
                var notes: [Note] = []
                var tasks: [DealTask] = []
                var remoteIDs: [UUID: String] = [:]
                for card in cards[start..<min(cards.count, start + 10_000)] {
                    guard let remoteID = card.remoteID else { continue }
                    remoteIDs[card.id] = remoteID
                    let made = DemoActivity.activity(for: card, perDeal: perDeal, now: clock(), random: &random)
                    notes += made.notes
                    tasks += made.tasks
                }
                let stored = try local.insertActivity(notes: notes, tasks: tasks, dealRemoteIDs: remoteIDs)
                try store.writeRefetchable { try $0.savePulled(notes: stored.notes, tasks: stored.tasks) }
                written.notes += stored.notes.count
                written.tasks += stored.tasks.count
            }
        }
        return written
    }
}

/// The demo seed of a local workspace: 1 for `local`, else one of its name's own, so that two local workspaces
/// in one cache never share opportunity ids (a merged board can show both).
func demoSeed(_ account: String) -> UInt64 {
    guard account != AccountConfig.local.name else { return 1 }
    return account.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
}

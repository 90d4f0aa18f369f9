import Foundation
import PipeboardCore
import PipeboardStore

/// A deal's remembered changes, as the history command and the details view show them.
extension BoardService {
    /// The changes of the deal `id` names (a full id or a unique prefix), oldest first, with the deal.
    package func history(of text: String) throws -> (deal: Opportunity, changes: [DealChange]) {
        let deal = try opportunity(matching: text)
        return (deal, try store.dealChanges(opportunityID: deal.id))
    }

    /// The changes of one deal, oldest first.
    package func history(id: UUID) throws -> [DealChange] {
        try store.dealChanges(opportunityID: id)
    }
}

extension BoardService {
    /// Gives every card of the account about `perDeal` generated past changes (`DemoHistory`), for `pipeboard demo
    /// --history` and the benchmarks. Returns how many changes were written.
    @discardableResult
    public func fillDemoHistory(account name: String?, perDeal: Int, seed: UInt64 = 1) throws -> Int {
        let now = clock()
        return try fillHistory(account: name, seed: seed) { card, stages, random in
            DemoHistory.changes(for: card, stages: stages, perDeal: perDeal, now: now, random: &random)
        }
    }

    /// Gives the first run's starter deals the past their cards tell (`DemoHistory.firstRun`), so that velocity,
    /// the timeline and the board as it was show real figures before anything is moved. Returns how many changes
    /// were written.
    @discardableResult
    package func fillFirstRunHistory(account name: String?, seed: UInt64) throws -> Int {
        try fillHistory(account: name, seed: seed) { card, stages, random in
            DemoHistory.firstRun(for: card, stages: stages, random: &random)
        }
    }

    /// Writes what `make` gives each card of the account that has no past yet (a card keeps one past), 10,000 cards
    /// a commit. Returns how many changes were written.
    private func fillHistory(
        account name: String?, seed: UInt64,
        make: (Opportunity, [String], inout SplitMix64) -> [DealChange]
    ) throws -> Int {
        let account = try account(name)
        let withPast = try store.opportunityIDsWithHistory(account: account.name)
        var random = SplitMix64(seed: seed)
        var written = 0
        for pipeline in try store.pipelines(account: account.name) {
            let stages = pipeline.stages.map(\.id)
            let cards = try store.opportunities(
                account: account.name, pipelineID: pipeline.id, stageID: nil, statuses: [], now: clock()
            ).filter { !withPast.contains($0.id) }
            for start in stride(from: 0, to: cards.count, by: 10_000) {
                let changes = cards[start..<min(cards.count, start + 10_000)].flatMap {
                    make($0, stages, &random)
                }
                try store.writeRefetchable { try $0.record(changes) }
                written += changes.count
            }
        }
        return written
    }
}

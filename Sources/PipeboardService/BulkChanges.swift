import Foundation
import PipeboardCore
import PipeboardStore

/// One change over several cards. Cards the provider does not allow the change on, or that are gone, are left
/// alone and counted; the rest change in one transaction per account, as one undo step.
extension BoardService {
    package func apply(_ operation: BulkOperation, to ids: [UUID]) throws -> BulkOutcome {
        var outcome = BulkOutcome()
        var steps: [String: [HistoryEntry.Step]] = [:]
        var order: [String] = []
        // Cards moved into a stage go to its top in the order they were selected.
        var arrivals: [String: [(id: UUID, account: String)]] = [:]
        for id in ids {
            guard let current = try store.opportunity(id: id) else {
                outcome.refused.append("a card is no longer in the cache")
                continue
            }
            let account = try account(of: current)
            do { try require(operation.operation, of: account) } catch {
                outcome.refused.append("\(current.name): \(error)")
                continue
            }
            if !order.contains(account.name) { order.append(account.name) }
            switch operation {
            case .delete:
                steps[account.name, default: []].append(.deleted(current))
            case .setStatus(let status, let reason):
                let change = try statusPatch(for: current, status, lostReason: reason, account: account)
                    .changes(from: current)
                guard !change.isEmpty else { outcome.unchanged += 1; continue }
                steps[account.name, default: []].append(
                    .updated(id: id, before: change.inverse(restoring: current), after: change))
            case .move, .shift:
                let pipeline = try pipeline(account: account.name, matching: current.pipelineID)
                guard let target = targetStage(of: operation, for: current, in: pipeline), target != current.stageID
                else {
                    outcome.unchanged += 1
                    continue
                }
                let key = "\(account.name)\u{1F}\(pipeline.id)\u{1F}\(target)"
                arrivals[key, default: []].append((id, account.name))
            }
        }
        for (key, cards) in arrivals.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "\u{1F}").map(String.init)
            let top = try store.rankBounds(account: parts[0], pipelineID: parts[1], stageID: parts[2])?.lowerBound ?? 1
            for (index, card) in cards.enumerated() {
                guard let current = try store.opportunity(id: card.id) else { continue }
                let account = try account(card.account)
                let pipeline = try pipeline(account: account.name, matching: current.pipelineID)
                guard let stage = pipeline.stages.first(where: { $0.id == parts[2] }) else { continue }
                let rank = top - Int64(cards.count - index)
                let after = movePatch(current, to: stage, in: pipeline, rank: rank, account: account)
                let change = after.changes(from: current)
                steps[card.account, default: []].append(
                    .updated(id: card.id, before: change.inverse(restoring: current), after: change))
            }
        }
        let now = clock()
        for name in order {
            guard let accountSteps = steps[name], !accountSteps.isEmpty else { continue }
            let account = try account(name)
            try commit(
                HistoryEntry(label: label(of: operation, count: accountSteps.count), steps: accountSteps),
                account: account, now: now)
            outcome.changed += accountSteps.count
        }
        return outcome
    }

    private func targetStage(of operation: BulkOperation, for card: Opportunity, in pipeline: Pipeline) -> String? {
        switch operation {
        case .move(let stageID):
            return pipeline.stage(matching: stageID)?.id
        case .shift(let offset):
            guard let index = pipeline.index(ofStage: card.stageID) else { return nil }
            let target = index + offset
            return pipeline.stages.indices.contains(target) ? pipeline.stages[target].id : nil
        default:
            return nil
        }
    }

    private func label(of operation: BulkOperation, count: Int) -> String {
        let deals = count == 1 ? "1 deal" : "\(count) deals"
        switch operation {
        case .move, .shift: return "move \(deals)"
        case .setStatus(let status, _): return "mark \(deals) \(status.rawValue)"
        case .delete: return "delete \(deals)"
        }
    }
}

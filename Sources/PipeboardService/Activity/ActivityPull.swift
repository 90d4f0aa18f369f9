import Foundation
import PipeboardCore
import PipeboardStore

/// Pulling notes and tasks. A sync reads the open tasks of a pipeline's open deals in the provider's bulk call
/// where it has one (so that every card's next step is known), else deal by deal for a small pipeline only; a
/// deal's notes and all its tasks are read when someone looks at that deal (`refreshActivity`).
extension BoardService {
    /// Above this many open deals, a provider without a bulk read leaves tasks to be read deal by deal on demand:
    /// a request per deal would cost a large pipeline minutes and a rate-limited provider its budget.
    static let perDealTaskReadLimit = 50

    /// Brings the open tasks of a pipeline's open deals into the cache; returns how many deals' tasks were merged.
    @discardableResult
    func pullOpenTasks(_ account: Account, pipelineID: String) async throws -> Int {
        let provider = account.provider
        guard provider.capabilities.contains(.tasks) else { return 0 }
        do {
            // Changes acknowledged from here on may be missing from the answer (see `mergePulledActivity`).
            let askedAt = try store.deliveryMark()
            let found = try await provider.openTasks(pipelineID: pipelineID)
            let busy = try busyActivity(account: account.name)
            return try store.write { writer in
                let deals = try writer.dealsForOpenTasks(
                    account: account.name, pipelineID: pipelineID, listed: found.keys)
                for deal in deals {
                    try writer.mergePulledActivity(
                        account: account.name, opportunityID: deal.id, notes: nil,
                        tasks: (found[deal.remoteID] ?? []).map(\.sanitized), openOnly: true, busy: busy,
                        askedAt: askedAt)
                }
                return deals.count
            }
        } catch ProviderError.unsupported {
            let deals = try store.deliveredOpenDeals(
                account: account.name, pipelineID: pipelineID, limit: Self.perDealTaskReadLimit + 1)
            guard deals.count <= Self.perDealTaskReadLimit else { return 0 }
            for deal in deals { try await refreshActivity(deal, account: account, notes: false) }
            return deals.count
        }
    }

    /// Reads one deal's notes and tasks from its provider into the cache (what the provider offers of them).
    package func refreshActivity(of id: UUID) async throws {
        let deal = try existing(id)
        try await refreshActivity(deal, account: try account(of: deal), notes: true)
    }

    private func refreshActivity(_ deal: Opportunity, account: Account, notes readNotes: Bool) async throws {
        guard deal.remoteID != nil else { return }
        let provider = account.provider
        let askedAt = try store.deliveryMark()
        let notes =
            readNotes && provider.capabilities.contains(.notes)
            ? try await provider.notes(of: deal).map(\.sanitized) : nil
        let tasks = provider.capabilities.contains(.tasks) ? try await provider.tasks(of: deal).map(\.sanitized) : nil
        guard notes != nil || tasks != nil else { return }
        let busy = try busyActivity(account: account.name)
        try store.write { writer in
            try writer.mergePulledActivity(
                account: account.name, opportunityID: deal.id, notes: notes, tasks: tasks, busy: busy,
                askedAt: askedAt)
        }
    }

    /// Notes and tasks with a change still waiting: a pull leaves them as they are here.
    private func busyActivity(account: String) throws -> Set<UUID> {
        Set(try store.outbox(account: account, states: []).compactMap(\.operation.activityID))
    }
}

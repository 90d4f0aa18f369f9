import Foundation
import PipeboardCore
import PipeboardStore

/// A deal's history filled from its provider's own (`PublishesHistory`): the changes from before pipeboard first
/// saw them, so that the timeline, velocity and the board as it was reach back past the first pull.
extension BoardService {
    /// Adds to the history of the deal `text` names (a full id or a unique prefix) the changes its provider kept
    /// from before the oldest change remembered here (all of them when there is none yet): a second fill adds
    /// nothing, and a change a pull or this device already recorded is not added twice. Returns the deal, how many
    /// changes were added and where they came from ("Twenty's timeline").
    package func fillHistory(of text: String) async throws -> (deal: Opportunity, added: Int, source: String) {
        let deal = try opportunity(matching: text)
        let account = try account(of: deal)
        guard let provider = account.provider as? any PublishesHistory else {
            throw ServiceError.historyNotPublished(account.provider.displayName)
        }
        guard let remoteID = deal.remoteID else { throw ServiceError.notAtProviderYet(deal.name) }
        let provided = try await provider.history(remoteID: remoteID)
        let added = try store.write { writer in
            let oldest = try writer.dealChanges(opportunityID: deal.id).first?.at
            let changes = DealChange.filled(from: provided, deal: deal, before: oldest)
            try writer.record(changes)
            return changes.count
        }
        return (deal, added, provider.historyName)
    }
}

import Foundation
import PipeboardCore
import PipeboardStore

extension BoardService {
    /// Where the card `id` stands on its pipeline's board under the board's statuses, filter and the sort of its
    /// column: what the agenda's Enter needs to show it.
    package func place(
        of id: UUID, statuses: Set<OpportunityStatus>, filter: BoardFilter, sort: ColumnSort
    ) throws -> CardPlace {
        let card = try existing(id)
        let index = try store.position(of: card, statuses: statuses, filter: filter, sort: sort, now: clock())
        return CardPlace(
            account: card.account, pipelineID: card.pipelineID, stageID: card.stageID, name: card.name, index: index)
    }
}

import Foundation
import GRDB
import PipeboardCore

extension CacheStore {
    /// What `Velocity.compute` reads for one pipeline, in one read transaction: the account's stage and status
    /// changes, and the pipeline's cards as (id, stage, status, creation, status time). Only the columns it reads.
    package func velocityInput(account: String, pipelineID: String) throws
        -> (cards: [VelocityCard], changes: [DealChange])
    {
        try read { db in
            var cards: [VelocityCard] = []
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, stage_id, status, created_at, COALESCE(status_changed_at, updated_at) AS closed
                    FROM opportunity WHERE account = ? AND pipeline_id = ?
                    """, arguments: [account, pipelineID])
            while let row = try rows.next() {
                let idText: String = try row.checked("id")
                let statusText: String = try row.checked("status")
                guard let id = UUID(uuidString: idText), let status = OpportunityStatus(rawValue: statusText) else {
                    throw StoreError.corrupt("opportunity \(idText)")
                }
                cards.append(
                    VelocityCard(
                        id: id, stageID: try row.checked("stage_id"), status: status,
                        createdAt: DateColumn.decode(try row.checked("created_at")),
                        statusChangedAt: DateColumn.decode(try row.checked("closed"))))
            }
            let changes = try DealChangeRow.fetchAll(
                db,
                sql: """
                    SELECT \(DealChangeRow.columns) FROM deal_change
                    WHERE account = ? AND field IN ('stage', 'status')
                    """, arguments: [account])
            return (cards, changes)
        }
    }
}

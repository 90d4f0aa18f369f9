import Foundation
import GRDB
import PipeboardCore

extension CacheStore {
    /// Velocity of one pipeline (`VelocityTally`) in one read transaction and one pass over the account's stage and
    /// status changes in deal order (`deal_change_first`), holding one deal's changes at a time. The pipeline's
    /// cards are read first as (id, stage, status, creation, status time): only the columns velocity reads.
    package func velocity(account: String, pipeline: Pipeline, period: Period) throws -> Velocity {
        try read { db in
            var cards: [String: VelocityCard] = [:]
            let count = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM opportunity WHERE account = ? AND pipeline_id = ?",
                arguments: [account, pipeline.id])
            cards.reserveCapacity(count ?? 0)
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, stage_id, status, created_at, COALESCE(status_changed_at, updated_at) AS closed
                    FROM opportunity WHERE account = ? AND pipeline_id = ?
                    """, arguments: [account, pipeline.id])
            while let row = try rows.next() {
                let idText: String = row[0]
                let statusText: String = row[2]
                guard let id = OpportunityRow.id(fromKey: idText), let status = OpportunityStatus(rawValue: statusText)
                else {
                    throw StoreError.corrupt("opportunity \(idText)")
                }
                cards[idText] = VelocityCard(
                    id: id, stageID: row[1], status: status, createdAt: DateColumn.decode(row[3]),
                    statusChangedAt: DateColumn.decode(row[4]))
            }
            var tally = VelocityTally(pipeline: pipeline, period: period)
            var deal: (key: String, moves: [DealChange], statuses: [DealChange])?
            func flush() {
                guard let deal else { return }
                tally.add(
                    card: cards.removeValue(forKey: deal.key), moves: deal.moves.sorted(by: AsOf.isEarlier),
                    statusChanges: deal.statuses)
            }
            let changes = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(DealChangeRow.columns) FROM deal_change INDEXED BY deal_change_first
                    WHERE account = ? AND field IN ('stage', 'status') ORDER BY opportunity_id, field
                    """, arguments: [account])
            while let row = try changes.next() {
                let key: String = try row.checked(at: 1)
                if key != deal?.key {
                    flush()
                    deal = (key, [], [])
                }
                let change = try DealChangeRow.decode(atPositions: row)
                if change.field == .stage { deal?.moves.append(change) } else { deal?.statuses.append(change) }
            }
            flush()
            for card in cards.values { tally.add(card: card, moves: [], statusChanges: []) }
            return tally.velocity()
        }
    }
}

import Foundation
import GRDB
import PipeboardCore

/// The cards as they were at a past moment, from the deals' history. The state at a cutoff is each field's value
/// before its first change at or after the cutoff: SQL finds those first changes (`deal_change_first`, one index
/// range per account), so a board a month back reads one row per deal and changed field, not every later change.
extension CacheStore {
    /// An account's cards (of one pipeline, or all) as they were just before `cutoff` (`AsOf.state`): cards created
    /// since are left out, cards deleted since are back. A deal whose first changes cannot say (a deletion or a
    /// return since, see `AsOf.state(of:firstChanges:)`) is replayed through all its later changes. One read.
    package func opportunities(account: String, pipelineID: String?, asOf cutoff: Date) throws -> [Opportunity] {
        try read { db in
            let firsts = try FirstChanges.fetch(db, account: account, cutoff: cutoff)
            var arguments: StatementArguments = [account, DateColumn.encode(cutoff)]
            if let pipelineID { arguments += [pipelineID] }
            let cards = try OpportunityRow.fetchAll(
                db,
                sql: """
                    SELECT \(OpportunityRow.selection()) FROM opportunity
                    WHERE account = ? AND created_at < ? \(pipelineID == nil ? "" : "AND pipeline_id = ?")
                    """, arguments: arguments)
            var past: [Opportunity] = []
            past.reserveCapacity(cards.count)
            var seen = Set<String>()
            seen.reserveCapacity(cards.count)
            for card in cards {
                let key = OpportunityRow.key(card.id)
                seen.insert(key)
                guard let rows = firsts.byDeal[key] else {
                    past.append(card)
                    continue
                }
                let changes = rows.map { $0.change(of: card.id, account: account) }
                if let taken = AsOf.state(of: card, firstChanges: changes) {
                    past.append(taken)
                } else if let replayed = AsOf.state(
                    of: card, changes: try laterChanges(db, key: key, cutoff: cutoff), before: cutoff)
                {
                    past.append(replayed)
                }
            }
            // Deals deleted since: back from the copy their deletion kept, unless they are still here.
            for key in firsts.deleted.subtracting(seen).sorted()
            where try !isCard(db, key: key) {
                guard
                    let card = AsOf.state(
                        of: nil, changes: try laterChanges(db, key: key, cutoff: cutoff), before: cutoff),
                    pipelineID == nil || card.pipelineID == pipelineID
                else { continue }
                past.append(card)
            }
            return past
        }
    }

    private func isCard(_ db: Database, key: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM opportunity WHERE id = ?)", arguments: [key]) ?? false
    }

    /// Every change of one deal at or after `cutoff`.
    private func laterChanges(_ db: Database, key: String, cutoff: Date) throws -> [DealChange] {
        try DealChangeRow.fetchAll(
            db,
            sql: "SELECT \(DealChangeRow.columns) FROM deal_change WHERE opportunity_id = ? AND at >= ?",
            arguments: [key, DateColumn.encode(cutoff)])
    }
}

/// The first change of each deal and field at or after a cutoff (by time, then as stored), as the cache keys deals.
struct FirstChanges {
    struct Row {
        var id: Int64
        var field: DealField
        var from: String?
        var since: Date?

        func change(of opportunityID: UUID, account: String) -> DealChange {
            DealChange(
                id: id, opportunityID: opportunityID, account: account, field: field, from: from, to: nil,
                at: .distantPast, since: since, origin: .local, clock: .commit)
        }
    }

    var byDeal: [String: [Row]] = [:]
    /// The deals with a deletion among their changes since.
    var deleted = Set<String>()

    /// The earliest time of each (deal, field) from the index alone, then those rows; several rows at that time
    /// (rare) leave the first stored.
    static func fetch(_ db: Database, account: String, cutoff: Date) throws -> FirstChanges {
        var found = FirstChanges()
        let rows = try GRDB.Row.fetchCursor(
            db,
            sql: """
                SELECT c.id, c.opportunity_id, c.field, c.from_value, c.since
                FROM (
                    SELECT opportunity_id, field, MIN(at) AS at FROM deal_change INDEXED BY deal_change_first
                    WHERE account = :account AND at >= :cutoff GROUP BY opportunity_id, field
                ) AS first
                CROSS JOIN deal_change AS c INDEXED BY deal_change_first
                ON c.account = :account AND c.opportunity_id = first.opportunity_id AND c.field = first.field
                    AND c.at = first.at
                """, arguments: ["account": account, "cutoff": DateColumn.encode(cutoff)])
        while let row = try rows.next() {
            let key: String = row[1]
            let fieldText: String = row[2]
            guard let field = DealField(rawValue: fieldText) else {
                throw StoreError.corrupt("deal history row of \(key)")
            }
            let first = Row(id: row[0], field: field, from: row[3], since: (row[4] as Double?).map(DateColumn.decode))
            if field == .deleted { found.deleted.insert(key) }
            var deal = found.byDeal[key] ?? []
            if let index = deal.firstIndex(where: { $0.field == field }) {
                if first.id < deal[index].id { deal[index] = first }
            } else {
                deal.append(first)
            }
            found.byDeal[key] = deal
        }
        return found
    }
}

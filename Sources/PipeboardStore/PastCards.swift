import Foundation
import GRDB
import PipeboardCore

/// The cards as they were at a past moment, from the deals' history. The state at a cutoff is each field's value
/// before its first change at or after the cutoff: SQL finds those first changes (`deal_change_first`, one grouped
/// index range per account), so a board a month back reads one row per deal and changed field, not every later
/// change.
extension CacheStore {
    /// An account's cards (of one pipeline, or all) as they were just before `cutoff` (`AsOf.state`): cards created
    /// since are left out, cards deleted since are back. A deal whose first changes cannot say (a deletion or a
    /// return since, see `AsOf.state(of:firstChanges:)`) is replayed through all its later changes. One read.
    package func opportunities(account: String, pipelineID: String?, asOf cutoff: Date) throws -> [Opportunity] {
        try read { db in
            try PastRead(db: db, account: account, cutoff: cutoff).cards(
                pipelineID: pipelineID, selection: OpportunityRow.selection(),
                decode: OpportunityRow.decode(atPositions:))
        }
    }

    /// `opportunities(account:pipelineID:asOf:)` in outline, for the board's figures, order and filters: every field
    /// but the remote id, email, phone, custom fields and raw record, in column order (stage, rank, age, id). The
    /// board reads its windows' whole cards with `pastCards(ids:account:asOf:)`.
    package func pastOutlines(account: String, pipelineID: String?, asOf cutoff: Date) throws -> [Opportunity] {
        try read { db in
            try PastRead(db: db, account: account, cutoff: cutoff).cards(
                pipelineID: pipelineID, selection: PastOutline.selection, decode: PastOutline.decode,
                order: "ORDER BY stage_id, rank, created_at, id")
        }
    }

    /// What the past of an account is read from, in brief: its newest history row and its number of cards. A change
    /// to a tracked field, a deletion or a card added or removed changes it; the board as it was reads its outlines
    /// again only then.
    package func pastVersion(account: String) throws -> PastVersion {
        try read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT MAX(id) FROM deal_change), (SELECT COUNT(*) FROM opportunity WHERE account = ?)
                    """, arguments: [account])
            return PastVersion(newestChange: try row?.nullable(at: 0), cards: try row?.checked(at: 1) ?? 0)
        }
    }

    /// The whole cards of `ids` as they were just before `cutoff`, in the order given, each replayed through all its
    /// changes since (one query for the cards, one for their changes); those that did not exist then are left out.
    package func pastCards(ids: [UUID], account: String, asOf cutoff: Date) throws -> [Opportunity] {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            var now: [UUID: Opportunity] = [:]
            var changes: [UUID: [DealChange]] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min(ids.count, $0 + 500)]) }) {
                let keys = chunk.map(OpportunityRow.key)
                let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
                for card in try OpportunityRow.fetchAll(
                    db, sql: "SELECT \(OpportunityRow.selection()) FROM opportunity WHERE id IN (\(marks))",
                    arguments: StatementArguments(keys))
                {
                    now[card.id] = card
                }
                for change in try DealChangeRow.fetchAll(
                    db,
                    sql: """
                        SELECT \(DealChangeRow.columns) FROM deal_change
                        WHERE opportunity_id IN (\(marks)) AND account = ? AND at >= ?
                        """, arguments: StatementArguments(keys) + [account, DateColumn.encode(cutoff)])
                {
                    changes[change.opportunityID, default: []].append(change)
                }
            }
            return ids.compactMap { id in AsOf.state(of: now[id], changes: changes[id] ?? [], before: cutoff) }
        }
    }
}

/// See `CacheStore.pastVersion(account:)`.
package struct PastVersion: Equatable, Sendable {
    var newestChange: Int64?
    var cards: Int
}

/// One read of the past: the first changes since the cutoff, then the cards they apply to.
private struct PastRead {
    let db: Database
    let account: String
    let cutoff: Date

    /// The cards of the account (and pipeline), each as it was; `selection` and `decode` choose the columns read,
    /// `order` the order of the cards that still exist (the deals deleted since follow, by id).
    func cards(
        pipelineID: String?, selection: String, decode: (Row) throws -> Opportunity, order: String = ""
    ) throws -> [Opportunity] {
        let firsts = try FirstChanges.fetch(db, account: account, cutoff: cutoff)
        var arguments: StatementArguments = [account, DateColumn.encode(cutoff)]
        if let pipelineID { arguments += [pipelineID] }
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT \(selection) FROM opportunity
                WHERE account = ? AND created_at < ? \(pipelineID == nil ? "" : "AND pipeline_id = ?") \(order)
                """, arguments: arguments)
        var past: [Opportunity] = []
        while let row = try rows.next() {
            let card = try decode(row)
            guard let rows = firsts.byDeal[OpportunityRow.key(card.id)] else {
                past.append(card)
                continue
            }
            let changes = rows.map { $0.change(of: card.id, account: account) }
            if let taken = AsOf.state(of: card, firstChanges: changes) {
                past.append(taken)
            } else if let replayed = AsOf.state(of: card, changes: try laterChanges(of: card.id), before: cutoff) {
                past.append(replayed)
            }
        }
        // Deals deleted since: back from the copy their deletion kept, unless they are still here.
        for key in firsts.deleted.sorted() where try !isCard(key) {
            guard let id = OpportunityRow.id(fromKey: key),
                let card = AsOf.state(of: nil, changes: try laterChanges(of: id), before: cutoff),
                pipelineID == nil || card.pipelineID == pipelineID
            else { continue }
            past.append(card)
        }
        return past
    }

    private func isCard(_ key: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM opportunity WHERE id = ?)", arguments: [key]) ?? false
    }

    /// Every change of one deal at or after the cutoff.
    private func laterChanges(of id: UUID) throws -> [DealChange] {
        try DealChangeRow.fetchAll(
            db,
            sql: "SELECT \(DealChangeRow.columns) FROM deal_change WHERE opportunity_id = ? AND at >= ?",
            arguments: [OpportunityRow.key(id), DateColumn.encode(cutoff)])
    }
}

/// The board's columns of a card: what its figures, order and filters read (not the remote id, email, phone, custom
/// fields or the provider's record, which only a shown card needs).
enum PastOutline {
    static let selection = """
        id, account, pipeline_id, stage_id, rank, name, value_micros, currency, status, provider_status, contact_name,
        company_name, owner, close_date, source, probability, tags, created_at, updated_at, stage_changed_at,
        status_changed_at
        """

    /// Reads a row of `selection`, by position.
    static func decode(_ row: Row) throws -> Opportunity {
        let idText: String = try row.checked(at: 0)
        let statusText: String = try row.checked(at: 8)
        guard let id = OpportunityRow.id(fromKey: idText), let status = OpportunityStatus(rawValue: statusText) else {
            throw StoreError.corrupt("opportunity \(idText)")
        }
        let micros: Int64? = try row.nullable(at: 6)
        let currency: String? = try row.nullable(at: 7)
        guard micros == nil && currency == nil || micros != nil && currency != nil,
            let tags = JSONColumn.decodeTags(try row.checked(at: 16))
        else { throw StoreError.corrupt("value or tags on opportunity \(idText)") }
        return try Opportunity(
            id: id, account: row.checked(at: 1), remoteID: nil, pipelineID: row.checked(at: 2),
            stageID: row.checked(at: 3), rank: row.checked(at: 4), name: row.checked(at: 5),
            value: micros.map { Money(micros: $0, currency: currency ?? "") }, status: status,
            providerStatus: row.nullable(at: 9), contactName: row.nullable(at: 10), companyName: row.nullable(at: 11),
            email: nil, phone: nil, owner: row.nullable(at: 12), closeDate: row.nullable(at: 13),
            source: row.nullable(at: 14), probability: row.nullable(at: 15), tags: tags, customFields: [:],
            createdAt: DateColumn.decode(row.checked(at: 17)), updatedAt: DateColumn.decode(row.checked(at: 18)),
            stageChangedAt: DateColumn.decode(row.checked(at: 19)),
            statusChangedAt: (try row.nullable(at: 20) as Double?).map(DateColumn.decode), raw: nil)
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
    /// (rare) leave the first stored. A deal's rows come together (the groups are read in index order), so each
    /// deal is looked up once, not once a row.
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
        var key = ""
        var deal: [Row] = []
        func keep() {
            guard !deal.isEmpty else { return }
            // Should the groups ever come apart, a deal seen before gets the rows of both.
            found.byDeal[key, default: []].merge(deal)
        }
        while let row = try rows.next() {
            let dealKey: String = try row.checked(at: 1)
            let fieldText: String = try row.checked(at: 2)
            guard let field = DealField(rawValue: fieldText) else {
                throw StoreError.corrupt("deal history row of \(dealKey)")
            }
            if dealKey != key {
                keep()
                key = dealKey
                deal = []
            }
            let first = Row(
                id: try row.checked(at: 0), field: field, from: try row.nullable(at: 3),
                since: (try row.nullable(at: 4) as Double?).map(DateColumn.decode))
            if field == .deleted { found.deleted.insert(key) }
            deal.merge([first])
        }
        keep()
        return found
    }
}

extension [FirstChanges.Row] {
    /// Adds `others`, one row a field: where both have a field, the one stored first stays.
    fileprivate mutating func merge(_ others: [FirstChanges.Row]) {
        for other in others {
            if let index = firstIndex(where: { $0.field == other.field }) {
                if other.id < self[index].id { self[index] = other }
            } else {
                append(other)
            }
        }
    }
}

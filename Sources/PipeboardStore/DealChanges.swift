import Foundation
import GRDB
import PipeboardCore

/// Who made a change the writer records, and when (`StoreWriter.update(_:recording:)`).
package struct ChangeSource: Hashable, Sendable {
    package var origin: ChangeOrigin
    package var at: Date
    package var clock: ChangeClock

    package init(_ origin: ChangeOrigin, at: Date, clock: ChangeClock = .commit) {
        self.origin = origin
        self.at = at
        self.clock = clock
    }
}

/// Maps `DealChange` to and from the `deal_change` table (Schema.rememberDealChanges).
enum DealChangeRow {
    static let columns = "id, opportunity_id, account, field, from_value, to_value, at, since, origin, clock"

    static let insertSQL = """
        INSERT INTO deal_change (opportunity_id, account, field, from_value, to_value, at, since, origin, clock)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func values(for change: DealChange) -> [DatabaseValue] {
        [
            OpportunityRow.key(change.opportunityID).databaseValue, change.account.databaseValue,
            change.field.rawValue.databaseValue, change.from.databaseValue, change.to.databaseValue,
            DateColumn.encode(change.at).databaseValue, change.since.map(DateColumn.encode).databaseValue,
            change.origin.rawValue.databaseValue, change.clock.rawValue.databaseValue,
        ]
    }

    static func decode(_ row: Row) throws -> DealChange {
        let idText: String = try row.checked("opportunity_id")
        let fieldText: String = try row.checked("field")
        let originText: String = try row.checked("origin")
        let clockText: String = try row.checked("clock")
        guard let opportunityID = OpportunityRow.id(fromKey: idText), let field = DealField(rawValue: fieldText),
            let origin = ChangeOrigin(rawValue: originText), let clock = ChangeClock(rawValue: clockText)
        else { throw StoreError.corrupt("deal history row of \(idText)") }
        return DealChange(
            id: try row.checked("id"), opportunityID: opportunityID, account: try row.checked("account"),
            field: field, from: try row.checked("from_value"), to: try row.checked("to_value"),
            at: DateColumn.decode(try row.checked("at")),
            since: (try row.checked("since") as Double?).map(DateColumn.decode), origin: origin, clock: clock)
    }

    /// `decode(_:)` for a row of exactly `columns`, by position: no column name is looked up (velocity reads a
    /// hundred thousand of them).
    static func decode(atPositions row: Row) throws -> DealChange {
        let idText: String = try row.checked(at: 1)
        let fieldText: String = try row.checked(at: 3)
        let originText: String = try row.checked(at: 8)
        let clockText: String = try row.checked(at: 9)
        guard let opportunityID = OpportunityRow.id(fromKey: idText), let field = DealField(rawValue: fieldText),
            let origin = ChangeOrigin(rawValue: originText), let clock = ChangeClock(rawValue: clockText)
        else { throw StoreError.corrupt("deal history row of \(idText)") }
        return DealChange(
            id: try row.checked(at: 0), opportunityID: opportunityID, account: try row.checked(at: 2),
            field: field, from: try row.nullable(at: 4), to: try row.nullable(at: 5),
            at: DateColumn.decode(try row.checked(at: 6)),
            since: (try row.nullable(at: 7) as Double?).map(DateColumn.decode), origin: origin, clock: clock)
    }

    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [DealChange] {
        var result: [DealChange] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() { result.append(try decode(atPositions: row)) }
        return result
    }
}

extension CacheStore {
    /// One deal's changes, oldest first.
    package func dealChanges(opportunityID: UUID) throws -> [DealChange] {
        try read { db in
            try DealChangeRow.fetchAll(
                db,
                sql: """
                    SELECT \(DealChangeRow.columns) FROM deal_change WHERE opportunity_id = ? ORDER BY at, id
                    """, arguments: [OpportunityRow.key(opportunityID)])
        }
    }

    /// The deals of the account with any remembered change.
    package func opportunityIDsWithHistory(account: String) throws -> Set<UUID> {
        try read { db in
            let keys = try String.fetchAll(
                db, sql: "SELECT DISTINCT opportunity_id FROM deal_change WHERE account = ?", arguments: [account])
            return Set(keys.compactMap(OpportunityRow.id(fromKey:)))
        }
    }

    /// How many changes are remembered, for the rebuild's report and tests.
    package func dealChangeCount() throws -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM deal_change") ?? 0 }
    }
}

extension StoreWriter {
    /// Appends changes to the deals' history, in the order given.
    package func record(_ changes: [DealChange]) throws {
        guard !changes.isEmpty else { return }
        let statement = try db.cachedStatement(sql: DealChangeRow.insertSQL)
        for change in changes {
            try statement.execute(arguments: StatementArguments(DealChangeRow.values(for: change)))
        }
    }

    /// Appends what changed between `old` and `new` (nothing when `source` is nil).
    func record(from old: Opportunity?, to new: Opportunity, source: ChangeSource?) throws {
        guard let source, let old else { return }
        try record(DealChange.between(old, new, at: source.at, origin: source.origin, clock: source.clock))
    }

    /// One deal's changes, oldest first, inside the transaction.
    package func dealChanges(opportunityID: UUID) throws -> [DealChange] {
        try DealChangeRow.fetchAll(
            db,
            sql: "SELECT \(DealChangeRow.columns) FROM deal_change WHERE opportunity_id = ? ORDER BY at, id",
            arguments: [OpportunityRow.key(opportunityID)])
    }
}

extension StoreWriter {
    /// Moves the history kept by a rebuild onto the cards a pull brought back under new local ids (matched by the
    /// provider's id, `deal_identity`); returns how many deals found their card. Costs nothing when none wait.
    @discardableResult
    package func relinkDealHistory() throws -> Int {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM deal_identity)") == true else { return 0 }
        let pairs = try Row.fetchAll(
            db,
            sql: """
                SELECT i.opportunity_id AS old, o.id AS new FROM deal_identity AS i
                JOIN opportunity AS o ON o.account = i.account AND o.remote_id = i.remote_id
                """)
        for pair in pairs {
            let old: String = try pair.checked("old")
            let new: String = try pair.checked("new")
            try db.execute(
                sql: "UPDATE deal_change SET opportunity_id = ? WHERE opportunity_id = ?", arguments: [new, old])
            try db.execute(sql: "DELETE FROM deal_identity WHERE opportunity_id = ?", arguments: [old])
        }
        return pairs.count
    }
}

import GRDB

/// Gives back the space that edits leave in the workspace file. A move or an edit writes the deal again under the
/// next change number, and the row it left is reused only by rows that fit there: no page comes free, so
/// `auto_vacuum` has nothing to return (100,000 moves among a million deals made the file 8.5 % bigger). So the file
/// is vacuumed when it is opened once the deals written again or deleted since it was last compact reach a tenth of
/// its deals (and at least `smallestRewrites`): 1.5 s at a million deals, once in about 100,000 moves.
///
/// `local_compaction` holds one row: a change number and the deals kept then. Deals written again or deleted since
/// are the change numbers given since less the deals added since.
enum LocalWorkspaceCompaction {
    static let smallestRewrites: Int64 = 1_000

    /// Vacuums the file when enough was written again.
    static func vacuumIfWorthIt(_ database: DatabaseQueue) throws {
        guard let mark = try database.read(self.mark), mark.changesSince >= threshold(deals: mark.deals) else { return }
        let rewrites = try database.write(rebase)
        guard rewrites >= threshold(deals: mark.deals) else { return }
        try database.vacuum()
        try database.write(markCompact)
    }

    /// Counts the deals now, so that deals added since are not taken for rewrites, and returns the rewrites since the
    /// file was last compact. A bulk fill calls it at its end.
    static func rebase(_ db: Database) throws -> Int64 {
        guard let mark = try mark(db) else { return 0 }
        let deals = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM local_deal") ?? 0
        let rewrites = max(0, mark.changesSince - (deals - mark.deals))
        try db.execute(
            sql: "UPDATE local_compaction SET change_number = ?, deals = ?",
            arguments: [mark.changeNumber - rewrites, deals])
        return rewrites
    }

    /// Notes the file as compact now.
    static func markCompact(_ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE local_compaction
                SET change_number = \(changeNumberSQL), deals = (SELECT COUNT(*) FROM local_deal)
                """)
    }

    private static func threshold(deals: Int64) -> Int64 { max(smallestRewrites, deals / 10) }

    private static let changeNumberSQL = "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'local_deal'), 0)"

    private static func mark(_ db: Database) throws -> (changeNumber: Int64, changesSince: Int64, deals: Int64)? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT \(changeNumberSQL), change_number, deals FROM local_compaction")
        else { return nil }
        let now: Int64 = row[0]
        let then: Int64 = row[1]
        return (now, now - then, row[2])
    }
}

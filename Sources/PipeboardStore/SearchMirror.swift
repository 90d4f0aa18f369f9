import Foundation
import GRDB
import GRDBSQLite

/// A kept copy of what the board's search reads and sums, for the cards of one (account, pipeline): per card its
/// rowid, its group (stage, status, currency) as a small code, its value, probability and stage entry, and its three
/// searched fields in one contiguous buffer, folded as SQLite's LIKE folds them (ASCII letters only). A search of
/// words alone then finds its cards with `memmem` over that buffer and sums them here, where SQLite scanned every
/// card with three LIKEs (230-420 ms of CPU at 1M cards for a word of one or two characters).
///
/// Cards are kept in rowid order, the order the table scan of `GroupSums` hands them over, so that reals are added
/// in the same order and the sums are the same to the last bit. A card's text is a blob `name \0 contact \0 company
/// \0`; a card that changes gets a new blob at the end and leaves its old one as garbage, and a card that goes leaves
/// a gap: both are dropped at the next build. It is brought up to date from `CardChangeLog` (`catchUp`), inside the
/// read transaction of the load that uses it, so it is always exactly that load's snapshot.
final class SearchMirror {
    let account: String
    let pipelineID: String
    /// Where the change log stood in the snapshot this copy holds.
    private(set) var mark: CardChangeLog.Mark

    // Per card, in rowid order.
    private(set) var rowIDs: [Int64] = []
    private(set) var groupOf: [UInt16] = []
    private(set) var micros: [Int64] = []
    private(set) var probability: [Double] = []
    private(set) var entered: [Double] = []
    /// Bit 0: no value; bit 1: no probability of its own.
    private(set) var nulls: [UInt8] = []
    /// The card's blob, -1 once the card went.
    private var blobOf: [Int32] = []

    // Per blob, in the order they were added.
    private(set) var text: [UInt8] = []
    /// Where each blob starts, and one past the last.
    private(set) var blobStart: [UInt32] = [0]
    /// The card a blob is the text of, -1 for an old text.
    private(set) var ownerOf: [Int32] = []

    private(set) var groups: [GroupKey] = []
    private var groupByHash: [UInt64: UInt16] = [:]
    /// How often each byte occurs in a sample of the text: a search looks for a word's rarest byte first.
    private(set) var byteSample = [Int](repeating: 0, count: 256)
    private var garbageBytes = 0
    private var gaps = 0

    struct GroupKey: Equatable {
        var stage: [UInt8]
        var status: [UInt8]
        /// Nil for cards without a currency.
        var currency: [UInt8]?
    }

    /// The columns each card is read with, in this order.
    private static let selection = """
        rowid, stage_id, status, currency, value_micros, probability, stage_changed_at, name, contact_name, \
        company_name, account, pipeline_id
        """

    private init(account: String, pipelineID: String, mark: CardChangeLog.Mark) {
        self.account = account
        self.pipelineID = pipelineID
        self.mark = mark
    }

    /// The copy of the pipeline's cards in `db`'s snapshot; nil when a card holds what the copy cannot sum as SQLite
    /// would (a value that is not a whole number), or the pipeline is beyond the copy's sizes.
    static func build(_ db: Database, account: String, pipelineID: String) throws -> SearchMirror? {
        let mirror = SearchMirror(account: account, pipelineID: pipelineID, mark: try CardChangeLog.mark(db))
        mirror.reserve(try Int.fetchOne(db, sql: countSQL, arguments: [account, pipelineID]) ?? 0)
        let statement = try db.makeStatement(
            sql: """
                SELECT \(selection) FROM opportunity NOT INDEXED WHERE account = ? AND pipeline_id = ?
                """)
        try statement.setArguments([account, pipelineID])
        var current: UInt16?
        let kept = try step(statement) { handle in
            guard let group = mirror.group(handle, after: current) else { return false }
            current = group
            return mirror.append(handle, group: group)
        }
        guard kept else { return nil }
        for index in stride(from: 0, to: mirror.text.count, by: 61) { mirror.byteSample[Int(mirror.text[index])] += 1 }
        return mirror
    }

    /// How a copy stands against a snapshot.
    enum Standing {
        /// It holds the snapshot.
        case current
        /// It holds a later one (a load that began before a newer one caught the copy up): left as it is.
        case ahead
        /// It cannot be brought to the snapshot and must be built anew; it may have been half changed.
        case stale
    }

    /// The pipeline's cards, from the kept column totals.
    private static let countSQL = "SELECT SUM(count) FROM stage_totals WHERE account = ? AND pipeline_id = ?"

    /// Room for `cards` cards, so that no array doubles while a million are read (both copies would be resident at
    /// once). The text's room is generous: pages never written are never resident.
    private func reserve(_ cards: Int) {
        rowIDs.reserveCapacity(cards)
        groupOf.reserveCapacity(cards)
        micros.reserveCapacity(cards)
        probability.reserveCapacity(cards)
        entered.reserveCapacity(cards)
        nulls.reserveCapacity(cards)
        blobOf.reserveCapacity(cards)
        ownerOf.reserveCapacity(cards)
        blobStart.reserveCapacity(cards + 1)
        text.reserveCapacity(cards * 128)
    }

    /// Brings the copy to `db`'s snapshot by re-reading the cards changed since its mark. Stale when it cannot: the
    /// epoch changed, the log no longer holds every change since, a card came back between two others (in rowid
    /// order), or enough garbage gathered that building anew is the better deal.
    func catchUp(_ db: Database) throws -> Standing {
        let now = try CardChangeLog.mark(db)
        guard now.epoch == mark.epoch else { return .stale }
        guard now.seq >= mark.seq else { return .ahead }
        guard now.seq > mark.seq else { return .current }
        guard now.first <= mark.seq + 1 else { return .stale }
        let changed = try CardChangeLog.cards(db, after: mark.seq)
        var found: Set<Int64> = []
        let statement = try db.makeStatement(
            sql: "SELECT \(Self.selection) FROM opportunity WHERE rowid IN (SELECT value FROM json_each(?))")
        try statement.setArguments([Self.rowIDList(changed)])
        let kept = try Self.step(statement) { handle in
            let rowID = sqlite3_column_int64(handle, 0)
            found.insert(rowID)
            guard Self.same(account, handle, 10), Self.same(pipelineID, handle, 11) else {
                remove(rowID)
                return true
            }
            guard let group = group(handle, after: nil) else { return false }
            return replace(rowID, handle, group: group)
        }
        guard kept else { return .stale }
        for rowID in changed where !found.contains(rowID) { remove(rowID) }
        mark = now
        return garbageBytes <= text.count / 2 && gaps <= rowIDs.count / 2 ? .current : .stale
    }

    /// Rowids as the JSON array that `rowid IN (SELECT value FROM json_each(?))` reads: one bound value, however many.
    static func rowIDList(_ rowIDs: [Int64]) -> String {
        "[" + rowIDs.map(String.init).joined(separator: ",") + "]"
    }

    /// Steps through `statement`, handing each row to `body`; stops early when `body` returns false.
    private static func step(_ statement: Statement, _ body: (OpaquePointer) -> Bool) throws -> Bool {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return true }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: statement.sql)
            }
            guard body(handle) else { return false }
        }
    }

    // MARK: Cards

    /// The row's group code, checking `current` first (neighbouring rows mostly share one), then the group with the
    /// same hash of the three keys; nil past the codes. Comparing the row with each group in turn cost half a second
    /// over a million cards (a hundred groups: stages × statuses × currencies).
    private func group(_ handle: OpaquePointer, after current: UInt16?) -> UInt16? {
        if let current, holds(groups[Int(current)], handle) { return current }
        let hash = Self.hash(handle)
        if let found = groupByHash[hash], holds(groups[Int(found)], handle) { return found }
        // A new group, or one whose hash another group has too.
        if let index = groups.firstIndex(where: { holds($0, handle) }) { return UInt16(index) }
        guard groups.count <= Int(UInt16.max) else { return nil }
        groups.append(
            GroupKey(
                stage: ColumnBytes.copy(handle, 1) ?? [], status: ColumnBytes.copy(handle, 2) ?? [],
                currency: ColumnBytes.copy(handle, 3)))
        let code = UInt16(groups.count - 1)
        if groupByHash[hash] == nil { groupByHash[hash] = code }
        return code
    }

    /// FNV-1a over the stage, status and currency (a NULL currency apart from every text).
    private static func hash(_ handle: OpaquePointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for column: Int32 in 1...3 {
            guard let text = sqlite3_column_text(handle, column) else {
                hash = (hash ^ 0x100) &* 0x100_0000_01b3
                continue
            }
            for index in 0..<Int(sqlite3_column_bytes(handle, column)) {
                hash = (hash ^ UInt64(text[index])) &* 0x100_0000_01b3
            }
            hash = (hash ^ 0x1ff) &* 0x100_0000_01b3
        }
        return hash
    }

    private func holds(_ key: GroupKey, _ handle: OpaquePointer) -> Bool {
        ColumnBytes.equal(key.stage, handle, 1) && ColumnBytes.equal(key.status, handle, 2)
            && ColumnBytes.equal(key.currency, handle, 3)
    }

    /// Appends the row as the last card; false when its values are not what SQLite's sums would read as the copy
    /// does.
    private func append(_ handle: OpaquePointer, group: UInt16) -> Bool {
        guard let fields = Fields(handle) else { return false }
        rowIDs.append(sqlite3_column_int64(handle, 0))
        groupOf.append(group)
        micros.append(fields.micros)
        probability.append(fields.probability)
        entered.append(fields.entered)
        nulls.append(fields.nulls)
        blobOf.append(-1)
        return addBlob(handle, card: rowIDs.count - 1)
    }

    /// Writes the row over its card, or appends it when it is past every card; false when it would go between two.
    private func replace(_ rowID: Int64, _ handle: OpaquePointer, group: UInt16) -> Bool {
        guard let slot = slot(of: rowID) else {
            guard rowID > rowIDs.last ?? Int64.min else { return false }
            return append(handle, group: group)
        }
        guard let fields = Fields(handle) else { return false }
        if blobOf[slot] < 0 { gaps -= 1 } else { dropBlob(of: slot) }
        groupOf[slot] = group
        micros[slot] = fields.micros
        probability[slot] = fields.probability
        entered[slot] = fields.entered
        nulls[slot] = fields.nulls
        return addBlob(handle, card: slot)
    }

    private func remove(_ rowID: Int64) {
        guard let slot = slot(of: rowID), blobOf[slot] >= 0 else { return }
        dropBlob(of: slot)
        blobOf[slot] = -1
        gaps += 1
    }

    private func dropBlob(of slot: Int) {
        let blob = Int(blobOf[slot])
        ownerOf[blob] = -1
        garbageBytes += Int(blobStart[blob + 1] - blobStart[blob])
    }

    private func slot(of rowID: Int64) -> Int? {
        var low = 0
        var high = rowIDs.count
        while low < high {
            let middle = (low + high) / 2
            if rowIDs[middle] < rowID { low = middle + 1 } else { high = middle }
        }
        return low < rowIDs.count && rowIDs[low] == rowID ? low : nil
    }

    /// The three searched fields, each cut at a NUL as LIKE reads it, ASCII letters folded to lower case, each
    /// followed by a NUL that no search word holds.
    private func addBlob(_ handle: OpaquePointer, card: Int) -> Bool {
        let start = text.count
        for column: Int32 in 7...9 {
            if let value = sqlite3_column_text(handle, column) {
                let count = Int(sqlite3_column_bytes(handle, column))
                let end = memchr(value, 0, count).map { UnsafeRawPointer($0) - UnsafeRawPointer(value) } ?? count
                text.append(contentsOf: UnsafeBufferPointer(start: value, count: end))
            }
            text.append(0)
        }
        text.withUnsafeMutableBufferPointer { text in
            for index in start..<text.count where text[index] &- 65 < 26 { text[index] |= 0x20 }
        }
        guard text.count <= Int(UInt32.max), ownerOf.count < Int(Int32.max) else { return false }
        blobOf[card] = Int32(ownerOf.count)
        ownerOf.append(Int32(card))
        blobStart.append(UInt32(text.count))
        return true
    }

    /// A row's summed values, as SQLite reads them.
    private struct Fields {
        var micros: Int64 = 0
        var probability = 0.0
        var entered = 0.0
        var nulls: UInt8 = 0

        init?(_ handle: OpaquePointer) {
            switch sqlite3_column_type(handle, 4) {
            case SQLITE_NULL: nulls |= 1
            case SQLITE_INTEGER: micros = sqlite3_column_int64(handle, 4)
            default: return nil
            }
            switch sqlite3_column_type(handle, 5) {
            case SQLITE_NULL: nulls |= 2
            case SQLITE_FLOAT: probability = sqlite3_column_double(handle, 5)
            default: return nil
            }
            guard sqlite3_column_type(handle, 6) == SQLITE_FLOAT else { return nil }
            entered = sqlite3_column_double(handle, 6)
        }
    }

    private static func same(_ key: String, _ handle: OpaquePointer, _ column: Int32) -> Bool {
        ColumnBytes.equal(Array(key.utf8), handle, column)
    }
}

import GRDB
import PipeboardCore

/// The index behind the board's search (`opportunity_search`, `Schema.indexTheSearchedText`): FTS5 with the trigram
/// tokenizer over the three fields a search word is looked for in, so that a word of three characters or more finds
/// its cards from the index instead of a LIKE over every card (814 ms at 1M cards).
///
/// It holds no copy of the text (external content: the `opportunity` rows, by rowid), no positions (`detail = none`)
/// and no sizes for ranking (`columnsize = 0`): 50 MB at 1M demo cards, filled in 3.3 s of CPU. It only narrows the
/// search. The LIKE conditions beside it still decide (`FilterSQL`), so a
/// search means exactly what it meant without the index, whatever the tokenizer's case folding.
///
/// The store's writer keeps it in step in the same transaction as the card (`StoreWriter`, the merge of a pull),
/// not triggers: a table with triggers gives every single-row write a statement journal (`StageTotalsTally`).
/// External content must be told the very text it indexed when a row's text changes or the row goes: that text is
/// read from the row just before (`stored`). The index follows rowids: the cache is never vacuumed, and a rebuilt
/// cache refills it (`refill`).
enum SearchIndex {
    /// Words shorter than a trigram have nothing to look up: they are matched by LIKE alone.
    static let gramLength = 3

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE opportunity_search USING fts5(
                    name, contact_name, company_name,
                    content = 'opportunity', content_rowid = 'rowid', tokenize = 'trigram', detail = 'none',
                    columnsize = 0);
                """)
        try refill(db)
    }

    /// The index made anew from every card: on upgrade, and after rows were copied in by SQL alone.
    static func refill(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO opportunity_search (opportunity_search) VALUES ('rebuild')")
    }

    /// A stored card's row and the text the index holds for it.
    struct Entry: Equatable {
        var rowID: Int64
        var name: String
        var contactName: String?
        var companyName: String?

        func sameText(as other: Entry) -> Bool {
            name == other.name && contactName == other.contactName && companyName == other.companyName
        }
    }

    /// The card's entry as stored, or nil when there is no such card. `key` is the row's id (`OpportunityRow.key`).
    static func stored(_ db: Database, key: String) throws -> Entry? {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT rowid, name, contact_name, company_name FROM opportunity WHERE id = ?"),
            arguments: [key])
        guard let row else { return nil }
        return Entry(
            rowID: try row.checked("rowid"), name: try row.checked("name"),
            contactName: try row.checked("contact_name"), companyName: try row.checked("company_name"))
    }

    /// Adds a row's text (after the row was written). Single-row VALUES: an INSERT ... SELECT into FTS5 would open a
    /// savepoint per statement, which flushes the index's pending terms to disk each time.
    static func add(_ db: Database, _ entry: Entry) throws {
        try db.cachedStatement(sql: addSQL).execute(arguments: StatementArguments(values(entry)))
    }

    static let addSQL = "INSERT INTO opportunity_search (rowid, name, contact_name, company_name) VALUES (?, ?, ?, ?)"

    /// The values of `addSQL`, for a statement repeated over a bulk write (`RepeatedStatement`).
    static func values(_ entry: Entry) -> [DatabaseValue] {
        [
            entry.rowID.databaseValue, entry.name.databaseValue, entry.contactName.databaseValue,
            entry.companyName.databaseValue,
        ]
    }

    static func values(rowID: Int64, card: Opportunity) -> [DatabaseValue] {
        values(Entry(rowID: rowID, card: card))
    }

    /// Takes a row's text out (before the row changes its text or goes): `entry` must be what `stored` read.
    static func remove(_ db: Database, _ entry: Entry) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO opportunity_search (opportunity_search, rowid, name, contact_name, company_name)
                VALUES ('delete', ?, ?, ?, ?)
                """
        ).execute(arguments: [entry.rowID, entry.name, entry.contactName, entry.companyName])
    }

    /// The MATCH expression for the words long enough to look up: every trigram of each, all of which a matching card
    /// holds somewhere in its three fields; nil when no word is that long. Without positions in the index, holding a
    /// word's trigrams does not make a card contain the word: the LIKE beside it decides.
    /// Trigrams are taken over Unicode scalars, as the tokenizer reads UTF-8; each is quoted (a `"` doubled), so no
    /// character of a search is read as query syntax.
    static func match(_ words: [String]) -> String? {
        var grams: [String] = []
        for word in words {
            let scalars = Array(word.unicodeScalars)
            guard scalars.count >= gramLength else { continue }
            for start in 0...(scalars.count - gramLength) {
                var gram = String.UnicodeScalarView()
                gram.append(contentsOf: scalars[start..<start + gramLength])
                let quoted = "\"" + String(gram).replacingOccurrences(of: "\"", with: "\"\"") + "\""
                if !grams.contains(quoted) { grams.append(quoted) }
            }
        }
        return grams.isEmpty ? nil : grams.joined(separator: " AND ")
    }
}

extension SearchIndex.Entry {
    init(rowID: Int64, card: Opportunity) {
        self.init(rowID: rowID, name: card.name, contactName: card.contactName, companyName: card.companyName)
    }
}

import GRDB

/// The texts that repeat across deals (pipelines, stages, currencies, owners, sources, companies), each kept once in
/// `local_text` and named by its number in `local_deal`. Texts are never deleted nor renumbered, but a number given
/// in a transaction that rolls back can be given again to another text: so the numbers remembered here are only
/// used within the writes that learned them, and a value of this type lives no longer than those.
struct LocalTexts {
    private var known: [String: Int64] = [:]

    /// The text's number, given now when the text is new.
    mutating func number(of text: String, in db: Database) throws -> Int64 {
        if let number = known[text] { return number }
        let number: Int64
        if let found = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM local_text WHERE text = ?"), arguments: [text])
        {
            number = found
        } else {
            try db.cachedStatement(sql: "INSERT INTO local_text (text) VALUES (?)").execute(arguments: [text])
            number = db.lastInsertedRowID
        }
        known[text] = number
        return number
    }

    /// SQL for the text a number column names (NULL for NULL).
    static func text(of column: String) -> String { "(SELECT text FROM local_text WHERE id = \(column))" }

    /// SQL for the number of the text bound to the next `?` (NULL when the file has no such text, so nothing matches).
    static let numberOfArgument = "(SELECT id FROM local_text WHERE text = ?)"
}

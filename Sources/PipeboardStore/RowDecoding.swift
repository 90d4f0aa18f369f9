import GRDB

extension Row {
    /// The value of `column`, decoded like the subscript, except that a NULL or mistyped value (a hand-edited
    /// or damaged file) throws a `StoreError` instead of stopping the app.
    func checked<Value: DatabaseValueConvertible>(_ column: String) throws -> Value {
        do {
            return try decode(Value.self, forColumn: column)
        } catch {
            throw StoreError.corrupt("value in column \(column)")
        }
    }
}

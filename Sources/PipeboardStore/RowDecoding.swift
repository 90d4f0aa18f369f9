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

extension Row {
    /// `checked(_:)` by position, for hot loops over rows whose select list the caller spelled: no column name
    /// is looked up, and the value is read straight from the statement.
    func checked<Value: DatabaseValueConvertible & StatementColumnConvertible>(at index: Int) throws -> Value {
        // Text straight from the statement; a number through its storage class, so that text where a number
        // belongs is an error rather than a 0.
        if Value.self == String.self, !hasNull(atIndex: index), let text = try? decode(Value.self, atIndex: index) {
            return text
        }
        guard let value = Value.fromDatabaseValue(self[index] as DatabaseValue) else {
            throw StoreError.corrupt("value in column \(index + 1)")
        }
        return value
    }

    /// `checked(at:)` for a column that may be NULL. (Decoding an optional type instead looks the optional's type up
    /// in the runtime's metadata cache, behind a lock, for every value.)
    func nullable<Value: DatabaseValueConvertible & StatementColumnConvertible>(at index: Int) throws -> Value? {
        hasNull(atIndex: index) ? nil : try checked(at: index) as Value
    }
}

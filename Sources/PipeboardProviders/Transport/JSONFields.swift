import Foundation

/// Typed reading of an answer already parsed by `RawJSON.Reader`, for hot paths that skip `JSONDecoder`: the same
/// rules as a `Decodable` type (a required field missing or null, or any field of the wrong type, is an error;
/// unknown fields are ignored) and the same one-line errors as `ProviderJSON.describe`, naming the field's path. One
/// exception: a number too big or not whole for a whole-number field is "bad value at <field>", where JSONDecoder's
/// error names no field ("not JSON").
struct JSONFields {
    /// Why a field could not be read: "missing opportunities[3].id", "unexpected type at meta.total".
    struct Failure: Error {
        let reason: String
    }

    private let members: [(key: String, value: RawJSON.Value)]
    let path: String

    /// The object `value`, found at `path` ("" for the answer itself).
    init(_ value: RawJSON.Value, path: String) throws {
        guard case .object(let members) = value else { throw Failure(reason: "unexpected type at \(Self.name(path))") }
        self.members = members
        self.path = path
    }

    /// The value under `key`; of a repeated key the first, as `JSONDecoder` and `RawJSON.Value.sortedText` keep it.
    func value(_ key: String) -> RawJSON.Value? {
        members.first { $0.key == key }?.value
    }

    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func string(_ key: String) throws -> String {
        guard let text = try optionalString(key) else { throw missingOrNull(key) }
        return text
    }

    func optionalString(_ key: String) throws -> String? {
        switch value(key) {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw mismatch(key)
        }
    }

    func optionalDouble(_ key: String) throws -> Double? {
        switch value(key) {
        case nil, .null?: return nil
        case .integer(let number)?: return Double(number)
        case .number(let number)?: return number
        default: throw mismatch(key)
        }
    }

    func optionalInt(_ key: String) throws -> Int? {
        switch value(key) {
        case nil, .null?: return nil
        case .integer(let number)?:
            guard let exact = Int(exactly: number) else { throw Failure(reason: "bad value at \(child(key))") }
            return exact
        case .number(let number)?:
            guard let exact = Int(exactly: number) else { throw Failure(reason: "bad value at \(child(key))") }
            return exact
        default: throw mismatch(key)
        }
    }

    /// A whole number sent as a number or as text (`FlexibleInt64`).
    func optionalFlexibleInt64(_ key: String) throws -> Int64? {
        switch value(key) {
        case nil, .null?: return nil
        case .integer(let number)?: return number
        case .number(let number)?:
            guard let exact = Int64(exactly: number.rounded()) else { throw mismatch(key) }
            return exact
        case .string(let text)?:
            guard let number = Int64(text.trimmingCharacters(in: .whitespaces)) else {
                throw Failure(reason: "bad value at \(child(key))")
            }
            return number
        default: throw mismatch(key)
        }
    }

    func optionalStrings(_ key: String) throws -> [String]? {
        switch value(key) {
        case nil, .null?: return nil
        case .array(let items)?:
            return try items.enumerated().map { index, item in
                guard case .string(let text) = item else {
                    throw Failure(reason: "unexpected type at \(Self.element(index, of: child(key)))")
                }
                return text
            }
        default: throw mismatch(key)
        }
    }

    /// The object under `key`, nil when absent or null.
    func optionalObject(_ key: String) throws -> JSONFields? {
        switch value(key) {
        case nil, .null?: return nil
        case let found?: return try JSONFields(found, path: child(key))
        }
    }

    /// The array under `key`, which must be there.
    func array(_ key: String) throws -> [RawJSON.Value] {
        switch value(key) {
        case nil, .null?: throw missingOrNull(key)
        case .array(let items)?: return items
        default: throw mismatch(key)
        }
    }

    private func missingOrNull(_ key: String) -> Failure {
        Failure(reason: value(key) == nil ? "missing \(child(key))" : "null at \(child(key))")
    }

    private func mismatch(_ key: String) -> Failure {
        Failure(reason: "unexpected type at \(child(key))")
    }

    private static func name(_ path: String) -> String { path.isEmpty ? "the answer" : path }

    /// The path of an array's element, written as `ProviderJSON.describe` writes a decoder's: "opportunities.[3]".
    static func element(_ index: Int, of path: String) -> String { "\(path).[\(index)]" }
}

import Foundation

/// A JSON value as the specs and the requests' bodies are read: booleans and numbers kept apart, which
/// JSONSerialization's NSNumber does not do reliably on every platform.
public indirect enum SpecJSON: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([SpecJSON])
    case object([String: SpecJSON])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SpecJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: SpecJSON].self))
        }
    }

    public static func parse(_ data: Data) throws -> SpecJSON {
        try JSONDecoder().decode(SpecJSON.self, from: data)
    }

    public subscript(key: String) -> SpecJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var double: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    public var array: [SpecJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var object: [String: SpecJSON]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The JSON type's name, as a schema's `type` spells it.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number(let value): value.rounded() == value ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Short, for messages.
    var brief: String {
        switch self {
        case .null: "null"
        case .bool(let value): String(value)
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string(let value): "\"\(value.prefix(40))\""
        case .array(let items): "an array of \(items.count)"
        case .object: "an object"
        }
    }
}

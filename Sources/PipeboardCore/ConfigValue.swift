/// A provider setting's value, as an account's config entry gives it: text, lists of text, numbers and flags.
public enum ConfigValue: Hashable, Sendable {
    case text(String)
    case list([String])
    case number(Double)
    case flag(Bool)

    public enum Kind: Hashable, Sendable {
        case text, list, number, flag
    }

    public var kind: Kind {
        switch self {
        case .text: return .text
        case .list: return .list
        case .number: return .number
        case .flag: return .flag
        }
    }
}

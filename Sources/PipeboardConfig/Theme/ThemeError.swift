/// A theme file that cannot be used, with the key at fault and how to fix it.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var theme: String
    /// Dotted path of the offending key, e.g. "roles.cardFocused.bg.truecolor"; empty for the whole file.
    public var key: String
    public var problem: String

    public init(theme: String, key: String, problem: String) {
        self.theme = theme
        self.key = key
        self.problem = problem
    }

    public var description: String {
        key.isEmpty ? "theme '\(theme)': \(problem)" : "theme '\(theme)', \(key): \(problem)"
    }
}

/// A theme file that cannot be used, with the key at fault and how to fix it.
package struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    package var theme: String
    /// Dotted path of the offending key, e.g. "roles.cardFocused.bg.truecolor"; empty for the whole file.
    package var key: String
    package var problem: String

    package init(theme: String, key: String, problem: String) {
        self.theme = theme
        self.key = key
        self.problem = problem
    }

    package var description: String {
        key.isEmpty ? "theme '\(theme)': \(problem)" : "theme '\(theme)', \(key): \(problem)"
    }
}

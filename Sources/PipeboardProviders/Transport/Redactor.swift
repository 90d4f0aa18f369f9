/// Removes secrets from text before it reaches an error message or a log line.
package struct Redactor: Sendable {
    private let secrets: [String]

    package init(secrets: [String]) {
        // Very short values would blank out ordinary words; real tokens are long.
        self.secrets = secrets.filter { $0.count >= 6 }.sorted { $0.count > $1.count }
    }

    package func callAsFunction(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }
}

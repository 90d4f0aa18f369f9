/// Removes secrets from text before it reaches an error message or a log line.
public struct Redactor: Sendable {
    private let secrets: [String]

    public init(secrets: [String]) {
        // Very short values would blank out ordinary words; real tokens are long.
        self.secrets = secrets.filter { $0.count >= 6 }.sorted { $0.count > $1.count }
    }

    public func callAsFunction(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }
}

/// The won / lost model shared by the board. Providers without one keep their own status in `providerStatus`.
public enum OpportunityStatus: String, CaseIterable, Codable, Sendable, Hashable {
    case open, won, lost, abandoned

    public var isClosed: Bool { self != .open }

    /// Accepts the status names users type: "open", "Won", "LOST".
    public init?(userText: String) {
        self.init(rawValue: userText.trimmingCharacters(in: .whitespaces).lowercased())
    }
}

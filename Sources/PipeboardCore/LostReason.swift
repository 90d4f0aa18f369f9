/// One of the reasons a provider keeps for losing a deal (HighLevel's lost reasons): a status change names it
/// by id.
public struct LostReason: Hashable, Sendable, Codable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// The reason `text` names: its exact name in any case, else the one name it is a prefix of; nil for none or
    /// several.
    public static func matching(_ text: String, in reasons: [LostReason]) -> LostReason? {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !wanted.isEmpty else { return nil }
        if let exact = reasons.first(where: { $0.name.lowercased() == wanted }) { return exact }
        let prefixed = reasons.filter { $0.name.lowercased().hasPrefix(wanted) }
        return prefixed.count == 1 ? prefixed[0] : nil
    }
}

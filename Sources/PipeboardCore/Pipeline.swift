/// A column of the board. `id` is the provider's stage id (or the stage name where the provider has no ids).
public struct Stage: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var position: Int
    /// Chance of winning a deal in this stage, 0...1, where the provider or config says.
    public var probability: Double?

    public init(id: String, name: String, position: Int, probability: Double? = nil) {
        self.id = id
        self.name = name
        self.position = position
        self.probability = probability
    }
}

public struct Pipeline: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// Ordered by `position`.
    public var stages: [Stage]

    public init(id: String, name: String, stages: [Stage]) {
        self.id = id
        self.name = name
        self.stages = stages.sorted { ($0.position, $0.name) < ($1.position, $1.name) }
    }

    /// A stage by id, else by name (exact, then case-insensitive), else by a unique case-insensitive prefix of its
    /// name.
    public func stage(matching text: String) -> Stage? {
        if let byID = stages.first(where: { $0.id == text }) { return byID }
        if let exact = stages.first(where: { $0.name == text }) { return exact }
        let lowered = text.lowercased()
        if let folded = stages.first(where: { $0.name.lowercased() == lowered }) { return folded }
        let prefixed = stages.filter { $0.name.lowercased().hasPrefix(lowered) }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    public func index(ofStage id: String) -> Int? { stages.firstIndex { $0.id == id } }
}

/// The config's per-stage default probabilities, for stages whose provider gives none.
/// Keys are a stage id or a stage name (case-insensitive); values are 0...1.
public struct StageProbabilityDefaults: Hashable, Sendable {
    public private(set) var byKey: [String: Double]

    public init(_ byKey: [String: Double] = [:]) {
        self.byKey = Dictionary(
            byKey.map { ($0.key.lowercased(), Weighting.clamp($0.value)) }, uniquingKeysWith: { first, _ in first })
    }

    public var isEmpty: Bool { byKey.isEmpty }

    /// The default for a stage: by its id first, then by its name.
    public func probability(for stage: Stage) -> Double? {
        byKey[stage.id.lowercased()] ?? byKey[stage.name.lowercased()]
    }

    /// The pipeline with every stage that has no probability of its own given the config's default, if any.
    public func applied(to pipeline: Pipeline) -> Pipeline {
        guard !isEmpty else { return pipeline }
        var pipeline = pipeline
        for index in pipeline.stages.indices where pipeline.stages[index].probability == nil {
            pipeline.stages[index].probability = probability(for: pipeline.stages[index])
        }
        return pipeline
    }
}

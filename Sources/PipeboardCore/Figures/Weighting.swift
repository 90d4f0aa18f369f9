/// The weighted forecast of an amount: the deal's own probability, else its stage's, else nothing.
/// A stage's probability comes from the provider, else from the config's per-stage default
/// (`StageProbabilityDefaults` fills it in before any figure is computed).
public enum Weighting {
    /// The chance used for a deal: its own, else the stage's, else 0 (an unknown chance adds nothing to the forecast).
    public static func probability(deal: Double?, stage: Double?) -> Double {
        clamp(deal ?? stage ?? 0)
    }

    /// Weighted micros of a group of deals split the way the cache sums them: `ownWeighted` is
    /// Σ value × own probability over deals that have one, `withoutOwn` is Σ value over deals that have none.
    public static func weightedMicros(ownWeighted: Double, withoutOwn: Int64, stageProbability: Double?) -> Int64 {
        let total = ownWeighted + Double(withoutOwn) * clamp(stageProbability ?? 0)
        guard total.isFinite else { return 0 }
        return Int64(total.rounded())
    }

    static func clamp(_ probability: Double) -> Double {
        probability.isFinite ? min(1, max(0, probability)) : 0
    }
}

/// The raw sums of one stage (or one stage and month) in one currency, as the cache's aggregate query returns them.
public struct WeightedSums: Hashable, Sendable {
    public var currency: String
    /// Σ value × the deal's own probability, over deals that have one (micros, fractional).
    public var ownWeightedMicros: Double
    /// Σ value over deals without their own probability.
    public var withoutOwnMicros: Int64

    public init(currency: String, ownWeightedMicros: Double, withoutOwnMicros: Int64) {
        self.currency = currency
        self.ownWeightedMicros = ownWeightedMicros
        self.withoutOwnMicros = withoutOwnMicros
    }

    public func weighted(stageProbability: Double?) -> Money {
        Money(
            micros: Weighting.weightedMicros(
                ownWeighted: ownWeightedMicros, withoutOwn: withoutOwnMicros,
                stageProbability: stageProbability), currency: currency)
    }
}

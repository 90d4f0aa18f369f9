/// The funnel of one pipeline under the board's filter, read from the cache's current state.
///
/// The cache holds where each deal is now, not the path it took, so "reached a stage" is inferred:
/// a deal reached its current stage and every stage before it (deals move forward through the stages).
/// The conversion rate beside a stage is the share of the deals that reached the previous stage which
/// also reached this one. Won, lost and abandoned deals count at the stage they are in, when the filter shows them.
public struct Funnel: Hashable, Sendable {
    public struct Step: Hashable, Sendable {
        public var stage: Stage
        /// Deals in the stage now, and their value per currency.
        public var count: Int
        public var totals: MoneyTotals
        /// Deals in this stage or any later one.
        public var reached: Int
        /// reached / the previous stage's reached; nil for the first stage or when the previous reached none.
        public var conversion: Double?
    }

    public var steps: [Step]

    public init(columns: [ColumnSnapshot]) {
        var reached = 0
        var reachedFromEnd: [Int] = Array(repeating: 0, count: columns.count)
        for index in columns.indices.reversed() {
            reached += columns[index].count
            reachedFromEnd[index] = reached
        }
        steps = columns.indices.map { index in
            let previous = index > 0 ? reachedFromEnd[index - 1] : 0
            return Step(
                stage: columns[index].stage, count: columns[index].count, totals: columns[index].totals,
                reached: reachedFromEnd[index],
                conversion: index > 0 && previous > 0 ? Double(reachedFromEnd[index]) / Double(previous) : nil)
        }
    }

    /// Every currency any stage holds, largest total first: the value views of the funnel.
    public var currencies: [String] {
        var all = MoneyTotals()
        for step in steps { for amount in step.totals.amounts { all.add(amount) } }
        return all.amounts.map(\.currency)
    }

    /// Deals that entered the funnel (reached its first stage), and the share that reached its last.
    public var entered: Int { steps.first?.reached ?? 0 }
    public var overallConversion: Double? {
        guard let first = steps.first, let last = steps.last, first.reached > 0, steps.count > 1 else { return nil }
        return Double(last.reached) / Double(first.reached)
    }
}

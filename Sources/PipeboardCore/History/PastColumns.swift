import Foundation

/// The columns of a board as it was, built from its cards in memory (the cache's sums and indexes hold only the
/// present): the same counts, totals, weighted forecast and windows as the present board's, in manual order.
public enum PastColumns {
    public static func columns(
        of pipeline: Pipeline, cards: [Opportunity], query: BoardQuery, now: Date
    ) -> [ColumnSnapshot] {
        var byStage: [String: [Opportunity]] = [:]
        for card in cards where query.statuses.isEmpty || query.statuses.contains(card.status) {
            guard query.filter == .none || query.filter.matches(card, now: now) else { continue }
            byStage[card.stageID, default: []].append(card)
        }
        return pipeline.stages.map { stage in
            let shown = (byStage[stage.id] ?? []).sorted(by: inColumnOrder)
            var column = tally(shown, stage: stage)
            let window = query.window(for: stage.id)
            let start = min(window.offset, shown.count)
            column.offset = window.offset
            column.cards = Array(shown[start..<min(shown.count, start + window.limit)])
            return column
        }
    }

    /// Rank, then age, then id: the board's manual order.
    static func inColumnOrder(_ a: Opportunity, _ b: Opportunity) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        return a.id.uuidString.lowercased() < b.id.uuidString.lowercased()
    }

    /// A column's figures over its cards, as the cache sums them (BoardQueries).
    static func tally(_ cards: [Opportunity], stage: Stage) -> ColumnSnapshot {
        var totals = MoneyTotals(), openTotals = MoneyTotals(), weighted = MoneyTotals()
        var openCount = 0
        var entered = 0.0
        var own: [String: (weighted: Double, without: Int64)] = [:]
        for card in cards {
            if let value = card.value { totals.add(value) }
            guard card.status == .open else { continue }
            openCount += 1
            entered += card.stageChangedAt.timeIntervalSinceReferenceDate
            guard let value = card.value else { continue }
            openTotals.add(value)
            var sums = own[value.currency] ?? (0, 0)
            if let probability = card.probability {
                sums.weighted += Double(value.micros) * probability
            } else {
                sums.without += value.micros
            }
            own[value.currency] = sums
        }
        for (currency, sums) in own {
            weighted.add(
                WeightedSums(currency: currency, ownWeightedMicros: sums.weighted, withoutOwnMicros: sums.without)
                    .weighted(stageProbability: stage.probability))
        }
        return ColumnSnapshot(
            stage: stage, count: cards.count, totals: totals, offset: 0, cards: [], openCount: openCount,
            openTotals: openTotals, weighted: weighted,
            averageStageEntry: openCount > 0
                ? Date(timeIntervalSinceReferenceDate: entered / Double(openCount)) : nil)
    }
}

extension PastColumns {
    /// The forecast's sums over past cards, as `CacheStore.closeMonthSums` groups the present ones.
    public static func closeMonthSums(of pipeline: Pipeline, cards: [Opportunity]) -> [CloseMonthSums] {
        let probabilities = Dictionary(
            pipeline.stages.map { ($0.id, $0.probability) }, uniquingKeysWith: { first, _ in first })
        var groups: [String: CloseMonthSums] = [:]
        for card in cards where card.status == .open || card.status == .won {
            let currency = card.value?.currency ?? ""
            let month = card.closeDate.map { String($0.prefix(7)) }
            let key = [card.stageID, card.status.rawValue, currency, month ?? ""].joined(separator: "\u{1F}")
            var sums =
                groups[key]
                ?? CloseMonthSums(
                    stageID: card.stageID, status: card.status, month: month, count: 0, micros: 0,
                    weighting: WeightedSums(currency: currency, ownWeightedMicros: 0, withoutOwnMicros: 0),
                    stageProbability: probabilities[card.stageID] ?? nil)
            sums.count += 1
            let micros = card.value?.micros ?? 0
            sums.micros += micros
            if let probability = card.probability {
                sums.weighting.ownWeightedMicros += Double(micros) * probability
            } else {
                sums.weighting.withoutOwnMicros += micros
            }
            groups[key] = sums
        }
        return groups.keys.sorted().compactMap { groups[$0] }
    }

    /// Won and lost past cards by the week their status changed, up to the day of `now`, as `outcomeWeekSums` does.
    public static func outcomeWeekSums(of pipeline: Pipeline, cards: [Opportunity], now: Date, weeks: Int)
        -> [OutcomeWeekSums]
    {
        let stages = Set(pipeline.stages.map(\.id))
        var groups: [String: OutcomeWeekSums] = [:]
        for card in cards where (card.status == .won || card.status == .lost) && stages.contains(card.stageID) {
            let closed = WeeklyOutcomes.dayNumber(of: card.statusChangedAt ?? card.updatedAt)
            guard let weeksAgo = WeeklyOutcomes.weeksAgo(day: closed, now: now, weeks: weeks) else { continue }
            let currency = card.value?.currency ?? ""
            let key = "\(card.status.rawValue)\u{1F}\(weeksAgo)\u{1F}\(currency)"
            var sums =
                groups[key]
                ?? OutcomeWeekSums(status: card.status, weeksAgo: weeksAgo, currency: currency, count: 0, micros: 0)
            sums.count += 1
            sums.micros += card.value?.micros ?? 0
            groups[key] = sums
        }
        return groups.keys.sorted().compactMap { groups[$0] }
    }
}

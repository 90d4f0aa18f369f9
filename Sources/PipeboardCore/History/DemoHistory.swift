import Foundation

/// A believable past for generated deals, for `pipeboard demo --history` and the benchmarks: about `perDeal`
/// changes each (stage moves and value changes, some by the provider), all between the deal's creation and its own
/// last change, ending in the state the deal has now (entered its stage at its stage time), so that the board as it
/// was and velocity have something real to read.
public enum DemoHistory {
    public static func changes(
        for card: Opportunity, stages: [String], perDeal: Int, now: Date, random: inout SplitMix64
    ) -> [DealChange] {
        guard perDeal > 0, let current = stages.firstIndex(of: card.stageID) else { return [] }
        let moves = max(1, perDeal / 2)
        // A walk over the stages that ends where the deal is, entered at its stage time.
        var path = [current]
        while path.count < moves + 1 {
            let step = Int(random.next() % 3) - 1 // mostly forward when read from the start
            path.insert(min(stages.count - 1, max(0, path[0] - abs(step))), at: 0)
        }
        let start = card.createdAt
        let end = max(start, card.stageChangedAt)
        var changes: [DealChange] = []
        var since = start
        for index in 1..<path.count where path[index] != path[index - 1] {
            let share = Double(index) / Double(path.count - 1)
            let at = index == path.count - 1 ? end : start + end.timeIntervalSince(start) * share
            changes.append(
                DealChange(
                    opportunityID: card.id, account: card.account, field: .stage, from: stages[path[index - 1]],
                    to: stages[path[index]], at: at, since: since, origin: random.next() % 4 == 0 ? .provider : .local,
                    clock: .commit))
            since = at
        }
        // The move into the deal's stage is the one its stage time tells, even where the walk stood still last.
        if let last = changes.indices.last { changes[last].at = end }
        // Value changes up to the value the deal has now, none after its own last change.
        guard let value = card.value else { return changes }
        let latest = max(start, min(now, card.lastActivityAt))
        let valueChanges = max(0, perDeal - changes.count)
        var amount = value.micros
        var values: [DealChange] = []
        for index in 0..<valueChanges {
            let earlier = max(0, amount - Int64(1 + random.next() % 20) * 50 * Money.microsPerUnit)
            let at = latest - (latest.timeIntervalSince(start) * Double(index + 1) / Double(valueChanges + 1))
            values.append(
                DealChange(
                    opportunityID: card.id, account: card.account, field: .value,
                    from: DealChange.text(of: Money(micros: earlier, currency: value.currency)),
                    to: DealChange.text(of: Money(micros: amount, currency: value.currency)), at: at, origin: .local,
                    clock: .commit))
            amount = earlier
        }
        return changes + values.reversed()
    }
}

extension DemoHistory {
    /// The first run's past of one starter deal, which agrees with the card as it is: created in the first stage and
    /// moved forward one stage at a time (now and then skipping one, or sent back a stage), entering the stage it is
    /// in at its stage time; a closed deal is won or lost at its status time. Nothing after the card's own times,
    /// so a pull finds nothing to contradict and no stale mark moves. A deal in its stage for less than a day since
    /// it was made was made there, with no moves.
    public static func firstRun(for card: Opportunity, stages: [String], random: inout SplitMix64) -> [DealChange] {
        guard let current = stages.firstIndex(of: card.stageID) else { return [] }
        var changes: [DealChange] = []
        let start = card.createdAt
        let end = card.stageChangedAt
        if end.timeIntervalSince(start) >= 86_400 {
            let path = firstRunPath(to: current, of: stages.count, open: !card.status.isClosed, random: &random)
            // Each move at a random moment of the deal's life before its last one, which is its stage time.
            let moments =
                (1..<max(1, path.count - 1)).map { _ in Double(random.next() % 1_000) / 1_000 }.sorted().map {
                    start + end.timeIntervalSince(start) * $0
                } + [end]
            var since = start
            for (index, at) in zip(path.indices.dropFirst(), moments) {
                changes.append(
                    DealChange(
                        opportunityID: card.id, account: card.account, field: .stage, from: stages[path[index - 1]],
                        to: stages[path[index]], at: at, since: since, origin: .local, clock: .commit))
                since = at
            }
        }
        if card.status.isClosed {
            changes.append(
                DealChange(
                    opportunityID: card.id, account: card.account, field: .status,
                    from: OpportunityStatus.open.rawValue, to: card.status.rawValue,
                    at: max(start, card.statusChangedAt ?? card.updatedAt), since: start, origin: .local,
                    clock: .commit))
        }
        return changes
    }

    /// The stages a starter deal went through, by index, from the first to `current`: mostly one step at a time,
    /// one skip in five; an open deal is sent back from the stage after its own one time in four, and a deal in the
    /// first stage that moved at all was sent back to it.
    package static func firstRunPath(to current: Int, of count: Int, open: Bool, random: inout SplitMix64) -> [Int] {
        guard count > 1 else { return [current] }
        guard current > 0 else { return [0, 1, 0] }
        var path = [0]
        while let last = path.last, last < current {
            path.append(min(current, last + (random.next() % 5 == 0 ? 2 : 1)))
        }
        if open && current + 1 < count && random.next() % 4 == 0 { path += [current + 1, current] }
        return path
    }
}

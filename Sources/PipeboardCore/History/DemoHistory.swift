import Foundation

/// A believable past for generated deals, for `pipeboard demo --history` and the benchmarks: about `perDeal`
/// changes each (stage moves and value changes, some by the provider), all between the deal's creation and now,
/// ending in the state the deal has now, so that the board as it was and velocity have something real to read.
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
        // Value changes up to the value the deal has now.
        guard let value = card.value else { return changes }
        let valueChanges = max(0, perDeal - changes.count)
        var amount = value.micros
        var values: [DealChange] = []
        for index in 0..<valueChanges {
            let earlier = max(0, amount - Int64(1 + random.next() % 20) * 50 * Money.microsPerUnit)
            let at = now - (now.timeIntervalSince(start) * Double(index + 1) / Double(valueChanges + 1))
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

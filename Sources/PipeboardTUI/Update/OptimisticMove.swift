import Foundation
import PipeboardCore

/// Changes applied to a snapshot before the service confirms them; the next snapshot replaces them.
extension BoardSnapshot {
    /// Takes `card` out of its column and puts it at the top of `target`, adjusting counts and totals, and an open
    /// deal's share of the headers' open value, weighted forecast and average days (it enters its new stage now).
    mutating func moveCard(_ card: Opportunity, toColumn target: Int, at now: Date) {
        for index in columns.indices where columns[index].cards.contains(where: { $0.id == card.id }) {
            columns[index].cards.removeAll { $0.id == card.id }
            columns[index].count = max(0, columns[index].count - 1)
            if let value = card.value {
                columns[index].totals.add(Money(micros: -value.micros, currency: value.currency))
            }
            columns[index].totals = columns[index].totals.droppingZeros
            if card.status == .open { columns[index].countOpen(card, entered: card.stageChangedAt, sign: -1) }
        }
        var moved = card
        // On a merged board the card keeps its own account's stage id (the column's is not one).
        if merge == nil { moved.stageID = columns[target].stage.id }
        moved.stageChangedAt = now
        if card.status == .open { columns[target].countOpen(card, entered: now, sign: 1) }
        var column = columns[target]
        if column.offset == 0 {
            column.cards.insert(moved, at: 0)
        } else {
            // The top of the column is not loaded: show the card alone until the next load fills the window.
            column.cards = [moved]
            column.offset = 0
        }
        column.count += 1
        if let value = card.value { column.totals.add(value) }
        columns[target] = column
    }
}

extension ColumnSnapshot {
    /// Adds (sign 1) or takes out (-1) one open deal's share of the header's figures.
    mutating func countOpen(_ card: Opportunity, entered: Date, sign: Int) {
        let before = Double(openCount)
        openCount = max(0, openCount + sign)
        if let value = card.value {
            openTotals.add(Money(micros: Int64(sign) * value.micros, currency: value.currency))
            let chance = Weighting.probability(deal: card.probability, stage: stage.probability)
            let share = Int64((Double(value.micros) * chance).rounded())
            weighted.add(Money(micros: Int64(sign) * share, currency: value.currency))
            openTotals = openTotals.droppingZeros
        }
        guard openCount > 0 else { averageStageEntry = nil; return }
        let sum =
            (averageStageEntry?.timeIntervalSinceReferenceDate ?? 0) * before
            + Double(sign) * entered.timeIntervalSinceReferenceDate
        averageStageEntry = Date(timeIntervalSinceReferenceDate: sum / Double(openCount))
    }

    /// Swaps two cards by their index in the whole column, when both are loaded.
    mutating func swapCards(_ first: Int, _ second: Int) {
        let a = first - offset
        let b = second - offset
        guard cards.indices.contains(a), cards.indices.contains(b) else { return }
        cards.swapAt(a, b)
    }
}

extension MoneyTotals {
    /// The totals without currencies that summed to nothing, so a header never shows "$0" for a moved-out card.
    var droppingZeros: MoneyTotals { MoneyTotals(microsByCurrency.filter { $0.value != 0 }) }
}

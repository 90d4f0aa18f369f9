import PipeboardCore
import Testing

/// Every card of `board` shows the stale mark it showed on `before`: what a write that must not look like activity
/// (a pull that changes nothing, demo notes and tasks dated before each deal's last change) leaves alone.
func expectNoStaleMarkMoved(
    from before: BoardSnapshot, to board: BoardSnapshot, sourceLocation: SourceLocation = #_sourceLocation
) {
    let stale = StalePolicy()
    for (column, old) in zip(board.columns, before.columns) {
        for card in column.cards {
            let now = stale.staleDays(
                of: card, in: column.stage, now: Workbench.now, activity: column.lastActivity[card.id])
            let then = stale.staleDays(
                of: card, in: column.stage, now: Workbench.now, activity: old.lastActivity[card.id])
            #expect(now == then, "\(card.name)", sourceLocation: sourceLocation)
        }
    }
}

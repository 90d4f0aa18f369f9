import PipeboardCore

/// Keys in the outbox list: choose a change, retry it, discard it, or open its conflict.
func handleOutboxKey(_ key: Key, list: inout OutboxListState, state: inout AppState) -> [Effect] {
    switch state.keyMaps.outbox.action(for: key) {
    case .close:
        state.mode = .board
        return []
    case .choosePrevious:
        list.choose(by: -1)
    case .chooseNext:
        list.choose(by: 1)
    case .retryChange:
        guard let item = list.chosen else { return [] }
        state.status = .info("Sending again: \(item.summary)")
        return [.retryOutbox(id: item.id)]
    case .discardChange:
        guard let item = list.chosen else { return [] }
        return [.discardOutbox(id: item.id)]
    case .openConflict:
        guard let item = list.chosen else { return [] }
        guard item.state == .conflict, item.conflict != nil else {
            state.status = .info(item.state == .failed ? refusedChangeHint(state.keyMaps) : "Not a conflict")
            return []
        }
        state.mode = .conflict(item)
        return []
    default:
        return []
    }
    state.mode = .outbox(list)
    return []
}

/// Keys in the conflict view: keep mine, take theirs, or go back to the list.
func handleConflictKey(_ key: Key, item: OutboxItem, state: inout AppState) -> [Effect] {
    switch state.keyMaps.conflict.action(for: key) {
    case .keepMine:
        state.mode = .outbox(OutboxListState())
        return [.resolveConflict(id: item.id, choice: .mine)]
    case .takeTheirs:
        state.mode = .outbox(OutboxListState())
        return [.resolveConflict(id: item.id, choice: .theirs)]
    case .close:
        state.mode = .outbox(OutboxListState())
        return [.loadOutbox]
    default:
        return []
    }
}

/// "Edit the card (e) to resend, r to retry, d to discard", with the keys as bound now.
func refusedChangeHint(_ keys: KeyMaps) -> String {
    let edit = keys.board.keyLabel(for: .edit).map { " (\($0))" } ?? ""
    let others = [keys.outbox.phrase(.retryChange, "to retry"), keys.outbox.phrase(.discardChange, "to discard")]
    return (["Edit the card\(edit) to resend"] + others.compactMap { $0 }).joined(separator: ", ")
}

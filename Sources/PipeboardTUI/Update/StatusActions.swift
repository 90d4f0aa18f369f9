import PipeboardCore

/// W X Z O: status as actions. On the selection they open a preview; on one card they go straight out
/// (X first asks why, where the provider keeps lost reasons).
func markStatus(_ status: OpportunityStatus, state: inout AppState) -> [Effect] {
    guard let snapshot = state.snapshot else { return [] }
    let asksReason = status == .lost && snapshot.capabilities.contains(.lostReason)
    if !state.selection.isEmpty {
        let ids = state.selectionOrder
        if asksReason && snapshot.capabilities.contains(.setStatus) {
            state.mode = .lostReason(LostReasonPrompt(ids: ids, subject: ids.count == 1 ? "1 deal" : "\(ids.count) deals", isBulk: true))
            return []
        }
        return preview(.setStatus(status, lostReason: nil), title: statusTitle(status), state: &state)
    }
    guard let card = state.focusedCard else { return [] }
    guard snapshot.capabilities.contains(.setStatus) else {
        // A provider without a won / lost model: say what it has instead of pretending.
        let own = card.providerStatus.map { "; its own status for this card is \($0)" } ?? ""
        state.status = .error("\(snapshot.providerName) has no won / lost status\(own)")
        return []
    }
    guard card.status != status else {
        state.status = .info("\(card.name) is already \(status.rawValue)")
        return []
    }
    if asksReason {
        state.mode = .lostReason(LostReasonPrompt(ids: [card.id], subject: card.name, isBulk: false))
        return []
    }
    state.pendingCardIDs.insert(card.id)
    return [.setStatus(id: card.id, status: status, lostReason: nil)]
}

func statusTitle(_ status: OpportunityStatus) -> String {
    status == .open ? "Reopen" : "Mark \(status.rawValue)"
}

/// Keys in the lost-reason prompt: typing edits the reason, Enter marks lost (the preview first for a selection).
func handleLostReasonKey(_ key: Key, prompt: inout LostReasonPrompt, state: inout AppState) -> [Effect] {
    switch state.keyMaps.lostReason.action(for: key) {
    case .cancel:
        state.mode = .board
        return []
    case .save:
        state.mode = .board
        let reason = prompt.reason.text.nilIfBlank?.trimmingCharacters(in: .whitespaces)
        if prompt.isBulk { return preview(.setStatus(.lost, lostReason: reason), title: "Mark lost", state: &state) }
        guard let id = prompt.ids.first else { return [] }
        state.pendingCardIDs.insert(id)
        return [.setStatus(id: id, status: .lost, lostReason: reason)]
    case .some(let action):
        prompt.reason.edit(action)
    case nil:
        guard case .character(let character) = key, TextField.accepts(character) else { return [] }
        prompt.reason.insert(character)
    }
    state.mode = .lostReason(prompt)
    return []
}

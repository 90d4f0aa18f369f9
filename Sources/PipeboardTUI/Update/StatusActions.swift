import PipeboardCore

/// W X Z O: status as actions. On the selection they open a preview; on one card they go straight out
/// (X first asks why, where the provider keeps lost reasons).
func markStatus(_ status: OpportunityStatus, state: inout AppState) -> [Effect] {
    guard let snapshot = state.snapshot else { return [] }
    let listsReasons = status == .lost && snapshot.capabilities.contains(.lostReasonList)
    let asksReason = listsReasons || (status == .lost && snapshot.capabilities.contains(.lostReason))
    if !state.selection.isEmpty {
        let ids = state.selectionOrder
        if asksReason && snapshot.capabilities.contains(.setStatus) {
            let subject = ids.count == 1 ? "1 deal" : "\(ids.count) deals"
            return askWhy(
                LostReasonPrompt(ids: ids, subject: subject, isBulk: true), lists: listsReasons,
                account: state.selection[ids[0]]?.account ?? snapshot.account, state: &state)
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
        return askWhy(
            LostReasonPrompt(ids: [card.id], subject: card.name, isBulk: false), lists: listsReasons,
            account: card.account, state: &state)
    }
    state.pendingCardIDs.insert(card.id)
    return [.setStatus(id: card.id, status: status, lostReason: nil)]
}

/// Opens the lost-reason prompt; where the provider keeps a list, it loads first (`lostReasonsLoaded`).
private func askWhy(_ prompt: LostReasonPrompt, lists: Bool, account: String, state: inout AppState) -> [Effect] {
    var prompt = prompt
    guard lists else {
        state.mode = .lostReason(prompt)
        return []
    }
    prompt.choices = []
    prompt.loading = true
    state.mode = .lostReason(prompt)
    return [.loadLostReasons(account: account)]
}

/// The provider's lost reasons have come: the open prompt lists them.
func receiveLostReasons(_ reasons: [LostReason], state: inout AppState) {
    guard case .lostReason(var prompt) = state.mode, prompt.loading else { return }
    prompt.loading = false
    prompt.choices = reasons
    prompt.selection = 0
    state.mode = .lostReason(prompt)
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
        // From a list: the reason chosen; none when the provider lists none. Never a name it does not know.
        if prompt.choices != nil && prompt.loading { return [] }
        if let choices = prompt.choices, !choices.isEmpty && prompt.chosen == nil { return [] }
        state.mode = .board
        let typed = prompt.reason.text.nilIfBlank?.trimmingCharacters(in: .whitespaces)
        let reason = prompt.choices == nil ? typed : prompt.chosen?.name
        if prompt.isBulk { return preview(.setStatus(.lost, lostReason: reason), title: "Mark lost", state: &state) }
        guard let id = prompt.ids.first else { return [] }
        state.pendingCardIDs.insert(id)
        return [.setStatus(id: id, status: .lost, lostReason: reason)]
    case .choosePrevious:
        prompt.selection = max(0, prompt.selection - 1)
    case .chooseNext:
        prompt.selection = min(prompt.selection + 1, max(0, prompt.matches.count - 1))
    case .some(let action):
        prompt.reason.edit(action)
        prompt.selection = 0
    case nil:
        guard case .character(let character) = key, TextField.accepts(character) else { return [] }
        prompt.reason.insert(character)
        prompt.selection = 0
    }
    state.mode = .lostReason(prompt)
    return []
}

import PipeboardCore

/// Keys in the stage picker: typing filters, Up/Down choose, Enter moves the card, Esc cancels.
func handlePickerKey(_ key: Key, picker: inout PickerState, state: inout AppState) -> [Effect] {
    switch state.keyMaps.picker.action(for: key) {
    case .cancel:
        state.mode = .board
        return []
    case .confirm:
        return moveToChosen(picker, state: &state)
    case .choosePrevious:
        picker.choose(by: -1)
    case .chooseNext:
        picker.choose(by: 1)
    case .deleteBackward:
        picker.filter.deleteBackward()
        picker.selection = 0
    case .some:
        return []
    case nil:
        guard case .character(let character) = key, TextField.accepts(character) else { return [] }
        picker.filter.insert(character)
        picker.selection = 0
    }
    state.mode = .stagePicker(picker)
    return []
}

func moveToChosen(_ picker: PickerState, state: inout AppState) -> [Effect] {
    if case .status(let status)? = picker.chosenTarget {
        state.mode = .board
        return markStatus(status, state: &state)
    }
    guard let stage = picker.chosen else { return [] }
    state.mode = .board
    if picker.isBulk { return preview(.move(toStageID: stage.id), title: "Move to \(stage.name)", state: &state) }
    guard stage.id != picker.currentStageID else { return [] }
    guard let card = state.card(id: picker.cardID),
        let target = state.columns.firstIndex(where: { $0.stage.id == stage.id })
    else { return [] }
    return moveOptimistically(card, toColumn: target, state: &state)
}

import PipeboardCore

/// Keys in a form: navigation and saving come from the key map, anything else printable is typed.
func handleFormKey(_ key: Key, form: inout FormState, state: inout AppState) -> [Effect] {
    guard !form.fields.isEmpty else { state.mode = .board; return [] }
    // While suggestions are open, ↓ ↑ choose among them and Tab takes the chosen one.
    if var suggestions = form.suggestions, !suggestions.values.isEmpty {
        switch key {
        case .down, .up:
            suggestions.selection = min(
                max(0, suggestions.selection + (key == .down ? 1 : -1)), suggestions.values.count - 1)
            form.suggestions = suggestions
            state.mode = .form(form)
            return []
        case .tab:
            if let chosen = suggestions.chosen { form.fields[form.focus].input = TextField(chosen) }
        default:
            break
        }
    }
    var effects: [Effect] = []
    switch state.keyMaps.form.action(for: key) {
    case .cancel:
        state.mode = .board
        return []
    case .save:
        return save(form, state: &state)
    case .nextField:
        form.focusNext()
    case .previousField:
        form.focusPrevious()
    case .some(let action):
        form.fields[form.focus].input.edit(action)
        if action == .deleteBackward || action == .deleteForward { effects = suggest(in: &form) }
    case nil:
        guard case .character(let character) = key, TextField.accepts(character) else { return [] }
        form.fields[form.focus].input.insert(character)
        effects = suggest(in: &form)
    }
    state.mode = .form(form)
    return effects
}

/// After typing in a picker field: a fixed list is filtered at once; a look-up asks the provider (from two
/// characters on) and keeps showing the last answer until the new one comes.
func suggest(in form: inout FormState) -> [Effect] {
    let field = form.fields[form.focus]
    let text = field.input.text
    switch field.spec.kind {
    case .choice(let values):
        let matches = Suggestions.matching(text, in: values)
        form.suggestions = text.isEmpty || matches == [text] ? nil : Suggestions(field: field.spec.id, values: matches)
        return []
    case .lookup:
        guard text.trimmingCharacters(in: .whitespaces).count >= 2 else { form.suggestions = nil; return [] }
        return [.lookUp(field: field.spec.id, text: text)]
    default:
        return []
    }
}

/// The provider's answer to a look-up, shown if the user is still in that field with that text.
func receiveSuggestions(field: String, text: String, values: [String], state: inout AppState) {
    guard case .form(var form) = state.mode, form.fields.indices.contains(form.focus) else { return }
    let focused = form.fields[form.focus]
    guard focused.spec.id == field, focused.input.text == text else { return }
    form.suggestions = values.isEmpty ? nil : Suggestions(field: field, values: values)
    state.mode = .form(form)
}

/// Validates with FieldInput; on errors stays in the form with every message shown, else emits and closes.
func save(_ form: FormState, state: inout AppState) -> [Effect] {
    if case .filter(let search) = form.purpose { return applyFilter(form, search: search, state: &state) }
    guard let snapshot = state.snapshot else { return [] }
    let input = form.input
    let current: Opportunity? = if case .edit(let card) = form.purpose { card } else { nil }
    let result = FieldInput.patch(
        from: input, pipeline: snapshot.pipeline, specs: FormBuilder.specs(of: snapshot),
        defaultCurrency: form.defaultCurrency, current: current)
    if case .failure(let errors) = result {
        var form = form
        form.errors = errors.messages
        if let first = form.fields.firstIndex(where: { errors.messages[$0.spec.id] != nil }) { form.focus = first }
        state.mode = .form(form)
        state.status = .error(
            errors.messages.count == 1 ? "1 field needs attention" : "\(errors.messages.count) fields need attention")
        return []
    }
    state.mode = .board
    switch form.purpose {
    case .create(let pipelineID, _):
        return [.create(pipelineID: pipelineID, input: input)]
    case .edit(let card):
        guard !input.isEmpty else { state.status = .info("No changes"); return [] }
        state.pendingCardIDs.insert(card.id)
        return [.edit(id: card.id, input: input)]
    case .filter:
        return []
    }
}

/// Parses the filter form with FilterInput (the same parser as the config's views and `pipeboard list`);
/// on errors stays in the form, else filters the board.
func applyFilter(_ form: FormState, search: String, state: inout AppState) -> [Effect] {
    var fields = form.input
    fields["search"] = search
    switch FilterInput.filter(from: fields) {
    case .failure(let errors):
        var form = form
        form.errors = errors.messages
        if let first = form.fields.firstIndex(where: { errors.messages[$0.spec.id] != nil }) { form.focus = first }
        state.mode = .form(form)
        state.status = .error(
            errors.messages.count == 1 ? "1 field needs attention" : "\(errors.messages.count) fields need attention")
        return []
    case .success(let filter):
        state.mode = .board
        state.filter = filter
        state.activeView = nil
        state.status = .info(filter.withoutSearch.isEmpty ? "No filter" : "Filtered")
        return state.refilter()
    }
}

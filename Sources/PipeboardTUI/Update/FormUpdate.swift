import Foundation
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
    if form.fields[form.focus].isPicker, pick(key, in: &form, state: &state) {
        recheck(&form, state: state)
        state.mode = .form(form)
        return []
    }
    var effects: [Effect] = []
    switch state.keyMaps.form.action(for: key) {
    case .cancel:
        state.mode = form.closing
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
    recheck(&form, state: state)
    state.mode = .form(form)
    return effects
}

/// After an edit, the errors shown are checked again: one whose field is now right goes at once, one still wrong
/// says what is wrong now. Fields without an error get none until Enter: nothing complains while it is typed.
func recheck(_ form: inout FormState, state: AppState) {
    guard !form.errors.isEmpty else { return }
    let now = problems(in: form, state: state)
    form.errors = form.errors.reduce(into: [:]) { kept, error in kept[error.key] = now[error.key] }
}

/// What Enter would refuse in this form, by field id; empty when it would save.
func problems(in form: FormState, state: AppState) -> [String: String] {
    switch form.purpose {
    case .filter(let search):
        var fields = form.input
        fields["search"] = search
        if case .failure(let errors) = FilterInput.filter(from: fields) { return errors.messages }
        return [:]
    case .note, .task:
        return activityProblems(form.input, now: state.now)
    case .create, .edit:
        guard let snapshot = state.snapshot else { return [:] }
        let current: Opportunity? = if case .edit(let card) = form.purpose { card } else { nil }
        let result = FieldInput.patch(
            from: form.input, pipeline: snapshot.pipeline, specs: FormBuilder.specs(of: snapshot),
            defaultCurrency: form.defaultCurrency, current: current)
        if case .failure(let errors) = result { return errors.messages }
        return [:]
    }
}

/// What a note or task form refuses: empty text or title, a due date `DueInput` cannot read (its words say what it
/// understands).
func activityProblems(_ input: [String: String], now: Date) -> [String: String] {
    var errors: [String: String] = [:]
    if let text = input["text"], text.nilIfBlank == nil { errors["text"] = "write the note, or Esc to leave it" }
    if let title = input["title"], title.nilIfBlank == nil { errors["title"] = "give the task a title" }
    if let due = input["due"], case .failure(let error) = DueInput.parse(due, now: now) {
        errors["due"] = error.description
    }
    return errors
}

/// Keys in a picker field (the Stage): ← → choose, Home / End the first / last; typed text goes nowhere and the
/// status bar says how to choose. False for the keys every field shares (next field, save, cancel).
func pick(_ key: Key, in form: inout FormState, state: inout AppState) -> Bool {
    let keys = state.keyMaps.form
    switch keys.action(for: key) {
    case .cursorLeft: form.fields[form.focus].choose(by: -1)
    case .cursorRight: form.fields[form.focus].choose(by: 1)
    case .cursorHome: form.fields[form.focus].choose(by: -(form.fields[form.focus].chosen ?? 0))
    case .cursorEnd:
        let field = form.fields[form.focus]
        form.fields[form.focus].choose(by: field.choices.count - 1 - (field.chosen ?? 0))
    case .deleteBackward, .deleteForward: break
    case nil:
        guard case .character(let character) = key, TextField.accepts(character) else { return true }
        state.status = .info(pickerHint(form.fields[form.focus], keys: keys))
    default:
        return false
    }
    return true
}

/// "Stage takes no typing: ← → choose one of the pipeline's stages", with the keys the form's map binds.
func pickerHint(_ field: FormField, keys: KeyMap) -> String {
    let choose = [keys.keyLabel(for: .cursorLeft), keys.keyLabel(for: .cursorRight)].compactMap { $0 }
    return "\(field.spec.label) takes no typing: "
        + (choose.isEmpty ? "" : choose.joined(separator: " ") + " ") + "choose one of the pipeline's stages"
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
    guard state.snapshot != nil else { return [] }
    let input = form.input
    let errors = problems(in: form, state: state)
    guard errors.isEmpty else { return refuse(form, errors: errors, state: &state) }
    state.mode = form.closing
    switch form.purpose {
    case .note(let card, _):
        state.pendingCardIDs.insert(card.id)
        return [.addNote(id: card.id, text: input["text"] ?? "")]
    case .task(let card, _):
        guard case .success(let due) = DueInput.parse(input["due"] ?? "", now: state.now) else { return [] }
        state.pendingCardIDs.insert(card.id)
        return [.addTask(id: card.id, title: input["title"] ?? "", due: due)]
    case .create(let pipelineID, _):
        // The new card goes to the top of its stage: that column is read from its top, to show and focus it.
        if let stage = input["stage"], let column = state.columns.firstIndex(where: { $0.stage.id == stage }) {
            state.scroll[stage] = 0
            state.windows[stage] = nil
            state.focus = Focus(column: column, card: 0)
            state.clampFocusAndScroll()
        }
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
        return refuse(form, errors: errors.messages, state: &state)
    case .success(let filter):
        state.mode = .board
        state.filter = filter
        state.activeView = nil
        state.status = .info(filter.withoutSearch.isEmpty ? "No filter" : "Filtered")
        return state.refilter()
    }
}

/// Stays in the form with every error under its field and the focus on the first of them.
private func refuse(_ form: FormState, errors: [String: String], state: inout AppState) -> [Effect] {
    var form = form
    form.errors = errors
    if let first = form.fields.firstIndex(where: { errors[$0.spec.id] != nil }) { form.focus = first }
    state.mode = .form(form)
    state.status = .error(errors.count == 1 ? "1 field needs attention" : "\(errors.count) fields need attention")
    return []
}

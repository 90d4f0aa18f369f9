import PipeboardCore

/// One line of a form: what the provider asks for, the text it started with, and the text now.
package struct FormField: Hashable, Sendable {
    package var spec: FieldSpec
    package var initial: String
    package var input: TextField
    /// A picker's values (the pipeline's stages): the field holds one of them, chosen with ← →, and takes no typed
    /// text. Empty for a field that is typed.
    package var choices: [FormChoice]

    package init(spec: FieldSpec, initial: String, choices: [FormChoice] = []) {
        self.spec = spec
        self.initial = initial
        self.choices = choices
        input = TextField(initial)
    }

    var isChanged: Bool { input.text != initial }

    var isPicker: Bool { !choices.isEmpty }

    /// The index of the value held, if it is one of the choices.
    var chosen: Int? { choices.firstIndex { $0.value == input.text } }

    /// The next (or previous) choice, round the list.
    mutating func choose(by offset: Int) {
        guard isPicker else { return }
        let index = chosen.map { ($0 + offset + choices.count) % choices.count } ?? 0
        input = TextField(choices[index].value)
    }
}

/// One value of a picker: what the form sends (a stage's id) and what it shows (the stage's name).
package struct FormChoice: Hashable, Sendable {
    package var value: String
    package var label: String

    package init(value: String, label: String) {
        self.value = value
        self.label = label
    }
}

/// The quick-add or edit form: fields, which one has focus, and the last validation errors.
package struct FormState: Hashable, Sendable {
    package enum Purpose: Hashable, Sendable {
        case create(pipelineID: String, stageName: String)
        case edit(Opportunity)
        /// The filter form (`f`); the search typed with `/` is kept as it is.
        case filter(search: String)
        /// A note or a task on a deal (`n`, `t`); from its details, the form goes back to them.
        case note(Opportunity, fromDetail: Bool)
        case task(Opportunity, fromDetail: Bool)
    }

    package var purpose: Purpose
    package var fields: [FormField]
    package var focus = 0
    /// Validation messages by FieldSpec id, from the last Enter.
    package var errors: [String: String] = [:]
    package var defaultCurrency: String
    /// Values offered for the focused field (a fixed list's, or the provider's for a look-up), with the one chosen.
    package var suggestions: Suggestions?

    package init(purpose: Purpose, fields: [FormField], defaultCurrency: String) {
        self.purpose = purpose
        self.fields = fields
        self.defaultCurrency = defaultCurrency
    }

    var title: String {
        switch purpose {
        case .create(_, let stageName): return "New opportunity in \(stageName)"
        case .edit(let card): return "Edit \(card.name)"
        case .filter: return "Filter the board"
        case .note(let card, _): return "Note on \(card.name)"
        case .task(let card, _): return "Task on \(card.name)"
        }
    }

    /// Where Esc and a save go: back to the details a note or task form was opened from, else the board.
    var closing: Mode {
        switch purpose {
        case .note(let card, true), .task(let card, true): .detail(card.id)
        default: .board
        }
    }

    /// What to validate and send: every filled field (and the name) for a create, only changed fields for an edit.
    var input: [String: String] {
        var values: [String: String] = [:]
        for field in fields {
            switch purpose {
            case .create:
                if field.spec.id == "name" || field.input.text.nilIfBlank != nil {
                    values[field.spec.id] = field.input.text
                }
            case .edit:
                if field.isChanged { values[field.spec.id] = field.input.text }
            case .filter, .note, .task:
                values[field.spec.id] = field.input.text
            }
        }
        return values
    }

    mutating func focusNext() { focus = (focus + 1) % max(1, fields.count); suggestions = nil }
    mutating func focusPrevious() { focus = (focus - 1 + fields.count) % max(1, fields.count); suggestions = nil }
}

/// What a picker field offers while the user types: ↓ ↑ choose, Tab takes the chosen one.
package struct Suggestions: Hashable, Sendable {
    package var field: String
    package var values: [String]
    package var selection = 0

    package init(field: String, values: [String]) {
        self.field = field
        self.values = values
    }

    package var chosen: String? { values.indices.contains(selection) ? values[selection] : nil }

    /// A fixed list's values that start with the text, then those that merely contain it, case-insensitively.
    static func matching(_ text: String, in values: [String]) -> [String] {
        let needle = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !needle.isEmpty else { return values }
        let prefixed = values.filter { $0.lowercased().hasPrefix(needle) }
        return prefixed + values.filter { !$0.lowercased().hasPrefix(needle) && $0.lowercased().contains(needle) }
    }
}

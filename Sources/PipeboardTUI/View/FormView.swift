import PipeboardCore

/// A form: one row per field (label, then the input), each error in the error role under its field (wrapped, as
/// many rows as it needs), and the focused field's help at the bottom (wrapped too; the box keeps the height of the
/// longest help, so it does not jump as the focus moves). Rows scroll when the form is taller than the screen, and
/// "↑ more" / "↓ more" mark the rows scrolled away.
func drawForm(_ form: FormState, keys: KeyMap, into screen: inout Screen) {
    guard form.fields.indices.contains(form.focus) else { return }
    let labelWidth = form.fields.map { TextWidth.cells(label(for: $0.spec)) }.max() ?? 0
    let width = overlayWidth(80, screen: screen)
    let inner = width - 4
    let inputOffset = 2 + labelWidth + 2
    let lines = formLines(form, errorWidth: inner - inputOffset - 2)
    let others = form.errors.filter { key, _ in !form.fields.contains { $0.spec.id == key } }
        .sorted { $0.key < $1.key }.flatMap { wrap("✗ \($0.key): \($0.value)", width: inner) }
    let helpRows = form.fields.map { helpLines($0, keys: keys, width: inner).count }.max() ?? 0
    let bottom = max(1, others.count) + max(1, helpRows)
    let height = overlayHeight(1 + lines.count + bottom + 2, screen: screen)
    let area = drawOverlay(width: width, height: height, title: form.title, into: &screen)
    let rows = max(1, area.height - 1 - bottom)
    let focusedLine = lines.firstIndex { $0.field == form.focus && $0.error == nil } ?? 0
    let first = max(0, min(focusedLine - rows + 2, lines.count - rows))
    let inputX = area.x + inputOffset
    for (row, line) in lines.dropFirst(first).prefix(rows).enumerated() {
        let y = area.y + 1 + row
        let field = form.fields[line.field]
        if let error = line.error {
            screen.write(error, x: inputX, y: y, width: area.maxX - inputX, style: CellStyle(.error, bold: true))
            continue
        }
        let focused = line.field == form.focus
        if focused { screen.write("›", x: area.x, y: y, width: 1, style: CellStyle(.accent, bold: true)) }
        let hasError = form.errors[field.spec.id] != nil
        screen.write(
            label(for: field.spec), x: area.x + 2, y: y, width: labelWidth,
            style: CellStyle(hasError ? .error : (focused ? .text : .muted), bold: focused))
        let input = Rect(x: inputX, y: y, width: area.maxX - inputX, height: 1)
        if field.isPicker {
            drawChoices(field, focused: focused, in: input, into: &screen)
        } else {
            drawInput(field.input, focused: focused, in: input, into: &screen)
        }
    }
    // Rows scrolled away say so, or a field (and its error) below the box would go unseen.
    if first > 0 {
        screen.writeRight("↑ more", x: area.x, y: area.y + 1, width: area.width, style: CellStyle(.muted))
    }
    if first + rows < lines.count {
        screen.writeRight("↓ more", x: area.x, y: area.y + rows, width: area.width, style: CellStyle(.muted))
    }
    let focusedSpec = form.fields[form.focus].spec
    let helpTop = area.maxY - max(1, helpRows)
    if let suggestions = form.suggestions, suggestions.field == focusedSpec.id, !suggestions.values.isEmpty {
        drawSuggestions(
            suggestions, label: focusedSpec.label, at: area.x, y: area.maxY - 1, width: area.width, into: &screen)
    } else {
        for (index, line) in helpLines(form.fields[form.focus], keys: keys, width: area.width).enumerated() {
            screen.write(line, x: area.x, y: helpTop + index, width: area.width, style: CellStyle(.muted))
        }
    }
    for (index, line) in others.enumerated() {
        screen.write(
            line, x: area.x, y: helpTop - others.count + index, width: area.width, style: CellStyle(.error, bold: true))
    }
}

/// "Value: a non-negative amount, …" wrapped to the form's width; a picker says how to choose; none for a field
/// without help.
func helpLines(_ field: FormField, keys: KeyMap, width: Int) -> [String] {
    let spec = field.spec
    let how = field.isPicker ? pickerHint(field, keys: keys) : nil
    let help = [how, spec.help.map { "\(spec.label): \($0)" }].compactMap { $0 }.joined(separator: "; ")
    return help.isEmpty ? [] : wrap(help, width: width)
}

/// A picker's values in a row, the one held marked "‹Contacted›" (in the input's colours); where they do not all
/// fit, the one held with its place: "‹Contacted›  2 of 9".
func drawChoices(_ field: FormField, focused: Bool, in rect: Rect, into screen: inout Screen) {
    let chosen = field.chosen
    let labels = field.choices.enumerated().map { index, choice in
        index == chosen ? "‹\(choice.label)›" : " \(choice.label) "
    }
    let held = CellStyle(focused ? .inputFocused : .input, bold: focused)
    guard labels.reduce(0, { $0 + TextWidth.cells($1) + 1 }) <= rect.width else {
        let label = chosen.map { "‹\(field.choices[$0].label)›" } ?? field.input.text
        let used = screen.write(label, x: rect.x, y: rect.y, width: rect.width, style: held)
        if let chosen {
            screen.write(
                "  \(chosen + 1) of \(field.choices.count)", x: rect.x + used, y: rect.y, width: rect.width - used,
                style: CellStyle(.muted))
        }
        return
    }
    var x = rect.x
    for (index, label) in labels.enumerated() {
        x += screen.write(
            label, x: x, y: rect.y, width: rect.maxX - x, style: index == chosen ? held : CellStyle(.muted))
        x += 1
    }
}

/// "Name *" for a required field.
func label(for spec: FieldSpec) -> String {
    spec.required ? spec.label + " *" : spec.label
}

struct FormLine {
    var field: Int
    /// One row of the field's error ("✗ must be…" then its continuation), or nil for the field's own row.
    var error: String?
}

/// Each field's row, followed by its error wrapped to `errorWidth` cells when it has one.
func formLines(_ form: FormState, errorWidth: Int) -> [FormLine] {
    form.fields.indices.flatMap { index in
        let own = FormLine(field: index, error: nil)
        guard let message = form.errors[form.fields[index].spec.id] else { return [own] }
        let wrapped = wrap(message, width: max(1, errorWidth))
        return [own] + wrapped.enumerated().map { FormLine(field: index, error: ($0 == 0 ? "✗ " : "  ") + $1) }
    }
}

/// "Client: ›Globex‹  Globex Staffing   ↓↑ choose · Tab takes it" on the form's bottom line.
func drawSuggestions(
    _ suggestions: Suggestions, label: String, at x: Int, y: Int, width: Int, into screen: inout Screen
) {
    let hint = "  ↓↑ choose · Tab takes it"
    let room = max(0, width - TextWidth.cells(hint))
    var used = screen.write("\(label): ", x: x, y: y, width: room, style: CellStyle(.muted))
    for (index, value) in suggestions.values.enumerated() where used < room {
        let chosen = index == suggestions.selection
        used += screen.write(
            chosen ? "›\(value)‹ " : " \(value)  ", x: x + used, y: y, width: room - used,
            style: CellStyle(chosen ? .accent : .text, bold: chosen))
    }
    screen.write(hint, x: x + room, y: y, width: width - room, style: CellStyle(.muted))
}

import PipeboardCore

/// A form: one row per field (label, then the input), each error in the error role under its field,
/// and the focused field's help at the bottom. Rows scroll when the form is taller than the screen.
func drawForm(_ form: FormState, into screen: inout Screen) {
    guard form.fields.indices.contains(form.focus) else { return }
    let lines = formLines(form)
    let labelWidth = form.fields.map { TextWidth.cells(label(for: $0.spec)) }.max() ?? 0
    let height = overlayHeight(lines.count + 5, screen: screen)
    let area = drawOverlay(width: overlayWidth(80, screen: screen), height: height, title: form.title, into: &screen)
    let rows = max(1, area.height - 3)
    let focusedLine = lines.firstIndex { $0.field == form.focus && !$0.isError } ?? 0
    let first = max(0, min(focusedLine - rows + 2, lines.count - rows))
    let inputX = area.x + 2 + labelWidth + 2
    for (row, line) in lines.dropFirst(first).prefix(rows).enumerated() {
        let y = area.y + 1 + row
        let field = form.fields[line.field]
        if line.isError {
            let message = form.errors[field.spec.id] ?? ""
            screen.write(
                "✗ " + message, x: inputX, y: y, width: area.maxX - inputX, style: CellStyle(.error, bold: true))
            continue
        }
        let focused = line.field == form.focus
        if focused { screen.write("›", x: area.x, y: y, width: 1, style: CellStyle(.accent, bold: true)) }
        let hasError = form.errors[field.spec.id] != nil
        screen.write(
            label(for: field.spec), x: area.x + 2, y: y, width: labelWidth,
            style: CellStyle(hasError ? .error : (focused ? .text : .muted), bold: focused))
        drawInput(
            field.input, focused: focused, in: Rect(x: inputX, y: y, width: area.maxX - inputX, height: 1),
            into: &screen)
    }
    let focusedSpec = form.fields[form.focus].spec
    if let suggestions = form.suggestions, suggestions.field == focusedSpec.id, !suggestions.values.isEmpty {
        drawSuggestions(
            suggestions, label: focusedSpec.label, at: area.x, y: area.maxY - 1, width: area.width, into: &screen)
    } else if let help = focusedSpec.help {
        screen.write(
            "\(focusedSpec.label): \(help)", x: area.x, y: area.maxY - 1, width: area.width, style: CellStyle(.muted))
    }
    let others = form.errors.filter { key, _ in !form.fields.contains { $0.spec.id == key } }
    if let other = others.sorted(by: { $0.key < $1.key }).first {
        screen.write(
            "✗ \(other.key): \(other.value)", x: area.x, y: area.maxY - 2, width: area.width,
            style: CellStyle(.error, bold: true))
    }
}

/// "Name *" for a required field.
func label(for spec: FieldSpec) -> String {
    spec.required ? spec.label + " *" : spec.label
}

struct FormLine {
    var field: Int
    var isError: Bool
}

/// Each field's row, followed by its error row when it has one.
func formLines(_ form: FormState) -> [FormLine] {
    form.fields.indices.flatMap { index in
        form.errors[form.fields[index].spec.id] == nil
            ? [FormLine(field: index, isError: false)]
            : [FormLine(field: index, isError: false), FormLine(field: index, isError: true)]
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

import PipeboardCore

/// The preview of a change to the selection: what, on how many deals worth what (per currency), and what is
/// left out and why, with the answers from the key map. Nothing has been sent while it shows.
func drawBulkPreview(_ plan: BulkPlan, state: AppState, into screen: inout Screen) {
    let area = drawOverlay(width: overlayWidth(64, screen: screen), height: 10, title: plan.title, into: &screen)
    screen.write(plan.headline, x: area.x, y: area.y + 1, width: area.width, style: CellStyle(.text, bold: true))
    if let leftOut = plan.leftOut {
        screen.write(
            leftOut, x: area.x, y: area.y + 3, width: area.width,
            style: CellStyle(plan.notAllowed > 0 ? .error : .muted))
    }
    if let refusal = plan.refusal {
        screen.write(refusal, x: area.x, y: area.y + 4, width: area.width, style: CellStyle(.muted))
    }
    if !plan.names.isEmpty {
        let more = plan.names.count > 3 ? " and \(plan.names.count - 3) more" : ""
        screen.write(
            plan.names.prefix(3).joined(separator: ", ") + more, x: area.x, y: area.y + 2, width: area.width,
            style: CellStyle(.muted))
    }
    if case .setStatus(.lost, let reason?) = plan.operation {
        screen.write("Reason: \(reason)", x: area.x, y: area.y + 5, width: area.width, style: CellStyle(.muted))
    }
    drawAnswers(state.keyMaps.bulk, x: area.x, y: area.y + 7, width: area.width, into: &screen)
}

/// Why the deal was lost: a one-line input; an empty reason is allowed. Where the provider keeps its own list,
/// the input filters it and Enter takes the reason chosen.
func drawLostReason(_ prompt: LostReasonPrompt, into screen: inout Screen) {
    if prompt.choices != nil { return drawLostReasonList(prompt, into: &screen) }
    // The box grows to hold the hint where the screen allows; on a narrower screen the hint wraps.
    let hint = "Enter marks it lost (the reason may be empty), Esc changes nothing"
    let width = overlayWidth(max(64, TextWidth.cells(hint) + 4), screen: screen)
    let hintLines = wrap(hint, width: width - 4)
    let area = drawOverlay(
        width: width, height: overlayHeight(7 + hintLines.count, screen: screen), title: "Mark lost", into: &screen)
    screen.write(prompt.subject, x: area.x, y: area.y + 1, width: area.width, style: CellStyle(.text, bold: true))
    let label = screen.write("Reason ", x: area.x, y: area.y + 3, width: area.width, style: CellStyle(.text))
    drawInput(
        prompt.reason, focused: true, in: Rect(x: area.x + label, y: area.y + 3, width: area.width - label, height: 1),
        into: &screen)
    for (index, line) in hintLines.enumerated() {
        screen.write(line, x: area.x, y: area.y + 5 + index, width: area.width, style: CellStyle(.muted))
    }
}

private func drawLostReasonList(_ prompt: LostReasonPrompt, into screen: inout Screen) {
    let matches = prompt.matches
    let height = overlayHeight(max(matches.count, 1) + 8, screen: screen)
    let area = drawOverlay(
        width: overlayWidth(64, screen: screen), height: height, title: "Mark lost: why?",
        into: &screen)
    screen.write(prompt.subject, x: area.x, y: area.y + 1, width: area.width, style: CellStyle(.text, bold: true))
    let label = screen.write("Filter ", x: area.x, y: area.y + 2, width: area.width, style: CellStyle(.text))
    let input = Rect(x: area.x + label, y: area.y + 2, width: area.width - label, height: 1)
    drawInput(prompt.reason, focused: true, in: input, into: &screen)
    let footer = area.y + area.height - 1
    let hint: String
    if prompt.loading {
        hint = "Loading the provider's lost reasons…"
    } else if prompt.choices?.isEmpty == true {
        hint = "The provider lists none: Enter marks it lost without one"
    } else if matches.isEmpty {
        hint = "No lost reason matches “\(prompt.reason.text)”"
    } else {
        hint = "↑ ↓ choose, Enter marks it lost, Esc changes nothing"
    }
    let isError = matches.isEmpty && !prompt.loading && prompt.choices?.isEmpty == false
    screen.write(hint, x: area.x, y: footer, width: area.width, style: CellStyle(isError ? .error : .muted))
    let rows = max(0, footer - (area.y + 4) - 1)
    let first = max(0, min(prompt.selection - rows + 1, matches.count - rows))
    for (row, reason) in matches.dropFirst(first).prefix(rows).enumerated() {
        let chosen = first + row == prompt.selection
        let style = CellStyle(chosen ? .inputFocused : .overlay, bold: chosen, reverse: chosen)
        let y = area.y + 4 + row
        screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
        screen.write((chosen ? "› " : "  ") + reason.name, x: area.x, y: y, width: area.width, style: style)
    }
}

/// "y/Enter send it    n/Esc change nothing".
func drawAnswers(_ map: KeyMap, x left: Int, y: Int, width: Int, into screen: inout Screen) {
    var x = left
    for binding in map.bindings {
        x += screen.write(
            binding.keyLabel, x: x, y: y, width: left + width - x, style: CellStyle(.statusKey, bold: true))
        x += screen.write(
            " " + binding.summary.lowercased() + "    ", x: x, y: y, width: left + width - x, style: CellStyle(.text))
    }
}

import PipeboardCore

/// The preview of a change to the selection: what, on how many deals worth what (per currency), and what is
/// left out and why, with the answers from the key map. Nothing has been sent while it shows.
func drawBulkPreview(_ plan: BulkPlan, state: AppState, into screen: inout Screen) {
    let area = drawOverlay(width: overlayWidth(64, screen: screen), height: 10, title: plan.title, into: &screen)
    screen.write(plan.headline, x: area.x, y: area.y + 1, width: area.width, style: CellStyle(.text, bold: true))
    if let leftOut = plan.leftOut {
        screen.write(leftOut, x: area.x, y: area.y + 3, width: area.width, style: CellStyle(plan.notAllowed > 0 ? .error : .muted))
    }
    if let refusal = plan.refusal {
        screen.write(refusal, x: area.x, y: area.y + 4, width: area.width, style: CellStyle(.muted))
    }
    if !plan.names.isEmpty {
        let more = plan.names.count > 3 ? " and \(plan.names.count - 3) more" : ""
        screen.write(plan.names.prefix(3).joined(separator: ", ") + more, x: area.x, y: area.y + 2, width: area.width, style: CellStyle(.muted))
    }
    if case .setStatus(.lost, let reason?) = plan.operation {
        screen.write("Reason: \(reason)", x: area.x, y: area.y + 5, width: area.width, style: CellStyle(.muted))
    }
    drawAnswers(state.keyMaps.bulk, x: area.x, y: area.y + 7, width: area.width, into: &screen)
}

/// Why the deal was lost: a one-line input; an empty reason is allowed.
func drawLostReason(_ prompt: LostReasonPrompt, into screen: inout Screen) {
    let area = drawOverlay(width: overlayWidth(64, screen: screen), height: 8, title: "Mark lost", into: &screen)
    screen.write(prompt.subject, x: area.x, y: area.y + 1, width: area.width, style: CellStyle(.text, bold: true))
    let label = screen.write("Reason ", x: area.x, y: area.y + 3, width: area.width, style: CellStyle(.text))
    drawInput(prompt.reason, focused: true, in: Rect(x: area.x + label, y: area.y + 3, width: area.width - label, height: 1), into: &screen)
    screen.write("Enter marks it lost (the reason may be empty), Esc changes nothing", x: area.x, y: area.y + 5, width: area.width, style: CellStyle(.muted))
}

/// "y/Enter send it    n/Esc change nothing".
func drawAnswers(_ map: KeyMap, x left: Int, y: Int, width: Int, into screen: inout Screen) {
    var x = left
    for binding in map.bindings {
        x += screen.write(binding.keyLabel, x: x, y: y, width: left + width - x, style: CellStyle(.statusKey, bold: true))
        x += screen.write(" " + binding.summary.lowercased() + "    ", x: x, y: y, width: left + width - x, style: CellStyle(.text))
    }
}

import PipeboardCore

/// The agenda overlay: a summary line, then per group a heading and its deals, each with its due day, the step,
/// the deal and its stage. The chosen deal is reversed; the list scrolls to keep it in sight.
func drawAgenda(_ list: AgendaListState, state: AppState, into screen: inout Screen) {
    let count = list.rows?.count ?? 0
    let height = overlayHeight(max(count, 1) + 3, screen: screen)
    let area = drawOverlay(
        width: overlayWidth(100, screen: screen), height: height, title: "Agenda · \(list.account)", into: &screen)
    guard let rows = list.rows else {
        screen.write("Loading…", x: area.x, y: area.y, width: area.width, style: CellStyle(.muted))
        return
    }
    guard !rows.isEmpty else {
        screen.write("No open deals.", x: area.x, y: area.y, width: area.width, style: CellStyle(.text))
        return
    }
    screen.write(agendaSummary(rows), x: area.x, y: area.y, width: area.width, style: CellStyle(.muted))
    let visible = max(1, area.height - 1)
    let first = list.firstRow(visible: visible)
    let pipelines = state.snapshot?.account == list.account ? state.snapshot?.pipelines ?? [] : []
    let shown = rows.dropFirst(first).prefix(visible)
    // Room for a time of day only where a step shown has one.
    let timed = shown.contains { row in
        if case .entry(let entry, _) = row { return entry.nextStep?.due?.time != nil }
        return false
    }
    let dueWidth = timed ? 16 : 10
    for (offset, row) in shown.enumerated() {
        let y = area.y + 1 + offset
        switch row {
        case .heading(let group, let count):
            screen.write(
                "\(agendaGlyph(group)) \(group.title) · \(count)", x: area.x, y: y, width: area.width,
                style: CellStyle(agendaRole(group), bold: true))
        case .entry(let entry, let group):
            let chosen = first + offset == list.chosenRow
            let style = CellStyle(chosen ? .inputFocused : .overlay, bold: chosen, reverse: chosen)
            screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            var x = area.x
            x += screen.write(chosen ? "› " : "  ", x: x, y: y, width: area.width, style: style)
            let due = entry.nextStep.map(agendaDue) ?? "—"
            screen.write(
                due, x: x, y: y, width: dueWidth,
                style: CellStyle(chosen ? style.role : agendaRole(group), bold: true, reverse: chosen))
            x += dueWidth + 2
            let room = area.x + area.width - x
            let deal = ProviderText.clean(entry.opportunity.name)
            let stage = agendaStage(entry.opportunity, pipelines: pipelines)
            if let step = entry.nextStep {
                let titleWidth = min(TextWidth.cells(ProviderText.clean(step.title)), max(10, room * 2 / 5))
                x += screen.write(ProviderText.clean(step.title), x: x, y: y, width: titleWidth, style: style)
                x += screen.write(" · ", x: x, y: y, width: area.x + area.width - x, style: style)
            }
            screen.write(
                deal + (stage.map { " · " + $0 } ?? ""), x: x, y: y, width: area.x + area.width - x, style: style)
        }
    }
}

/// "12 deals · 3 overdue · 2 today · 4 without a next step".
func agendaSummary(_ rows: [AgendaListState.Row]) -> String {
    var counts: [Agenda.Group: Int] = [:]
    for case .heading(let group, let count) in rows { counts[group] = count }
    let total = counts.values.reduce(0, +)
    var parts = [total == 1 ? "1 open deal" : "\(total) open deals"]
    if let overdue = counts[.overdue] { parts.append("\(overdue) overdue") }
    if let today = counts[.today] { parts.append("\(today) due today") }
    if let none = counts[.noNextStep] { parts.append("\(none) without a next step") }
    return parts.joined(separator: " · ")
}

/// The step's due day, with its time where it has one: "2026-03-14 15:30".
func agendaDue(_ step: NextStep) -> String {
    step.due?.description ?? "no date"
}

/// "Proposal", or "Renewals · Proposal" where the account has more than one pipeline.
func agendaStage(_ card: Opportunity, pipelines: [Pipeline]) -> String? {
    guard let pipeline = pipelines.first(where: { $0.id == card.pipelineID }) else { return nil }
    let stage = ProviderText.clean(pipeline.stages.first { $0.id == card.stageID }?.name ?? card.stageID)
    return pipelines.count > 1 ? ProviderText.clean(pipeline.name) + " · " + stage : stage
}

/// Each group reads without colour too, with the glyphs and colours of the cards' next steps.
func agendaGlyph(_ group: Agenda.Group) -> String {
    switch group {
    case .overdue: "▲"
    case .today: "●"
    case .thisWeek, .later: "○"
    case .noNextStep: "∅"
    }
}

func agendaRole(_ group: Agenda.Group) -> ColorRole {
    switch group {
    case .overdue: .nextStepOverdue
    case .today: .nextStepToday
    case .thisWeek, .later: .nextStepLater
    case .noNextStep: .nextStepNone
    }
}

import Foundation
import PipeboardCore

/// Every field of one card, label by label, then its notes and tasks, newest first. Where the screen is short the
/// fields give way first (the empty ones, then the least telling) so that some of the timeline shows, and the timeline
/// scrolls to keep the chosen task in view.
func drawDetail(_ card: Opportunity, state: AppState, into screen: inout Screen) {
    let inner = overlayWidth(72, screen: screen)
    let timeline = activityLines(of: card, state: state, width: inner - 4)
    // Rows inside the box, less a padding row above and below.
    let room = overlayHeight(screen.height, screen: screen) - 4
    let rows = condensed(detailRows(card, state: state), to: room - 1 - min(timeline.count, 8))
    let labelWidth = rows.map { TextWidth.cells($0.label) }.max() ?? 0
    let shownTimeline = window(timeline, rows: max(0, room - rows.count - 1), chosen: state.chosenTask)
    let content = rows.count + 1 + shownTimeline.count
    let area = drawOverlay(
        width: inner, height: overlayHeight(content + 4, screen: screen), title: card.name, into: &screen)
    for (index, row) in rows.prefix(area.height - 1).enumerated() {
        let y = area.y + 1 + index
        screen.write(row.label, x: area.x, y: y, width: labelWidth, style: CellStyle(.muted))
        screen.write(
            row.value, x: area.x + labelWidth + 2, y: y, width: area.width - labelWidth - 2,
            style: CellStyle(row.role, bold: row.role != .text))
    }
    var y = area.y + 1 + rows.count + 1
    for line in shownTimeline where y < area.maxY {
        drawActivityLine(line, chosen: line.task != nil && line.task == state.chosenTask, in: area, y: y, into: &screen)
        y += 1
    }
}

/// At most `budget` of the rows, in their order: the empty ones go first, then those that say least about the deal
/// now; the stage, value and status, and a sync that is not up to date, always stay.
func condensed(_ rows: [DetailRow], to budget: Int) -> [DetailRow] {
    guard rows.count > budget else { return rows }
    var kept = rows.filter { $0.value != "—" }
    let known = [
        "Name", "Stage", "Value", "Status", "Contact", "Company", "Email", "Phone", "Owner", "Close date",
        "Source", "Probability", "Tags", "Created", "Updated", "Sync", "Account",
    ]
    let order: [(DetailRow) -> Bool] =
        ["Updated", "Created"].map { label in { $0.label == label } } + [{ $0.label == "Sync" && $0.role == .muted }]
        + ["Tags", "Source", "Probability", "Phone", "Email"].map { label in { $0.label == label } }
        + [{ !known.contains($0.label) }]
        + ["Owner", "Company", "Close date", "Contact", "Account", "Name"].map { label in { $0.label == label } }
    for goes in order where kept.count > budget {
        while kept.count > budget, let index = kept.lastIndex(where: goes) { kept.remove(at: index) }
    }
    return kept
}

/// One row of the details' timeline: the heading, a part of a note or task, or a mark of rows left out.
struct ActivityLine: Hashable {
    enum Kind: Hashable { case heading, first, more, elided }
    var kind: Kind
    /// The day it was made ("2026-09-21"), on an entry's first row.
    var day = ""
    var glyph = ""
    var text: String
    var role: ColorRole = .text
    /// The task this row belongs to: the cursor stops there.
    var task: UUID?
}

/// The heading and each note and task of the deal, wrapped to `width` cells: the day made, a glyph (✎ a note; a task
/// ▲ ● ○ as its due stands, ✓ done), the text.
func activityLines(of card: Opportunity, state: AppState, width: Int) -> [ActivityLine] {
    let capabilities = state.snapshot?.capabilities ?? []
    guard !capabilities.isDisjoint(with: [.notes, .tasks]) else {
        let provider = state.snapshot?.providerName ?? "This provider"
        return [ActivityLine(kind: .heading, text: "Notes and tasks: \(provider)'s API offers none", role: .muted)]
    }
    guard let activity = state.activity, activity.id == card.id else {
        return [ActivityLine(kind: .heading, text: "Notes and tasks: reading…", role: .muted)]
    }
    let entries = activity.entries
    guard !entries.isEmpty else {
        let keys = state.keyMaps.detail
        let adds = [keys.phrase(.addNote, "adds a note"), keys.phrase(.addTask, "a task")].compactMap { $0 }
        let how = adds.isEmpty ? "" : " · " + adds.joined(separator: ", ")
        return [ActivityLine(kind: .heading, text: "Notes and tasks: none yet" + how, role: .muted)]
    }
    let today = ISODay.string(from: state.now)
    let textWidth = max(1, width - 14)
    var lines = [ActivityLine(kind: .heading, text: "Notes and tasks", role: .accent)]
    for entry in entries {
        let (glyph, text, role, task) = describe(entry, today: today)
        let wrapped = text.split(whereSeparator: \.isNewline).flatMap { wrap(String($0), width: textWidth) }
        for (index, part) in (wrapped.isEmpty ? [""] : wrapped).enumerated() {
            lines.append(
                ActivityLine(
                    kind: index == 0 ? .first : .more, day: index == 0 ? ISODay.string(from: entry.createdAt) : "",
                    glyph: index == 0 ? glyph : "", text: part, role: role, task: task))
        }
    }
    return lines
}

/// A note or task's glyph, words, colour and (for a task) id.
private func describe(_ entry: ActivityEntry, today: String) -> (String, String, ColorRole, UUID?) {
    switch entry {
    case .note(let note):
        return ("✎", note.text + (note.author.map { " — \($0)" } ?? ""), .text, nil)
    case .task(let task):
        let owner = task.owner.map { " · \($0)" } ?? ""
        if task.isDone {
            let when = task.completedAt.map {
                " " + NextStepMark.shortDay(DueDate(instant: $0, hasTime: false), today: today)
            }
            return ("✓", "\(task.title) · done\(when ?? "")\(owner)", .muted, task.id)
        }
        let mark = NextStepMark(NextStep(taskID: task.id, title: task.title, due: task.due), today: today)
        let due = task.due.map { " · due " + NextStepMark.shortDay($0, today: today) } ?? ""
        let role: ColorRole = mark.kind == .later ? .text : mark.role
        return (mark.glyph, "\(task.title)\(due)\(owner)", role, task.id)
    }
}

/// The heading and as many lines as `rows` hold: from the top, or moved down so the chosen task shows; rows left
/// out above or below are said ("… 3 more rows").
func window(_ lines: [ActivityLine], rows: Int, chosen: UUID?) -> [ActivityLine] {
    guard lines.count > rows, rows >= 4 else { return Array(lines.prefix(rows)) }
    let body = Array(lines.dropFirst())
    let slots = rows - 1
    var first = 0
    // From the top the last row is the mark of what is below: the chosen task must end above it.
    if let chosen, let start = body.firstIndex(where: { $0.task == chosen }),
        let end = body.lastIndex(where: { $0.task == chosen }), end > slots - 2
    {
        first = min(max(0, end - slots + 2), body.count - slots, max(0, start - 1))
    }
    var shown = Array(body[first..<min(body.count, first + slots)])
    if first > 0 { shown[0] = ActivityLine(kind: .elided, text: "… \(first + 1) more rows", role: .muted) }
    let below = body.count - first - shown.count
    if below > 0 {
        shown[shown.count - 1] = ActivityLine(kind: .elided, text: "… \(below + 1) more rows", role: .muted)
    }
    return [lines[0]] + shown
}

/// A timeline row in the details' area; the chosen task is marked with › and drawn as the focus.
func drawActivityLine(_ line: ActivityLine, chosen: Bool, in area: Rect, y: Int, into screen: inout Screen) {
    switch line.kind {
    case .heading, .elided:
        screen.write(
            line.text, x: area.x, y: y, width: area.width, style: CellStyle(line.role, bold: line.kind == .heading))
    case .first, .more:
        let highlight: ColorRole? = chosen ? .cardFocused : nil
        if chosen {
            screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: CellStyle(.cardFocused))
            screen.write("›", x: area.x - 1, y: y, width: 1, style: CellStyle(.accent, bold: true))
        }
        screen.write(line.day, x: area.x, y: y, width: 10, style: CellStyle(.muted, on: highlight))
        screen.write(line.glyph, x: area.x + 12, y: y, width: 1, style: CellStyle(line.role, bold: true, on: highlight))
        screen.write(
            line.text, x: area.x + 14, y: y, width: area.width - 14,
            style: CellStyle(chosen ? .cardFocused : line.role, bold: chosen, on: highlight))
    }
}

struct DetailRow {
    var label: String
    var value: String
    var role: ColorRole = .text
}

func detailRows(_ card: Opportunity, state: AppState) -> [DetailRow] {
    // On a merged board the card's stage is shown as the column it sits in.
    let stage =
        state.snapshot?.pipeline.stages.first { $0.id == card.stageID }
        ?? state.columns.first { column in column.cards.contains { $0.id == card.id } }?.stage
    let none = "—"
    var rows = [
        DetailRow(label: "Name", value: card.name),
        DetailRow(
            label: "Stage",
            value: "\(stage?.name ?? card.stageID) · \(Formatting.days(card.daysInStage(now: state.now))) in stage"),
        DetailRow(label: "Value", value: card.value?.formatted ?? none, role: card.value == nil ? .text : .value),
        DetailRow(label: "Status", value: card.status.rawValue + (card.providerStatus.map { " (\($0))" } ?? "")),
        DetailRow(label: "Contact", value: card.contactName ?? none),
        DetailRow(label: "Company", value: card.companyName ?? none),
        DetailRow(label: "Email", value: card.email ?? none),
        DetailRow(label: "Phone", value: card.phone ?? none),
        DetailRow(label: "Owner", value: card.owner ?? none),
        DetailRow(label: "Close date", value: card.closeDate ?? none),
        DetailRow(label: "Source", value: card.source ?? none),
        DetailRow(
            label: "Probability",
            value: (card.probability ?? stage?.probability).map { FormBuilder.percentText($0) + "%" } ?? none),
        DetailRow(label: "Tags", value: card.tags.isEmpty ? none : card.tags.joined(separator: ", ")),
    ]
    if let badge = state.snapshot?.merge?.badges[card.account] {
        rows.insert(DetailRow(label: "Account", value: "\(card.account) [\(badge)]"), at: 1)
    }
    rows += card.customFields.sorted { $0.key < $1.key }.map { DetailRow(label: $0.key, value: $0.value) }
    rows.append(DetailRow(label: "Created", value: ISODay.string(from: card.createdAt)))
    rows.append(DetailRow(label: "Updated", value: ISODay.string(from: card.updatedAt)))
    switch SyncMark(card: card, state: state) {
    case .pending?: rows.append(DetailRow(label: "Sync", value: "↻ waiting to be sent", role: .pending))
    case .failed(let reason)?:
        rows.append(DetailRow(label: "Sync", value: "! failed: \(reason) (o: outbox)", role: .failed))
    case .conflict(let reason)?: rows.append(DetailRow(label: "Sync", value: "≠ \(reason) (o: outbox)", role: .failed))
    case nil: rows.append(DetailRow(label: "Sync", value: "up to date", role: .muted))
    }
    return rows
}

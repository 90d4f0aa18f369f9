import PipeboardCore

/// Every field of one card, label by label.
func drawDetail(_ card: Opportunity, state: AppState, into screen: inout Screen) {
    let rows = detailRows(card, state: state)
    let labelWidth = rows.map { TextWidth.cells($0.label) }.max() ?? 0
    let inner = overlayWidth(72, screen: screen)
    let area = drawOverlay(
        width: inner, height: overlayHeight(rows.count + 4, screen: screen), title: card.name, into: &screen)
    for (index, row) in rows.prefix(area.height - 1).enumerated() {
        let y = area.y + 1 + index
        screen.write(row.label, x: area.x, y: y, width: labelWidth, style: CellStyle(.muted))
        screen.write(
            row.value, x: area.x + labelWidth + 2, y: y, width: area.width - labelWidth - 2,
            style: CellStyle(row.role, bold: row.role != .text))
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

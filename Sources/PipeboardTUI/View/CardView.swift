import PipeboardCore

/// One card as a small box: name; value and who it is with; days in stage and its sync mark.
/// `card` is nil when the card lies outside the loaded window (a load is on its way).
func drawCard(_ card: Opportunity?, focused: Bool, state: AppState, in rect: Rect, into screen: inout Screen) {
    let body = CellStyle(focused ? .cardFocused : .card)
    screen.fill(rect, style: body)
    screen.box(rect, lines: focused ? .heavy : .rounded, style: CellStyle(focused ? .cardFocused : .border, bold: focused))
    let x = rect.x + 2
    let width = rect.width - 4
    guard let card else {
        screen.write("…", x: x, y: rect.y + 1, width: width, style: CellStyle(.muted))
        return
    }
    screen.write(card.name, x: x, y: rect.y + 1, width: width, style: CellStyle(focused ? .cardFocused : .text, bold: true))

    var used = 0
    if let value = card.value {
        used = screen.write(value.compact, x: x, y: rect.y + 2, width: width, style: CellStyle(.value))
    }
    if let who = card.counterparty {
        let gap = used > 0 ? 2 : 0
        screen.write(who, x: x + used + gap, y: rect.y + 2, width: width - used - gap, style: CellStyle(.muted))
    }

    let days = card.daysInStage(now: state.now)
    let age = screen.write("\(days)d", x: x, y: rect.y + 3, width: width, style: CellStyle(days >= staleAfterDays ? .stale : .muted))
    if let mark = SyncMark(card: card, state: state) {
        let room = width - age - 1
        screen.writeRight(TextWidth.cells(mark.label) <= room ? mark.label : mark.symbol, x: x, y: rect.y + 3, width: width, style: CellStyle(mark.role, bold: true))
    } else if card.status.isClosed {
        screen.writeRight(card.status.rawValue, x: x + age + 1, y: rect.y + 3, width: width - age - 1,
                          style: CellStyle(card.status == .won ? .won : .lost))
    } else if let own = card.providerStatus?.nilIfBlank, own.lowercased() != card.status.rawValue {
        // The provider's own status (Coperniq's project status, Coastline's approval status), never read as won / lost.
        screen.writeRight(own, x: x + age + 1, y: rect.y + 3, width: width - age - 1, style: CellStyle(.muted))
    }
}

/// A deal untouched this long reads as going stale.
let staleAfterDays = 30

import PipeboardCore

/// One card as a small box of one to three lines, each the fields the pipeline's card layout names.
/// Marks go at the right: the source badge and the stale mark on the first line, the sync mark (or a closed
/// deal's status) on the last. `card` is nil when the card lies outside the loaded window (a load is on its way).
func drawCard(_ card: Opportunity?, focused: Bool, state: AppState, in rect: Rect, into screen: inout Screen) {
    let selected = card.map { state.selection[$0.id] != nil } ?? false
    let highlight: ColorRole? = focused ? .cardFocused : (selected ? .cardSelected : nil)
    // Focus and selection fill the inside only: the border stays, so moving the focus repaints no border cells.
    screen.box(rect, style: CellStyle(.border))
    screen.fill(
        Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 2),
        style: CellStyle(highlight ?? .card))
    // A mark that reads without colour too.
    if selected {
        screen.write(
            "✓", x: rect.x + 1, y: rect.y, width: 1,
            style: CellStyle(focused ? .cardFocused : .cardSelected, bold: true))
    }
    let x = rect.x + 2
    let width = rect.width - 4
    guard let card else {
        screen.write("…", x: x, y: rect.y + 1, width: width, style: CellStyle(.muted))
        return
    }
    let lines = state.cardLayout.lines
    let marks = CardMarks(card: card, state: state)
    for (index, fields) in lines.enumerated() {
        let y = rect.y + 1 + index
        var right: [CardText] = []
        if index == 0 { right += marks.first }
        if index == lines.count - 1 { right += lines.count == 1 ? marks.lastCompact : marks.last }
        // Marks first, from the right edge; the fields get what is left.
        var room = width
        for mark in right.reversed() {
            let cells = TextWidth.cells(mark.text)
            guard cells + 1 < room else { break }
            screen.write(
                mark.text, x: x + room - cells, y: y, width: cells,
                style: CellStyle(mark.role, bold: mark.bold, on: highlight))
            room -= cells + 1
        }
        let texts = fields.compactMap { cardText($0, of: card, focused: focused, state: state) }
        let flexible = (fields.firstIndex(of: .name) ?? fields.firstIndex(of: .nextStep)).map {
            min($0, texts.count - 1)
        }
        let widths = fieldWidths(
            texts.map { TextWidth.cells($0.text) }, flexible: flexible,
            minimum: flexible.flatMap { texts[$0].shorter.last.map(TextWidth.cells) } ?? 6, room: room)
        var used = 0
        for (text, width) in zip(texts, widths) {
            let gap = used > 0 ? 2 : 0
            guard room - used - gap > 0, width > 0 else { break }
            let cells = min(width, room - used - gap)
            used +=
                gap
                + screen.write(
                    text.fitted(to: cells), x: x + used + gap, y: y, width: cells,
                    style: CellStyle(text.role, bold: text.bold, on: highlight))
        }
    }
}

/// Cells for each field of a line (with two-cell gaps between them) within `room`. When they do not all fit, the
/// flexible one (the name, else the next step) gives way first, down to `minimum` cells, so that a short value
/// beside a long name shows.
func fieldWidths(_ natural: [Int], flexible: Int?, minimum: Int = 6, room: Int) -> [Int] {
    let gaps = 2 * max(0, natural.count - 1)
    let total = natural.reduce(0, +) + gaps
    guard total > room, let flexible, natural.indices.contains(flexible) else { return natural }
    var widths = natural
    widths[flexible] = max(min(natural[flexible], minimum), natural[flexible] - (total - room))
    return widths
}

/// A piece of a card: its text and how it is drawn.
struct CardText: Hashable {
    var text: String
    var role: ColorRole
    var bold = false
    /// Shorter forms, longest first, for when the text is cut: "▲ Dec 5" then "▲" for "▲ Dec 5 Call Ana".
    var shorter: [String] = []

    /// The text for `cells` cells: whole; else cut (the writer ends it with "…") while that still shows a few
    /// characters past the first shorter form; else the longest shorter form that fits.
    func fitted(to cells: Int) -> String {
        guard TextWidth.cells(text) > cells, let first = shorter.first else { return text }
        if cells >= TextWidth.cells(first) + 4 { return text }
        return shorter.first { TextWidth.cells($0) <= cells } ?? shorter.last ?? text
    }
}

/// A card's marks: the source badge (merged boards), the stale mark, the sync mark or a closed deal's status.
struct CardMarks {
    var first: [CardText] = []
    var last: [CardText] = []
    /// For a one-line card, where everything shares the first line: symbols only.
    var lastCompact: [CardText] = []

    /// The glyph of a stale deal: it reads without colour, and the stale colour adds to it where there is one.
    static let staleGlyph = "◷"

    init(card: Opportunity, state: AppState) {
        if let badge = state.snapshot?.merge?.badges[card.account] {
            first.append(CardText(text: "[\(badge)]", role: .accent, bold: true))
        }
        if let idle = state.staleDays(of: card) {
            first.append(CardText(text: "\(Self.staleGlyph)\(idle)d", role: .stale))
        }
        if let mark = SyncMark(card: card, state: state) {
            last.append(CardText(text: mark.label, role: mark.role, bold: true))
            lastCompact.append(CardText(text: mark.symbol, role: mark.role, bold: true))
        } else if card.status.isClosed {
            let status = CardText(text: card.status.rawValue, role: card.status == .won ? .won : .lost)
            last.append(status)
            lastCompact.append(status)
        } else if let own = card.providerStatus?.nilIfBlank, own.lowercased() != card.status.rawValue {
            // The provider's own status (Coperniq's project status, Coastline's approval status), never read as
            // won / lost; not repeated when it only says "open".
            let status = CardText(text: own, role: .accent)
            last.append(status)
            lastCompact.append(status)
        }
    }
}

/// One field of a card as drawn, or nil when the card has nothing for it.
func cardText(_ field: CardField, of card: Opportunity, focused: Bool, state: AppState) -> CardText? {
    func muted(_ text: String?) -> CardText? { text?.nilIfBlank.map { CardText(text: $0, role: .muted) } }
    switch field {
    case .name: return CardText(text: card.name, role: focused ? .cardFocused : .text, bold: focused)
    case .value: return card.value.map { CardText(text: $0.compact, role: .value) }
    case .contact: return muted(card.contactName)
    case .company: return muted(card.companyName)
    case .who: return muted(card.counterparty)
    case .owner: return muted(card.owner)
    case .closeDate: return muted(card.closeDate)
    case .source: return muted(card.source)
    case .email: return muted(card.email)
    case .phone: return muted(card.phone)
    case .tags: return muted(card.tags.map { "#" + $0 }.joined(separator: " "))
    case .custom(let name): return muted(card.customFields[name])
    case .probability:
        let stage = state.snapshot?.pipeline.stages.first { $0.id == card.stageID }
        return (card.probability ?? stage?.probability).map {
            CardText(text: FormBuilder.percentText($0) + "%", role: .muted)
        }
    case .age:
        let days = card.daysInStage(now: state.now)
        let stale = state.staleDays(of: card) != nil
        return CardText(text: "\(days)d", role: stale ? .stale : .muted)
    case .nextStep:
        return state.nextStepMark(of: card).map { CardText(text: $0.text, role: $0.role, shorter: $0.shorter) }
    case .status:
        let text = card.status.rawValue + (card.providerStatus.map { " (\($0))" } ?? "")
        return CardText(text: text, role: card.status == .won ? .won : card.status == .lost ? .lost : .muted)
    }
}

extension AppState {
    /// Days the card has been idle, when that makes it stale under the config's threshold for its column.
    func staleDays(of card: Opportunity) -> Int? {
        guard let column = columns.first(where: { column in column.cards.contains { $0.id == card.id } }) else {
            return nil
        }
        return display.stale.staleDays(of: card, in: column.stage, now: now, activity: column.lastActivity[card.id])
    }
}

import PipeboardCore

/// A deal's next step as the board shows it: a glyph and a colour for where it stands (so it reads in 16 colours
/// and in monochrome alike), its due day and its title; or the mark of an open deal with nothing planned.
struct NextStepMark: Hashable {
    enum Kind: Hashable { case overdue, today, later, missing }

    var kind: Kind
    /// "Dec 5", "today", "15:30"; empty for an undated step or none.
    var day: String
    var title: String

    /// ▲ overdue, ● today, ○ later, ∅ none.
    var glyph: String {
        switch kind {
        case .overdue: "▲"
        case .today: "●"
        case .later: "○"
        case .missing: "∅"
        }
    }

    var role: ColorRole {
        switch kind {
        case .overdue: .nextStepOverdue
        case .today: .nextStepToday
        case .later: .nextStepLater
        case .missing: .nextStepNone
        }
    }

    /// The card's field: "▲ Dec 5 Call Ana", "● today Send the quote", "∅ no next step".
    var text: String {
        guard kind != .missing else { return glyph + " no next step" }
        return [glyph, day, title].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Shorter forms for a narrow card, longest first: "▲ Dec 5" then "▲"; "∅ none" then "∅".
    var shorter: [String] {
        guard kind != .missing else { return [glyph + " none", glyph] }
        return day.isEmpty ? [glyph] : [glyph + " " + day, glyph]
    }

    init(_ step: NextStep, today: String) {
        title = step.title
        switch step.timing(today: today) {
        case .overdue: kind = .overdue
        case .today: kind = .today
        case .upcoming, .undated: kind = .later
        }
        day = step.due.map { Self.shortDay($0, today: today) } ?? ""
    }

    private init(missing: Void) {
        kind = .missing
        day = ""
        title = ""
    }

    /// An open deal with nothing planned.
    static let missing = NextStepMark(missing: ())

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "today" (or its time, "15:30"), else "Dec 5" within half a year of `today`, else "Feb 2027".
    static func shortDay(_ due: DueDate, today: String) -> String {
        if due.day == today { return due.time ?? "today" }
        let parts = due.day.split(separator: "-")
        guard parts.count == 3, let days = ISODay.daysSince1970(of: due.day),
            let now = ISODay.daysSince1970(of: today), let month = Int(parts[1]),
            monthNames.indices.contains(month - 1), let day = Int(parts[2])
        else { return due.day }
        return abs(days - now) <= 183 ? "\(monthNames[month - 1]) \(day)" : "\(monthNames[month - 1]) \(parts[0])"
    }
}

extension AppState {
    /// The next step a card shows: where the board reads them (the present board of a provider with tasks), the
    /// card's step, or the "none" mark for an open deal without one. Nil: the card shows nothing for it.
    func nextStepMark(of card: Opportunity) -> NextStepMark? {
        guard let snapshot, snapshot.asOf == nil, asOf == nil, snapshot.capabilities.contains(.tasks) else {
            return nil
        }
        if let step = columns.lazy.compactMap({ $0.nextSteps[card.id] }).first {
            return NextStepMark(step, today: ISODay.string(from: now))
        }
        return card.status == .open ? .missing : nil
    }
}

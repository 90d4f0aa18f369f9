import PipeboardCore

/// The agenda overlay: the account's next steps as rows (a heading per group that has any, then its deals), nil
/// while loading, and the chosen deal. The grouping is the service's (`Agenda`), the same as `pipeboard agenda`.
package struct AgendaListState: Hashable, Sendable {
    package enum Row: Hashable, Sendable {
        case heading(Agenda.Group, count: Int)
        case entry(Agenda.Entry, Agenda.Group)
    }

    package var account: String
    package var rows: [Row]?
    /// The index in `rows` of each deal, in order: the choice moves over these, never onto a heading.
    package var entryRows: [Int] = []
    /// Which deal is chosen: an index into `entryRows`.
    package var selection = 0

    package init(account: String, agenda: Agenda? = nil) {
        self.account = account
        if let agenda { receive(agenda) }
    }

    /// Takes a freshly read agenda, keeping the chosen deal where it is still listed.
    package mutating func receive(_ agenda: Agenda) {
        let chosenID = chosen?.opportunity.id
        var rows: [Row] = []
        var entryRows: [Int] = []
        for section in agenda.sections where !section.entries.isEmpty {
            rows.append(.heading(section.group, count: section.entries.count))
            for entry in section.entries {
                entryRows.append(rows.count)
                rows.append(.entry(entry, section.group))
            }
        }
        self.rows = rows
        self.entryRows = entryRows
        let kept = entryRows.firstIndex { index in
            if case .entry(let entry, _) = rows[index] { return entry.opportunity.id == chosenID }
            return false
        }
        selection = kept ?? min(selection, max(0, entryRows.count - 1))
    }

    package var chosen: Agenda.Entry? {
        guard let rows, entryRows.indices.contains(selection), case .entry(let entry, _) = rows[entryRows[selection]]
        else { return nil }
        return entry
    }

    /// The row of the chosen deal.
    var chosenRow: Int? { entryRows.indices.contains(selection) ? entryRows[selection] : nil }

    mutating func choose(by offset: Int) {
        guard !entryRows.isEmpty else { return }
        selection = min(max(0, selection + offset), entryRows.count - 1)
    }

    /// The first row to draw so that the chosen one shows among `visible` rows, with its heading when it fits.
    func firstRow(visible: Int) -> Int {
        guard let rows, let chosen = chosenRow, visible > 0 else { return 0 }
        var heading = chosen
        while heading > 0, case .entry = rows[heading] { heading -= 1 }
        let wanted = chosen - heading < visible ? heading : chosen - visible + 1
        return max(0, min(wanted, rows.count - visible))
    }
}

/// The order of one column's cards. `manual` (the rank the user gives with J / K and moves) is the default.
public enum ColumnSort: String, CaseIterable, Hashable, Sendable, Codable {
    case manual
    /// Largest first; cards without a value last. Amounts compare by number, whatever their currency.
    case value
    /// Longest in the stage first.
    case age
    /// Soonest expected close first; cards without a date last.
    case closeDate = "close_date"
    case name
    /// Soonest next step first; an undated step after the dated ones, deals without one last.
    case nextStep = "next_step"

    /// The next sort `s` switches to.
    public var next: ColumnSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// How a column header shows the sort: "↓ value".
    public var label: String {
        switch self {
        case .manual: return "manual"
        case .value: return "↓ value"
        case .age: return "↓ age"
        case .closeDate: return "↑ close"
        case .name: return "↑ name"
        case .nextStep: return "↑ next step"
        }
    }
}

/// A filter saved in the config under a name, shown by a number key on the board (the first view is 1).
public struct SavedView: Hashable, Sendable {
    public var name: String
    public var filter: BoardFilter
    /// Closed deals shown too (else hidden, as on the board by default).
    public var showClosed: Bool
    /// The order of every column while the view shows; nil keeps each column's own.
    public var sort: ColumnSort?

    public init(name: String, filter: BoardFilter, showClosed: Bool = false, sort: ColumnSort? = nil) {
        self.name = name
        self.filter = filter
        self.showClosed = showClosed
        self.sort = sort
    }
}

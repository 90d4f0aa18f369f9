import Foundation

/// Which cards to show: the search and the filters, shared by the board, saved views and `pipeboard list`.
/// Every part that is set must match (AND); inside one part any listed value may match (OR).
/// Text matches ignore case; the store turns this into SQL, so filtering never needs the cards in memory.
public struct BoardFilter: Hashable, Sendable, Codable {
    /// Words that must each appear in the name, the contact or the company.
    public var search: String
    public var owners: [String]
    /// Board statuses (open, won, lost, abandoned) or, for providers without a won / lost model, the
    /// provider's own status (Coperniq's ACTIVE, Coastline's approval status); a card matching either shows.
    public var statuses: Set<OpportunityStatus>
    public var providerStatuses: [String]
    /// The amount in its own currency, in micros; currencies are never converted or compared with each other.
    public var minValueMicros: Int64?
    public var maxValueMicros: Int64?
    /// Whole days in the current stage, as on the card.
    public var minAgeDays: Int?
    public var maxAgeDays: Int?
    public var sources: [String]
    /// Cards carrying any of these tags.
    public var tags: [String]
    /// Open deals whose next step is overdue; with `noNextStep` too, either kind.
    public var overdue: Bool
    /// Open deals with nothing planned (no open task).
    public var noNextStep: Bool

    public init(
        search: String = "", owners: [String] = [], statuses: Set<OpportunityStatus> = [],
        providerStatuses: [String] = [],
        minValueMicros: Int64? = nil, maxValueMicros: Int64? = nil, minAgeDays: Int? = nil, maxAgeDays: Int? = nil,
        sources: [String] = [], tags: [String] = [], overdue: Bool = false, noNextStep: Bool = false
    ) {
        self.search = search
        self.owners = owners
        self.statuses = statuses
        self.providerStatuses = providerStatuses
        self.minValueMicros = minValueMicros
        self.maxValueMicros = maxValueMicros
        self.minAgeDays = minAgeDays
        self.maxAgeDays = maxAgeDays
        self.sources = sources
        self.tags = tags
        self.overdue = overdue
        self.noNextStep = noNextStep
    }

    public static let none = BoardFilter()

    public var isEmpty: Bool { self == .none }

    /// The filter without its search words: what the filter form edits.
    public var withoutSearch: BoardFilter {
        var copy = self
        copy.search = ""
        return copy
    }

    /// The search split into words, blanks dropped.
    public var searchWords: [String] {
        search.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// True when the filter names a status, so "hide closed deals" must not hide what was asked for.
    public var namesStatus: Bool { !statuses.isEmpty || !providerStatuses.isEmpty }

    /// True when the filter asks about next steps (overdue, or none).
    public var namesNextStep: Bool { overdue || noNextStep }

    /// Whether a deal passes the next-step part: an open deal whose next step (nil: none) is overdue on `today`,
    /// or that has none, as asked; everything passes when the filter asks neither.
    public func matchesNextStep(_ step: NextStep?, of card: Opportunity, today: String) -> Bool {
        guard namesNextStep else { return true }
        guard card.status == .open else { return false }
        if overdue, let step, step.timing(today: today) == .overdue { return true }
        return noNextStep && step == nil
    }

    /// Whether one card passes, with the same meaning as the store's SQL (used where cards are already loaded).
    /// `nextStep` is the card's, where known; the next-step part is checked against it.
    public func matches(_ card: Opportunity, now: Date, nextStep: NextStep? = nil) -> Bool {
        guard matchesNextStep(nextStep, of: card, today: ISODay.string(from: now)) else { return false }
        for word in searchWords {
            let fields = [card.name, card.contactName ?? "", card.companyName ?? ""]
            guard fields.contains(where: { $0.range(of: word, options: [.caseInsensitive]) != nil }) else {
                return false
            }
        }
        if !owners.isEmpty, !owners.contains(where: { $0.caseInsensitiveCompare(card.owner ?? "") == .orderedSame }) {
            return false
        }
        if namesStatus {
            let byStatus = statuses.contains(card.status)
            let byProvider = providerStatuses.contains {
                $0.caseInsensitiveCompare(card.providerStatus ?? "") == .orderedSame
            }
            guard byStatus || byProvider else { return false }
        }
        if minValueMicros != nil || maxValueMicros != nil {
            guard let micros = card.value?.micros else { return false }
            if let low = minValueMicros, micros < low { return false }
            if let high = maxValueMicros, micros > high { return false }
        }
        let days = card.daysInStage(now: now)
        if let low = minAgeDays, days < low { return false }
        if let high = maxAgeDays, days > high { return false }
        if !sources.isEmpty, !sources.contains(where: { $0.caseInsensitiveCompare(card.source ?? "") == .orderedSame })
        {
            return false
        }
        if !tags.isEmpty {
            let wanted = Set(tags.map { $0.lowercased() })
            guard card.tags.contains(where: { wanted.contains($0.lowercased()) }) else { return false }
        }
        return true
    }
}

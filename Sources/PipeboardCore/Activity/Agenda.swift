import Foundation

/// Every open deal's next step, grouped as a salesperson plans a day: overdue, today, the rest of this week,
/// later, and then the open deals with nothing planned.
public struct Agenda: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var opportunity: Opportunity
        public var nextStep: NextStep?

        public init(opportunity: Opportunity, nextStep: NextStep?) {
            self.opportunity = opportunity
            self.nextStep = nextStep
        }
    }

    public enum Group: String, CaseIterable, Hashable, Sendable {
        case overdue, today
        case thisWeek = "this_week"
        case later
        case noNextStep = "no_next_step"

        public var title: String {
            switch self {
            case .overdue: return "Overdue"
            case .today: return "Today"
            case .thisWeek: return "This week"
            case .later: return "Later"
            case .noNextStep: return "No next step"
            }
        }
    }

    public struct Section: Hashable, Sendable {
        public var group: Group
        public var entries: [Entry]
    }

    /// The groups in order, each in due order; empty groups included.
    public var sections: [Section]

    /// Groups `entries` (already in due order) by `today` (an ISO day). "This week" runs to the coming Sunday
    /// (weeks start on Monday); a step without a due date is "later".
    public init(entries: [Entry], today: String) {
        let weekEnd = Self.sunday(onOrAfter: today)
        var grouped: [Group: [Entry]] = [:]
        for entry in entries {
            grouped[Self.group(of: entry.nextStep, today: today, weekEnd: weekEnd), default: []].append(entry)
        }
        sections = Group.allCases.map { Section(group: $0, entries: grouped[$0] ?? []) }
    }

    public func entries(in group: Group) -> [Entry] { sections.first { $0.group == group }?.entries ?? [] }

    static func group(of step: NextStep?, today: String, weekEnd: String) -> Group {
        guard let step else { return .noNextStep }
        guard let due = step.due else { return .later }
        if due.day < today { return .overdue }
        if due.day == today { return .today }
        return due.day <= weekEnd ? .thisWeek : .later
    }

    /// The Sunday that ends the week of `day` (the day itself when it is a Sunday).
    static func sunday(onOrAfter day: String) -> String {
        guard let days = ISODay.daysSince1970(of: day) else { return day }
        // 1970-01-01 was a Thursday: Monday is 0.
        let weekday = ((days + 3) % 7 + 7) % 7
        return ISODay.string(daysSince1970: days + 6 - weekday)
    }
}

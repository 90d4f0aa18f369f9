/// Stages that close a deal: a card moved into one takes its status in the same change, and the figures count it
/// as closed. Named by stage name (any case) or id, as the config writes them (`won_stages`, `lost_stages`).
public struct ClosingStages: Hashable, Sendable {
    public var won: [String]
    public var lost: [String]

    public init(won: [String] = [], lost: [String] = []) {
        self.won = won
        self.lost = lost
    }

    public static let none = ClosingStages()

    /// The status a card takes in `stage`, nil for an open step.
    public func status(of stage: Stage) -> OpportunityStatus? {
        let name = stage.name.lowercased()
        func names(_ list: [String]) -> Bool { list.contains { $0 == stage.id || $0.lowercased() == name } }
        if names(won) { return .won }
        if names(lost) { return .lost }
        return nil
    }

    /// The status change that goes with moving `card` from `from` to `to`: the closing stage's status, or open
    /// again when the card leaves a closing stage whose status it still has. nil: the status stays.
    public func statusChange(for card: Opportunity, from: Stage?, to: Stage) -> OpportunityStatus? {
        if let closing = status(of: to) { return closing == card.status ? nil : closing }
        if let from, let left = status(of: from), left == card.status { return .open }
        return nil
    }
}

import Foundation

/// One change of a deal as a provider's own history keeps it (Twenty's timeline), in the board's terms: a stage by
/// its id, a value as `DealChange.text(of:)` writes it, a close date as its ISO day.
public struct ProviderChange: Hashable, Sendable {
    public var field: DealField
    public var from: String?
    public var to: String?
    public var at: Date

    public init(field: DealField, from: String?, to: String?, at: Date) {
        self.field = field
        self.from = from
        self.to = to
        self.at = at
    }
}

/// A provider that publishes a deal's past changes, from which its history can be filled
/// (`BoardService.fillHistory`). Found by a cast: the others need not care.
public protocol PublishesHistory: Sendable {
    /// The record's changes as the provider kept them, any order; its name for them ("Twenty's timeline").
    func history(remoteID: String) async throws -> [ProviderChange]
    var historyName: String { get }
}

extension OpportunityProvider {
    /// Whether the provider publishes a deal's past changes.
    public var publishesHistory: Bool { self is any PublishesHistory }
}

extension DealChange {
    /// The changes of `provided` that pipeboard has not seen, as the deal's history keeps them: those before
    /// `before` (the deal's oldest remembered change; nil: none yet), oldest first, by the provider at its own
    /// time. A stage or status change starts from the previous one of its field, else from the deal's creation.
    public static func filled(
        from provided: [ProviderChange], deal: Opportunity, before: Date?
    ) -> [DealChange] {
        let kept = provided.filter { change in
            DealField.tracked.contains(change.field) && change.from != change.to
                && before.map { change.at < $0 } ?? true
        }
        var last: [DealField: Date] = [:]
        return kept.sorted { $0.at < $1.at }.map { change in
            var since: Date?
            if change.field == .stage || change.field == .status { since = last[change.field] ?? deal.createdAt }
            last[change.field] = change.at
            return DealChange(
                opportunityID: deal.id, account: deal.account, field: change.field, from: change.from, to: change.to,
                at: change.at, since: since, origin: .provider, clock: .providerChange)
        }
    }
}

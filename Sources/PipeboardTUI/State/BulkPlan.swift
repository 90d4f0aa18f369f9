import Foundation
import PipeboardCore

/// A change to the selected cards as the preview shows it: what would be sent, on how many cards, worth what
/// per currency, and how many cards are left out and why. Built from the loaded cards; nothing is sent yet.
package struct BulkPlan: Hashable, Sendable {
    package var operation: BulkOperation
    /// "Move to Proposal", "Mark won", "Delete".
    package var title: String
    /// The cards the change is sent for, in selection order.
    package var ids: [UUID]
    /// Their values, per currency.
    package var totals: MoneyTotals
    /// Cards already as asked (already in the stage, already won, at the last stage).
    package var unchanged: Int
    /// Cards the provider does not allow the change on, and its reason.
    package var notAllowed: Int
    package var refusal: String?
    /// The names of the cards sent for, for the preview.
    package var names: [String] = []

    /// "7 deals, $41,000 + €2,000".
    package var headline: String {
        let deals = ids.count == 1 ? "1 deal" : "\(ids.count) deals"
        let money = totals.amounts.map(\.formatted).joined(separator: " + ")
        return money.isEmpty ? deals : "\(deals), \(money)"
    }

    /// "2 not allowed by the provider; 1 unchanged", or nil when every card is changed.
    package var leftOut: String? {
        var parts: [String] = []
        if notAllowed > 0 { parts.append("\(notAllowed) not allowed by the provider") }
        if unchanged > 0 { parts.append("\(unchanged) unchanged") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}

/// The lost-reason prompt: the cards to mark lost and the reason typed so far; where the provider keeps its own
/// list of reasons, a list to pick from, which the typed text filters.
package struct LostReasonPrompt: Hashable, Sendable {
    package var ids: [UUID]
    /// The deal's name, or "3 deals".
    package var subject: String
    /// Marking the selection lost: the preview comes after the reason.
    package var isBulk: Bool
    package var reason = TextField()
    /// The provider's reasons; nil where a reason is typed, empty until they have loaded.
    package var choices: [LostReason]?
    package var loading = false
    /// Index into `matches`.
    package var selection = 0

    package init(ids: [UUID], subject: String, isBulk: Bool, choices: [LostReason]? = nil) {
        self.ids = ids
        self.subject = subject
        self.isBulk = isBulk
        self.choices = choices
    }

    /// The reasons whose name starts with the typed text, then those that merely contain it, in any case.
    package var matches: [LostReason] {
        guard let choices else { return [] }
        let needle = reason.text.lowercased().trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return choices }
        let prefixed = choices.filter { $0.name.lowercased().hasPrefix(needle) }
        let containing = choices.filter {
            !$0.name.lowercased().hasPrefix(needle) && $0.name.lowercased().contains(needle)
        }
        return prefixed + containing
    }

    package var chosen: LostReason? {
        let list = matches
        return list.indices.contains(selection) ? list[selection] : nil
    }
}

extension AppState {
    /// The preview of `operation` over the selection.
    func bulkPlan(_ operation: BulkOperation, title: String) -> BulkPlan {
        var plan = BulkPlan(
            operation: operation, title: title, ids: [], totals: MoneyTotals(), unchanged: 0, notAllowed: 0)
        let cards = selectionOrder.compactMap { selection[$0] }
        guard let snapshot else { return plan }
        let capability = operation.operation
        for card in cards {
            guard snapshot.capabilities.contains(capability.capability) else {
                plan.notAllowed += 1
                plan.refusal = "\(snapshot.providerName)'s API does not offer \(capability.verb)"
                continue
            }
            guard changes(card, by: operation, in: snapshot.pipeline) else { plan.unchanged += 1; continue }
            plan.ids.append(card.id)
            plan.names.append(card.name)
            if let value = card.value { plan.totals.add(value) }
        }
        return plan
    }

    private func changes(_ card: Opportunity, by operation: BulkOperation, in pipeline: Pipeline) -> Bool {
        switch operation {
        case .move(let stageID): return card.stageID != stageID
        case .shift(let offset):
            guard let index = pipeline.index(ofStage: card.stageID) else { return false }
            return pipeline.stages.indices.contains(index + offset)
        case .setStatus(let status, _): return card.status != status
        case .delete: return true
        }
    }
}

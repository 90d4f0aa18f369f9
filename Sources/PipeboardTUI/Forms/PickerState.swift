import Foundation
import PipeboardCore

/// The stage picker: a filter typed by the user and a choice among the matching stages.
public struct PickerState: Hashable, Sendable {
    public var cardID: UUID
    public var cardName: String
    public var currentStageID: String
    public var stages: [Stage]
    public var filter = TextField()
    /// Index into `matches`.
    public var selection = 0
    /// Moving the selected cards (a preview comes first) rather than one card.
    public var isBulk = false

    public init(card: Opportunity, stages: [Stage]) {
        cardID = card.id
        cardName = card.name
        currentStageID = card.stageID
        self.stages = stages
        // Start on the next stage: the likeliest move.
        let current = stages.firstIndex { $0.id == card.stageID } ?? 0
        selection = min(current + 1, max(0, stages.count - 1))
    }

    /// Stages whose name starts with the filter, then those that merely contain it, case-insensitively.
    public var matches: [Stage] {
        let needle = filter.text.lowercased().trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return stages }
        let prefixed = stages.filter { $0.name.lowercased().hasPrefix(needle) }
        let containing = stages.filter { !$0.name.lowercased().hasPrefix(needle) && $0.name.lowercased().contains(needle) }
        return prefixed + containing
    }

    public var chosen: Stage? {
        let list = matches
        return list.indices.contains(selection) ? list[selection] : nil
    }

    mutating func choose(by delta: Int) {
        let count = matches.count
        guard count > 0 else { return }
        selection = min(max(0, selection + delta), count - 1)
    }
}

import Foundation
import PipeboardCore

/// Where the picker (or a drag) can put a card: a stage, or a closing status beside the stages.
package enum MoveTarget: Hashable, Sendable {
    case stage(Stage)
    case status(OpportunityStatus)

    package var name: String {
        switch self {
        case .stage(let stage): return stage.name
        case .status(let status): return status.rawValue.capitalized
        }
    }
}

/// The stage picker: a filter typed by the user and a choice among the matching stages, then Won and Lost where
/// the provider can set a deal's status.
package struct PickerState: Hashable, Sendable {
    package var cardID: UUID
    package var cardName: String
    package var currentStageID: String
    package var stages: [Stage]
    package var filter = TextField()
    /// Index into `matches`.
    package var selection = 0
    /// Moving the selected cards (a preview comes first) rather than one card.
    package var isBulk = false
    /// The statuses offered after the stages (won, lost); none where the provider cannot set them.
    package var statuses: [OpportunityStatus] = []

    package init(card: Opportunity, stages: [Stage]) {
        cardID = card.id
        cardName = card.name
        currentStageID = card.stageID
        self.stages = stages
        // Start on the next stage: the likeliest move.
        let current = stages.firstIndex { $0.id == card.stageID } ?? 0
        selection = min(current + 1, max(0, stages.count - 1))
    }

    /// Stages whose name starts with the filter, then those that merely contain it, case-insensitively.
    package var matches: [Stage] {
        let needle = filter.text.lowercased().trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return stages }
        let prefixed = stages.filter { $0.name.lowercased().hasPrefix(needle) }
        let containing = stages.filter {
            !$0.name.lowercased().hasPrefix(needle) && $0.name.lowercased().contains(needle)
        }
        return prefixed + containing
    }

    /// The matching stages, then the matching statuses.
    package var targets: [MoveTarget] {
        let needle = filter.text.lowercased().trimmingCharacters(in: .whitespaces)
        let statuses = statuses.filter { needle.isEmpty || $0.rawValue.contains(needle) }
        return matches.map(MoveTarget.stage) + statuses.map(MoveTarget.status)
    }

    package var chosenTarget: MoveTarget? {
        let list = targets
        return list.indices.contains(selection) ? list[selection] : nil
    }

    package var chosen: Stage? {
        if case .stage(let stage)? = chosenTarget { return stage }
        return nil
    }

    mutating func choose(by delta: Int) {
        let count = targets.count
        guard count > 0 else { return }
        selection = min(max(0, selection + delta), count - 1)
    }
}

import PipeboardCore

/// The outbox overlay: the list as last loaded (nil while loading) and the chosen row.
package struct OutboxListState: Hashable, Sendable {
    package var items: [OutboxItem]?
    package var selection = 0

    package init(items: [OutboxItem]? = nil, selection: Int = 0) {
        self.items = items
        self.selection = selection
    }

    var chosen: OutboxItem? {
        guard let items, items.indices.contains(selection) else { return nil }
        return items[selection]
    }

    mutating func choose(by offset: Int) {
        guard let items, !items.isEmpty else { return }
        selection = min(max(0, selection + offset), items.count - 1)
    }
}

extension AppState {
    /// A fresh list replaces the shown one, keeping the chosen change by id; an open conflict follows its entry
    /// (and closes back to the list once it is settled).
    mutating func receiveOutbox(_ items: [OutboxItem]) {
        switch mode {
        case .outbox(var list):
            let chosenID = list.chosen?.id
            list.items = items
            list.selection = items.firstIndex { $0.id == chosenID } ?? min(list.selection, max(0, items.count - 1))
            mode = .outbox(list)
        case .conflict(let item):
            if let fresh = items.first(where: { $0.id == item.id }), fresh.state == .conflict {
                mode = .conflict(fresh)
            } else {
                mode = .outbox(OutboxListState(items: items, selection: 0))
            }
        default:
            break
        }
    }
}

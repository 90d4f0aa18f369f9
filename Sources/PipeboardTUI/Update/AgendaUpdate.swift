import Foundation
import PipeboardCore

/// `N` on the board: the account's agenda, read afresh each time it opens.
func openAgenda(_ state: inout AppState) -> [Effect] {
    guard let snapshot = state.snapshot else { return [] }
    guard snapshot.merge == nil else {
        state.status = .error("The agenda is one account's: open the account's own board to see it")
        return []
    }
    // The board as it was has no agenda, nor does a provider without tasks (the status bar says why).
    guard allowed(.listTasks, in: snapshot, state: &state) else { return [] }
    state.mode = .agenda(AgendaListState(account: snapshot.account))
    return [.loadAgenda(account: snapshot.account)]
}

/// Keys in the agenda: choose a deal, page, go to its card, or close.
func handleAgendaKey(_ key: Key, list: inout AgendaListState, state: inout AppState) -> [Effect] {
    let page = max(1, agendaVisibleRows(height: state.height) - 1)
    switch state.keyMaps.agenda.action(for: key) {
    case .close?:
        state.mode = .board
        return []
    case .choosePrevious?: list.choose(by: -1)
    case .chooseNext?: list.choose(by: 1)
    case .pageUp?: list.choose(by: -page)
    case .pageDown?: list.choose(by: page)
    case .goToCard?:
        guard let card = list.chosen?.opportunity else { return [] }
        state.mode = .board
        // The column keeps its sort on this board; another pipeline opens in the manual order.
        let sameBoard = card.account == state.snapshot?.account && card.pipelineID == state.snapshot?.pipeline.id
        return [
            .locateCard(
                id: card.id, statuses: state.shownStatuses, filter: state.filter,
                sort: sameBoard ? state.sorts[card.stageID] ?? .manual : .manual)
        ]
    default:
        return []
    }
    state.mode = .agenda(list)
    return []
}

/// Rows of deals and headings the agenda shows at a screen height (the overlay, its frame, the summary line).
func agendaVisibleRows(height: Int) -> Int {
    max(1, height - 3 - 2 - 1)
}

extension AppState {
    mutating func receiveAgenda(_ agenda: Agenda) {
        guard case .agenda(var list) = mode else { return }
        list.receive(agenda)
        mode = .agenda(list)
    }

    /// Shows the card at `place`: on another pipeline or account the board switches there; its column's window is
    /// loaded around the card and the card takes the focus. A card the search or filters hide clears them first.
    mutating func reveal(_ id: UUID, at place: CardPlace) -> [Effect] {
        guard let index = place.index else {
            guard !filter.isEmpty else {
                let shows = keyMaps.board.phrase(.toggleClosed, "shows closed deals").map { "; \($0)" } ?? ""
                status = .error("\(place.name) is no longer open" + shows)
                return []
            }
            filter = .none
            activeView = nil
            status = .info("Search and filters cleared to show \(place.name)")
            let sameBoard = place.account == snapshot?.account && place.pipelineID == snapshot?.pipeline.id
            return [
                .locateCard(
                    id: id, statuses: shownStatuses, filter: .none,
                    sort: sameBoard ? sorts[place.stageID] ?? .manual : .manual)
            ]
        }
        let sameBoard = place.account == snapshot?.account && place.pipelineID == snapshot?.pipeline.id
        if !sameBoard { _ = switchBoard(to: BoardTarget(account: place.account, pipelineID: place.pipelineID)) }
        let visible = layout.cardsPerColumn
        // A card already in sight stays where it is; else its column scrolls to put it in the middle.
        let current = sameBoard ? scroll[place.stageID] ?? 0 : 0
        let top = (current..<current + visible).contains(index) ? current : max(0, index - visible / 2)
        scroll[place.stageID] = top
        windows[place.stageID] = CardWindow(offset: top - Self.windowMargin, limit: visible + 2 * Self.windowMargin)
        if sameBoard, snapshot?.locate(id) != nil {
            focus(on: id)
            return loadIfNeeded()
        }
        pendingFocus = .card(id)
        return [.load(boardQuery)]
    }
}

import Foundation
import PipeboardCore

/// n, t and x on the board: a note, a task, the next step done. Each goes through the service and its outbox like
/// any change; a provider without notes or tasks is refused with its reason.
func performActivity(_ action: Action, state: inout AppState) -> [Effect] {
    guard let snapshot = state.snapshot, let card = state.focusedCard else { return [] }
    switch action {
    case .addNote:
        guard allowed(.addNote, in: snapshot, state: &state) else { return [] }
        state.mode = .form(FormBuilder.note(on: card))
        return []
    case .addTask:
        guard allowed(.addTask, in: snapshot, state: &state) else { return [] }
        state.mode = .form(FormBuilder.task(on: card))
        return []
    case .markStepDone:
        guard allowed(.updateTask, in: snapshot, state: &state) else { return [] }
        guard let step = state.columns.lazy.compactMap({ $0.nextSteps[card.id] }).first else {
            let add = state.keyMaps.board.phrase(.addTask, "adds one").map { ": \($0)" } ?? ""
            state.status = .info("\(card.name) has no next step\(add)")
            return []
        }
        state.pendingCardIDs.insert(card.id)
        return [.setTaskDone(taskID: step.taskID, done: true)]
    default:
        return []
    }
}

extension AppState {
    /// Opens a card's details, reading its notes and tasks where the provider keeps them; no task is chosen yet.
    mutating func openDetail(_ card: Opportunity) -> [Effect] {
        mode = .detail(card.id)
        chosenTask = nil
        if activity?.id != card.id { activity = nil }
        guard let snapshot, !snapshot.capabilities.isDisjoint(with: [.notes, .tasks]) else { return [] }
        return [.loadActivity(id: card.id)]
    }

    /// The deal's notes and tasks have been read: shown if its details are still open. A chosen task that is gone
    /// is no longer chosen.
    mutating func receiveActivity(_ loaded: LoadedActivity) {
        guard case .detail(let id) = mode, id == loaded.id else { return }
        activity = loaded
        if let chosen = chosenTask, loaded.task(id: chosen) == nil { chosenTask = nil }
    }

    /// Moves the details' cursor to the next (+1) or previous (-1) task; above the first, none is chosen.
    mutating func moveTaskCursor(by offset: Int) {
        let order = activity?.taskOrder ?? []
        guard !order.isEmpty else { return }
        guard let chosen = chosenTask, let index = order.firstIndex(of: chosen) else {
            chosenTask = offset > 0 ? order.first : nil
            return
        }
        let next = index + offset
        chosenTask = next < 0 ? nil : order[min(next, order.count - 1)]
    }
}

/// Keys in a card's details: ↑ ↓ choose a task, Enter marks it done or open (and closes when none is chosen), n and
/// t add a note or a task, h opens the history.
func handleDetailKey(_ key: Key, id: UUID, state: inout AppState) -> [Effect] {
    guard let action = state.keyMaps.detail.action(for: key) else { return [] }
    switch action {
    case .close:
        state.mode = .board
    case .openTimeline:
        state.mode = .timeline(id)
        if state.timeline?.id != id { state.timeline = nil }
        return [.loadTimeline(id: id)]
    case .choosePrevious, .chooseNext:
        state.moveTaskCursor(by: action == .chooseNext ? 1 : -1)
    case .toggleTask:
        guard let chosen = state.chosenTask, let task = state.activity?.task(id: chosen) else {
            state.mode = .board
            return []
        }
        guard let snapshot = state.snapshot, allowed(.updateTask, in: snapshot, state: &state) else { return [] }
        // Shown at once; the service's answer and the reload follow.
        if let index = state.activity?.tasks.firstIndex(where: { $0.id == chosen }) {
            state.activity?.tasks[index].isDone.toggle()
        }
        state.pendingCardIDs.insert(id)
        return [.setTaskDone(taskID: task.id, done: !task.isDone)]
    case .addNote, .addTask:
        guard let snapshot = state.snapshot, let card = state.card(id: id) else { return [] }
        if let day = state.pastDay {
            state.status = .error(pastRefusal(action, day: day))
            return []
        }
        let note = action == .addNote
        guard allowed(note ? .addNote : .addTask, in: snapshot, state: &state) else { return [] }
        state.mode = .form(
            note ? FormBuilder.note(on: card, fromDetail: true) : FormBuilder.task(on: card, fromDetail: true))
    default:
        break
    }
    return []
}

/// The status bar's words for a task just added: "Added “Call Ana” to Acme, due Dec 5 (u to undo)".
func taskAddedSentence(title: String, deal: String, due: DueDate?, state: AppState) -> String {
    let when = due.map { ", due " + NextStepMark.shortDay($0, today: ISODay.string(from: state.now)) } ?? ""
    return "Added “\(title)” to \(deal)\(when)" + undoHint(state.keyMaps)
}

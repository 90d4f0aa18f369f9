import Foundation
import PipeboardCore

/// Work `update` asks the runtime to do. Input dictionaries are keyed by FieldSpec id and hold what the user typed.
public enum Effect: Hashable, Sendable {
    case load(BoardQuery)
    case move(id: UUID, toStageID: String)
    /// -1 moves the card up, +1 down.
    /// The neighbour is taken among the cards shown: the same statuses and filter as the board.
    case reorder(id: UUID, offset: Int, statuses: Set<OpportunityStatus> = [], filter: BoardFilter = .none)
    case create(pipelineID: String, input: [String: String])
    case edit(id: UUID, input: [String: String])
    case delete(id: UUID)
    case setStatus(id: UUID, status: OpportunityStatus, lostReason: String?)
    /// One change over the selected cards, after its preview was confirmed.
    case bulk(BulkOperation, ids: [UUID])
    case undo
    case redo
    /// Send waiting changes and pull the provider's, then load again.
    case refresh
    /// Show the board in this theme from now on, and remember it.
    case setTheme(String)
    case quit
    /// The search prompt opened on this board: let the store ready what a search reads, before the first letter.
    case prepareSearch(account: String, pipelineID: String)
    /// Ask the provider for values of a `.lookup` field matching `text`; answered with `.lookedUp`.
    case lookUp(field: String, text: String)
    /// Read the outbox list; answered by `outboxLoaded`.
    case loadOutbox
    /// Read the account's lost reasons from its provider; answered by `lostReasonsLoaded`.
    case loadLostReasons(account: String)
    case retryOutbox(id: Int64)
    case discardOutbox(id: Int64)
    case resolveConflict(id: Int64, choice: ConflictChoice)
    /// Read a deal's history; answered by `timelineLoaded`.
    case loadTimeline(id: UUID)
    /// Velocity and the funnel from transitions of a pipeline in a period; answered by `velocityLoaded`.
    case loadVelocity(account: String, pipelineID: String, period: Period)
    /// Open a web page in the user's browser without waiting for it; answered with a notice.
    case openURL(String)
    /// A note on a deal; answered by `noteAdded`.
    case addNote(id: UUID, text: String)
    /// A task on a deal, due as the form read it; answered by `taskAdded`.
    case addTask(id: UUID, title: String, due: DueDate?)
    /// A task marked done, or open again; answered by `taskDone`.
    case setTaskDone(taskID: UUID, done: Bool)
    /// Read a deal's notes and tasks for its details; answered by `activityLoaded`.
    case loadActivity(id: UUID)
    /// Read an account's agenda; answered by `agendaLoaded`.
    case loadAgenda(account: String)
    /// Find where a card stands on its board under these statuses, filter and its column's sort; answered by
    /// `cardLocated`.
    case locateCard(id: UUID, statuses: Set<OpportunityStatus>, filter: BoardFilter, sort: ColumnSort)
    /// Run a custom command's shell lines; answered with `commandFinished`.
    case runCommand(CommandRun)
}

extension Effect {
    /// True for work that changes cards (and reloads the board once saved). A board read before such a change
    /// was saved shows the card where it was, so it must not replace the optimistic state that shows the change.
    package var changesCards: Bool {
        switch self {
        case .load, .lookUp, .loadOutbox, .loadLostReasons, .refresh, .setTheme, .quit, .loadTimeline, .loadVelocity,
            .openURL, .loadActivity, .loadAgenda, .locateCard, .runCommand, .prepareSearch:
            false
        default: true
        }
    }
}

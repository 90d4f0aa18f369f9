import Foundation
import PipeboardCore

/// Messages into `update`: input from the terminal and answers from the runtime.
public enum AppEvent: Hashable, Sendable {
    case terminal(TerminalEvent)
    /// The board after a load or after any change, as the service sees it: replaces optimistic state.
    case boardLoaded(BoardSnapshot)
    /// An effect failed; the message is shown as an error and the board is reloaded.
    case operationFailed(String)
    case notice(String)
    /// A change was saved; `update` words the notice, naming the undo key as the active key map binds it.
    case deleted(name: String)
    case statusSet(name: String, status: OpportunityStatus)
    case bulkApplied(BulkOutcome)
    case tick(Date)
    /// A pull's progress; nil when it has ended.
    case pullProgress(PullProgress?)
    /// The provider's suggestions for a form field, for the text they were asked for.
    case lookedUp(field: String, text: String, values: [String])
    /// The outbox list, for the overlay on `o`.
    case outboxLoaded([OutboxItem])
    /// The provider's lost reasons, for the lost-reason prompt.
    case lostReasonsLoaded([LostReason])
    /// They could not be read: the prompt closes with the reason, nothing is marked.
    case lostReasonsFailed(String)
}

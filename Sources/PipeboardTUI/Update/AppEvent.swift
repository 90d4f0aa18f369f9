import Foundation
import PipeboardCore

/// Messages into `update`: input from the terminal and answers from the runtime.
public enum AppEvent: Hashable, Sendable {
    case terminal(TerminalEvent)
    /// The board after a load or after any change, as the service sees it: replaces optimistic state.
    case boardLoaded(BoardSnapshot)
    /// The service refused an effect: `update` words why (naming keys as bound) and the board is reloaded.
    case refused(ServiceError)
    /// An effect failed for another reason (the provider, the disk): the message is shown, the board reloaded.
    case operationFailed(String)
    /// A sentence the service wrote for the command line and the board alike (an outbox entry settled).
    case notice(String)
    /// The theme chosen with the theme key could not be loaded; the current one stays on.
    case themeFailed(name: String, reason: String)
    /// The theme is on, but the choice could not be saved for the next start.
    case themeNotRemembered(reason: String)
    /// What the runtime did, reported as facts; `update` words what the status bar says (naming keys as the active
    /// key map binds them).
    case deleted(name: String)
    case statusSet(name: String, status: OpportunityStatus)
    case bulkApplied(BulkOutcome)
    /// A card was added; the board focuses it once a load shows it.
    case created(name: String, id: UUID? = nil)
    case saved(name: String)
    /// `label` as the undo history words the step: "move Acme".
    /// `broughtBack`: cards the step put back on the board (a delete undone, an add redone), focused when shown.
    case undone(label: String, broughtBack: [UUID] = [])
    case redone(label: String, broughtBack: [UUID] = [])
    /// A sync asked for ended with nothing wrong; `budget` is a provider's note on its daily allowance.
    case upToDate(budget: String?)
    /// A sync asked for found trouble (the first account's that had some); the board is reloaded.
    case syncFailed(SyncProblem)
    /// The provider's suggestions for a form field could not be read.
    case lookUpFailed(reason: String)
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
    case lostReasonsFailed(reason: String)
    /// A deal's history, for its timeline.
    case timelineLoaded(id: UUID, changes: [DealChange])
    /// Velocity and the funnel from transitions, for the velocity view.
    case velocityLoaded(Velocity)
    /// A note was saved on the deal named `deal`.
    case noteAdded(deal: String)
    /// A task was saved on the deal named `deal`.
    case taskAdded(title: String, deal: String, due: DueDate?)
    /// A task was marked done (or open again, `done` false).
    case taskDone(title: String, done: Bool)
    /// A deal's notes (newest first) and tasks, for its details.
    case activityLoaded(id: UUID, notes: [Note], tasks: [DealTask])
    /// An account's agenda, for the view on `N`.
    case agendaLoaded(Agenda)
    /// Where a card asked for by the agenda stands, so the board can show and focus it.
    case cardLocated(id: UUID, place: CardPlace)
    /// A custom command ended (on every card it ran on).
    case commandFinished(CommandResult)
}

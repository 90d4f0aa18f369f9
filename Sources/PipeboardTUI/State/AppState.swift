import Foundation
import PipeboardCore

/// Which card has the keyboard: a column (stage) index and a card index within the whole column, not the window.
public struct Focus: Hashable, Sendable {
    public var column: Int
    public var card: Int

    package init(column: Int = 0, card: Int = 0) {
        self.column = column
        self.card = card
    }
}

/// What the keyboard is talking to.
package enum Mode: Hashable, Sendable {
    case board
    case detail(UUID)
    case form(FormState)
    case stagePicker(PickerState)
    case confirmDelete(UUID)
    case help
    /// Typing a search in the status bar; the board filters as each key arrives.
    case search(TextField)
    /// What a change to the selected cards would do, before anything is sent.
    case bulkPreview(BulkPlan)
    /// Why the deal (or the selected deals) was lost.
    case lostReason(LostReasonPrompt)
    /// The undelivered changes (`o`).
    case outbox(OutboxListState)
    /// One conflict, mine and theirs side by side.
    case conflict(OutboxItem)
    /// The funnel of the pipeline, by deal count or by value in one currency.
    case funnel(ChartMeasure)
    /// Weighted value by expected close month, in one currency at a time (nil: the largest).
    case forecast(currency: String?)
    /// One deal's history, from its details.
    case timeline(UUID)
    /// Days in each stage, the funnel from transitions and the win rate, over a period.
    case velocity(VelocitySpan)
    /// Every open deal's next step, overdue first (`N`).
    case agenda(AgendaListState)
    /// What a custom command printed, scrolled.
    case commandOutput(CommandOutputState)
}

/// A deal's history as read for its timeline.
package struct LoadedTimeline: Hashable, Sendable {
    package var id: UUID
    package var changes: [DealChange]
    package init(id: UUID, changes: [DealChange]) {
        self.id = id
        self.changes = changes
    }
}

/// The periods the velocity view cycles through, ending now (or at the day of the board as it was).
package enum VelocitySpan: Int, CaseIterable, Hashable, Sendable {
    case allTime, days30, days90, days365

    package var label: String {
        switch self {
        case .allTime: "all time"
        case .days30: "last 30 days"
        case .days90: "last 90 days"
        case .days365: "last 365 days"
        }
    }

    /// The period ending now, or at the end of the day of the board as it was (`asOf`).
    package func period(now: Date, asOf: Date?) -> Period {
        let days: Double? =
            switch self {
            case .allTime: nil
            case .days30: 30
            case .days90: 90
            case .days365: 365
            }
        return Period(since: days.map { (asOf ?? now).addingTimeInterval(-$0 * 86_400) }, until: asOf)
    }

    var next: VelocitySpan { VelocitySpan(rawValue: (rawValue + 1) % VelocitySpan.allCases.count) ?? .allTime }
}

/// What a chart's bars measure: deals, or value in one currency (currencies are never added together).
package enum ChartMeasure: Hashable, Sendable {
    case count
    case value(String)
}

/// A pull from the provider while it runs, for the status bar.
public struct PullProgress: Hashable, Sendable {
    package var received: Int
    /// 0...1 where the provider announced its totals; nil otherwise.
    package var fraction: Double?

    package init(received: Int, fraction: Double?) {
        self.received = received
        self.fraction = fraction
    }
}

/// A focus asked for before the board that shows it has loaded.
package enum PendingFocus: Hashable, Sendable {
    case card(UUID)
    case firstMatch
}

/// A one-line message in the status bar; it clears on the next key.
package struct StatusMessage: Hashable, Sendable {
    package enum Kind: Hashable, Sendable { case info, error }
    package var kind: Kind
    package var text: String

    package static func info(_ text: String) -> StatusMessage { StatusMessage(kind: .info, text: text) }
    package static func error(_ text: String) -> StatusMessage { StatusMessage(kind: .error, text: text) }
}

/// The whole app as a value: `update` changes it, `view` draws it.
/// An account and pipeline to show; nil fields mean "the service's choice" (the one used last, else the first).
package struct BoardTarget: Hashable, Sendable {
    package var account: String?
    package var pipelineID: String?
    package init(account: String?, pipelineID: String?) {
        self.account = account
        self.pipelineID = pipelineID
    }

    func isShown(by snapshot: BoardSnapshot) -> Bool {
        (account ?? snapshot.account) == snapshot.account
            && (pipelineID ?? snapshot.pipeline.id) == snapshot.pipeline.id
    }
}

public struct AppState: Hashable, Sendable {
    /// The board as last loaded (with optimistic changes applied); nil until the first load.
    public var snapshot: BoardSnapshot?
    public var focus = Focus()
    /// Per stage id: the index of the first card drawn.
    package var scroll: [String: Int] = [:]
    /// Per stage id: the window of cards asked of the service; stages not named use the default window.
    package var windows: [String: CardWindow] = [:]
    /// Index of the leftmost stage drawn when not every stage fits.
    package var firstVisibleColumn = 0
    package var mode: Mode = .board
    package var status: StatusMessage?
    package var width: Int
    package var height: Int
    /// The clock for "days in stage", advanced by `.tick`.
    package var now: Date
    /// Cards changed optimistically and not yet confirmed by a snapshot.
    package var pendingCardIDs: Set<UUID> = []
    /// A change was asked for after the board shown was loaded (the runtime passes on no board older than the
    /// newest change), so its `canUndo` / `canRedo` may be out of date: u right after a change must undo it.
    package var changedSinceLoad = false
    package var keyMaps: KeyMaps = .standard
    /// The account and pipeline asked for with A / p, until a snapshot of them arrives.
    package var target: BoardTarget?
    /// The search (`/`) and filters (`f`): the store answers with matching cards only.
    package var filter: BoardFilter = .none
    /// Closed (won, lost, abandoned) deals are hidden unless toggled with C or asked for by a status filter.
    package var showClosed = false
    /// Named filters from the config, on keys 1-9; `activeView` is the index of the one shown.
    package var views: [SavedView] = []
    package var activeView: Int?
    /// Per stage id, the order chosen with `s`; manual where not set.
    package var sorts: [String: ColumnSort] = [:]
    /// Selected cards as they were when selected (they may scroll out of the loaded window), by id.
    package var selection: [UUID: Opportunity] = [:]
    /// Selection order, so a bulk move keeps it.
    package var selectionOrder: [UUID] = []
    /// The page of the help overlay shown, when its keys take more than one.
    package var helpPage = 0
    /// How the board looks, from the config: stale thresholds, card layouts, themes.
    package var display = BoardDisplay()
    /// A card being dragged with the mouse.
    package var drag: CardDrag?
    /// Block elements, or ASCII where the locale is not UTF-8.
    package var charset: Charset = .unicode
    /// The pull running in the background, if any.
    package var pull: PullProgress?
    /// Where the focus goes once a board shows it: a card just added or brought back by undo, or the first match of
    /// a search just kept. The next key drops it: the user has moved on.
    package var pendingFocus: PendingFocus?
    /// The board as it was just before this moment (`pipeboard --as-of DAY`): read only. Nil: the present.
    public var asOf: Date?
    /// The history of the deal whose timeline is open, once read.
    package var timeline: LoadedTimeline?
    /// The velocity view's figures, once read.
    package var velocity: Velocity?
    /// Per account: where its deals' pages are in the CRM's web app (`b`, `{{url}}`), or why there are none.
    package var dealPages: [String: DealPage] = [:]
    /// The notes and tasks of the deal whose details are open, once read.
    package var activity: LoadedActivity?
    /// The task chosen in the details (↑ ↓), which Enter marks done or open; nil: none, and Enter closes.
    package var chosenTask: UUID?

    public init(width: Int, height: Int, now: Date) {
        self.width = width
        self.height = height
        self.now = now
    }
}

extension AppState {
    var columns: [ColumnSnapshot] { snapshot?.columns ?? [] }

    /// The day of the board as it was ("2026-11-01"), nil on the present board.
    var pastDay: String? { asOf.map { ISODay.string(from: AsOf.lastMoment(before: $0)) } }

    var layout: BoardLayout {
        BoardLayout(width: width, height: height, stageCount: columns.count, cardLines: cardLayout.lines.count)
    }

    /// The card layout of the pipeline shown.
    var cardLayout: CardLayout { snapshot.map { display.cards.layout(for: $0.pipeline) } ?? display.cards.standard }

    var focusedColumn: ColumnSnapshot? {
        columns.indices.contains(focus.column) ? columns[focus.column] : nil
    }

    /// The focused card, if it is inside the loaded window.
    var focusedCard: Opportunity? {
        focusedColumn.flatMap { $0.card(at: focus.card) }
    }

    func card(id: UUID) -> Opportunity? {
        for column in columns { if let card = column.cards.first(where: { $0.id == id }) { return card } }
        return nil
    }
}

extension ColumnSnapshot {
    /// The card at an index of the whole column, if it is in the loaded window.
    func card(at index: Int) -> Opportunity? {
        let local = index - offset
        return cards.indices.contains(local) ? cards[local] : nil
    }
}

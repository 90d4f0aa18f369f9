import Foundation
import PipeboardCore

/// Which card has the keyboard: a column (stage) index and a card index within the whole column, not the window.
public struct Focus: Hashable, Sendable {
    public var column: Int
    public var card: Int

    public init(column: Int = 0, card: Int = 0) {
        self.column = column
        self.card = card
    }
}

/// What the keyboard is talking to.
public enum Mode: Hashable, Sendable {
    case board
    case detail(UUID)
    case form(FormState)
    case stagePicker(PickerState)
    case confirmDelete(UUID)
    case help
    /// The undelivered changes (`o`).
    case outbox(OutboxListState)
    /// One conflict, mine and theirs side by side.
    case conflict(OutboxItem)
}

/// A one-line message in the status bar; it clears on the next key.
public struct StatusMessage: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case info, error }
    public var kind: Kind
    public var text: String

    public static func info(_ text: String) -> StatusMessage { StatusMessage(kind: .info, text: text) }
    public static func error(_ text: String) -> StatusMessage { StatusMessage(kind: .error, text: text) }
}

/// The whole app as a value: `update` changes it, `view` draws it.
/// An account and pipeline to show; nil fields mean "the service's choice" (the one used last, else the first).
public struct BoardTarget: Hashable, Sendable {
    public var account: String?
    public var pipelineID: String?
    public init(account: String?, pipelineID: String?) {
        self.account = account
        self.pipelineID = pipelineID
    }

    func isShown(by snapshot: BoardSnapshot) -> Bool {
        (account ?? snapshot.account) == snapshot.account && (pipelineID ?? snapshot.pipeline.id) == snapshot.pipeline.id
    }
}

public struct AppState: Hashable, Sendable {
    /// The board as last loaded (with optimistic changes applied); nil until the first load.
    public var snapshot: BoardSnapshot?
    public var focus = Focus()
    /// Per stage id: the index of the first card drawn.
    public var scroll: [String: Int] = [:]
    /// Per stage id: the window of cards asked of the service; stages not named use the default window.
    public var windows: [String: CardWindow] = [:]
    /// Index of the leftmost stage drawn when not every stage fits.
    public var firstVisibleColumn = 0
    public var mode: Mode = .board
    public var status: StatusMessage?
    public var width: Int
    public var height: Int
    /// The clock for "days in stage", advanced by `.tick`.
    public var now: Date
    /// Cards changed optimistically and not yet confirmed by a snapshot.
    public var pendingCardIDs: Set<UUID> = []
    public var keyMaps: KeyMaps = .standard
    /// The account and pipeline asked for with A / p, until a snapshot of them arrives.
    public var target: BoardTarget?

    public init(width: Int, height: Int, now: Date) {
        self.width = width
        self.height = height
        self.now = now
    }
}

extension AppState {
    var columns: [ColumnSnapshot] { snapshot?.columns ?? [] }

    var layout: BoardLayout { BoardLayout(width: width, height: height, stageCount: columns.count) }

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

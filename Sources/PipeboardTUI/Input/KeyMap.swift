/// Everything a key can ask the app to do. Which keys do what is data (`KeyMap`), not code.
package enum Action: String, CaseIterable, Hashable, Sendable {
    // The board.
    case focusLeft, focusRight, focusUp, focusDown
    case firstCard, lastCard, pageUp, pageDown
    case openDetail, quickAdd, edit, pickStage
    case moveCardLeft, moveCardRight, reorderUp, reorderDown
    case delete, undo, redo, refresh, nextPipeline, nextAccount, help, quit
    // Status, search, filters, views, sorting and selection.
    case markWon, markLost, markAbandoned, reopen, toggleClosed, search, filter, showView, clearView, cycleSort
    case toggleSelect, clearSelection
    case nextTheme
    case showFunnel, showForecast, showVelocity, showAgenda
    /// The focused card's page in its CRM's web app.
    case openInCrm
    // Notes and next steps (the board and the details view).
    case addNote, addTask, markStepDone
    // The details view.
    case openTimeline, toggleTask
    // The agenda.
    case goToCard
    // The funnel and forecast views.
    case nextMeasure
    // Sync: the outbox list and conflicts.
    case openOutbox, retryChange, discardChange, openConflict, keepMine, takeTheirs
    // Dialogs and overlays.
    case close, confirm, cancel
    // Forms and the stage picker.
    case nextField, previousField, save, choosePrevious, chooseNext
    case cursorLeft, cursorRight, cursorHome, cursorEnd, deleteBackward, deleteForward
}

/// Keys bound to one action, what the help overlay says about it, and its status-bar hint if it has one.
package struct KeyBinding: Hashable, Sendable {
    package var keys: [Key]
    package var action: Action
    package var summary: String
    package var hint: String?

    package init(_ keys: [Key], _ action: Action, _ summary: String, hint: String? = nil) {
        self.keys = keys
        self.action = action
        self.summary = summary
        self.hint = hint
    }

    /// The keys as the help overlay shows them: "←/h".
    package var keyLabel: String {
        // A run of number keys reads as "1-9".
        let digits = keys.compactMap { key -> Int? in
            if case .character(let c) = key { return c.wholeNumberValue } else { return nil }
        }
        if keys.count >= 3, digits.count == keys.count, digits == Array(digits[0]...(digits[0] + digits.count - 1)) {
            return "\(digits[0])-\(digits[digits.count - 1])"
        }
        return keys.map(\.label).joined(separator: "/")
    }
}

/// The bindings of one mode. The same table drives dispatch, the status-bar hints and the help overlay.
package struct KeyMap: Hashable, Sendable {
    package var title: String
    package var bindings: [KeyBinding]

    package init(title: String, bindings: [KeyBinding]) {
        self.title = title
        self.bindings = bindings
    }

    package func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// The first key bound to `action`, as hints write it ("W"); nil when the config unbound it.
    package func keyLabel(for action: Action) -> String? {
        bindings.first { $0.action == action }?.keys.first?.label
    }

    /// "u to undo": the first key bound to `action` and what it does, for a sentence; nil when the config unbound it.
    package func phrase(_ action: Action, _ doing: String) -> String? {
        keyLabel(for: action).map { "\($0) \(doing)" }
    }

    /// Status-bar hints in table order: "a add".
    package var hints: [String] { hints { _ in true } }

    /// The hints of the actions `offered` keeps.
    package func hints(where offered: (Action) -> Bool) -> [String] { hinted(where: offered).map(\.hint) }

    /// The same with the action of each.
    package func hinted(where offered: (Action) -> Bool) -> [(action: Action, hint: String)] {
        bindings.compactMap { binding in
            guard let key = binding.keys.first, offered(binding.action) else { return nil } // unbound in the config
            return binding.hint.map { (binding.action, "\(key.label) \($0)") }
        }
    }
}

/// The key maps of every mode; `standard` is the default set (a config may one day rebind them).
package struct KeyMaps: Hashable, Sendable {
    package var board: KeyMap
    package var detail: KeyMap
    package var help: KeyMap
    package var confirmDelete: KeyMap
    package var form: KeyMap
    package var search: KeyMap
    package var bulk: KeyMap
    package var lostReason: KeyMap
    package var picker: KeyMap
    package var chart: KeyMap

    package var outbox: KeyMap = KeyMaps.outboxMap
    package var conflict: KeyMap = KeyMaps.conflictMap
    package var agenda: KeyMap = KeyMaps.agendaMap
    package var commandOutput: KeyMap = KeyMaps.commandOutputMap
    /// The config's own commands, on board keys no action uses.
    package var commands: [CustomCommand] = []

    /// The maps the help overlay lists, in order.
    package var all: [KeyMap] {
        [
            board, form, picker, search, bulk, lostReason, chart, detail, confirmDelete, outbox, conflict, agenda,
            commandOutput, help,
        ]
    }

    /// The custom command on `key`, if any.
    package func command(for key: Key) -> CustomCommand? {
        commands.first { $0.key == key }
    }

    static let commandOutputMap = KeyMap(
        title: "Command output",
        bindings: [
            KeyBinding([.up, .character("k")], .choosePrevious, "Scroll up", hint: "scroll"),
            KeyBinding([.down, .character("j")], .chooseNext, "Scroll down"),
            KeyBinding([.pageUp], .pageUp, "A page up"),
            KeyBinding([.pageDown, .character(" ")], .pageDown, "A page down"),
            KeyBinding([.character("g")], .firstCard, "Top"),
            KeyBinding([.character("G")], .lastCard, "End"),
            KeyBinding([.escape, .character("q"), .enter], .close, "Close", hint: "close"),
        ])

    static let outboxMap = KeyMap(
        title: "Outbox",
        bindings: [
            KeyBinding([.up, .character("k")], .choosePrevious, "Previous change", hint: "choose"),
            KeyBinding([.down, .character("j")], .chooseNext, "Next change"),
            KeyBinding([.character("r")], .retryChange, "Retry now", hint: "retry"),
            KeyBinding([.character("d")], .discardChange, "Discard the change", hint: "discard"),
            KeyBinding([.enter], .openConflict, "Open the conflict", hint: "conflict"),
            KeyBinding([.escape, .character("o"), .character("q")], .close, "Close", hint: "close"),
        ])

    static let conflictMap = KeyMap(
        title: "Conflict",
        bindings: [
            KeyBinding([.character("m")], .keepMine, "Keep mine", hint: "keep mine"),
            KeyBinding([.character("t")], .takeTheirs, "Take theirs", hint: "take theirs"),
            KeyBinding([.escape, .character("q")], .close, "Back", hint: "back"),
        ])

    static let agendaMap = KeyMap(
        title: "Agenda",
        bindings: [
            KeyBinding([.up, .character("k")], .choosePrevious, "Previous next step", hint: "choose"),
            KeyBinding([.down, .character("j")], .chooseNext, "Next one"),
            KeyBinding([.pageUp], .pageUp, "Page up"),
            KeyBinding([.pageDown], .pageDown, "Page down"),
            KeyBinding([.enter], .goToCard, "Go to the deal's card on the board", hint: "go to card"),
            KeyBinding([.escape, .character("q")], .close, "Close", hint: "close"),
        ])

    package static let standard = KeyMaps(
        board: KeyMap(
            title: "Board",
            bindings: [
                KeyBinding([.left, .character("h")], .focusLeft, "Previous stage"),
                KeyBinding([.right, .character("l")], .focusRight, "Next stage"),
                KeyBinding([.up, .character("k")], .focusUp, "Card above"),
                KeyBinding([.down, .character("j")], .focusDown, "Card below"),
                KeyBinding([.character("g")], .firstCard, "First card in the stage"),
                KeyBinding([.character("G")], .lastCard, "Last card in the stage"),
                KeyBinding([.pageUp], .pageUp, "Page up"),
                KeyBinding([.pageDown], .pageDown, "Page down"),
                KeyBinding([.enter], .openDetail, "Details: every field, notes and tasks"),
                KeyBinding([.character("N")], .showAgenda, "Agenda: every next step, overdue first", hint: "agenda"),
                KeyBinding([.character("a")], .quickAdd, "Add an opportunity to this stage", hint: "add"),
                KeyBinding([.character("e")], .edit, "Edit the card", hint: "edit"),
                KeyBinding([.character("m")], .pickStage, "Move the card to a stage…", hint: "move"),
                KeyBinding([.character("n")], .addNote, "Add a note to the card", hint: "note"),
                KeyBinding([.character("t")], .addTask, "Add a task (a next step) to the card", hint: "task"),
                KeyBinding([.character("x")], .markStepDone, "Mark the card's next step done", hint: "done"),
                KeyBinding([.character("H"), .shiftLeft], .moveCardLeft, "Move the card to the previous stage"),
                KeyBinding([.character("L"), .shiftRight], .moveCardRight, "Move the card to the next stage"),
                KeyBinding([.character("K"), .shiftUp], .reorderUp, "Move the card up in its stage"),
                KeyBinding([.character("J"), .shiftDown], .reorderDown, "Move the card down in its stage"),
                KeyBinding([.character("d")], .delete, "Delete the card (or the selected cards)"),
                KeyBinding([.character("W")], .markWon, "Mark won"),
                KeyBinding([.character("X")], .markLost, "Mark lost (asks why, where kept)"),
                KeyBinding([.character("Z")], .markAbandoned, "Mark abandoned"),
                KeyBinding([.character("O")], .reopen, "Reopen"),
                KeyBinding([.character("C")], .toggleClosed, "Show / hide closed deals"),
                KeyBinding([.character("/")], .search, "Search name, contact and company", hint: "search"),
                KeyBinding(
                    [.character("f")], .filter, "Filter: owner, status, value, age, source, tag, next step",
                    hint: "filter"),
                KeyBinding(
                    (1...9).map { .character(Character(String($0))) }, .showView, "Show a saved view from the config"),
                KeyBinding([.character("0")], .clearView, "No view: clear search and filters"),
                KeyBinding([.character("s")], .cycleSort, "Sort the stage: value, age, close, name, next step"),
                KeyBinding([.character("v"), .character(" ")], .toggleSelect, "Select / unselect the card"),
                KeyBinding([.escape], .clearSelection, "Clear the selection, else the search"),
                KeyBinding([.character("u")], .undo, "Undo"),
                KeyBinding([.control("r")], .redo, "Redo"),
                KeyBinding([.character("r")], .refresh, "Send changes, fetch the provider's"),
                KeyBinding([.character("o")], .openOutbox, "Outbox: changes not yet sent"),
                KeyBinding([.character("b")], .openInCrm, "Open the card's page in its CRM"),
                KeyBinding([.character("p")], .nextPipeline, "Show the next pipeline"),
                KeyBinding([.character("A")], .nextAccount, "Show the next account"),
                KeyBinding([.character("T")], .nextTheme, "Switch to the next theme"),
                KeyBinding([.character("F")], .showFunnel, "Funnel: deals per stage and conversion"),
                KeyBinding([.character("$")], .showForecast, "Forecast: weighted value by close month"),
                KeyBinding([.character("V")], .showVelocity, "Velocity: days in stage, real funnel"),
                KeyBinding([.character("?")], .help, "Show this help", hint: "help"),
                KeyBinding([.character("q")], .quit, "Quit", hint: "quit"),
            ]),
        detail: KeyMap(
            title: "Card details",
            bindings: [
                KeyBinding([.up, .character("k")], .choosePrevious, "Choose the task above", hint: "choose"),
                KeyBinding([.down, .character("j")], .chooseNext, "Choose the task below"),
                KeyBinding(
                    [.enter], .toggleTask, "Mark the chosen task done / open (closes when none is chosen)",
                    hint: "done"),
                KeyBinding([.character("n")], .addNote, "Add a note", hint: "note"),
                KeyBinding([.character("t")], .addTask, "Add a task"),
                KeyBinding([.character("h")], .openTimeline, "Timeline: the deal's history", hint: "timeline"),
                KeyBinding([.escape, .character("q")], .close, "Close", hint: "close"),
            ]),
        help: KeyMap(
            title: "Help",
            bindings: [
                KeyBinding([.escape, .character("?"), .character("q")], .close, "Close", hint: "close"),
                KeyBinding([.pageDown, .right], .pageDown, "Next page of keys", hint: "more"),
                KeyBinding([.pageUp, .left], .pageUp, "Previous page of keys"),
            ]),
        confirmDelete: KeyMap(
            title: "Delete",
            bindings: [
                KeyBinding([.character("y")], .confirm, "Delete it", hint: "delete"),
                KeyBinding([.character("n"), .escape], .cancel, "Keep it", hint: "keep"),
            ]),
        form: KeyMap(
            title: "Forms",
            bindings: [
                KeyBinding([.tab, .down], .nextField, "Next field", hint: "next"),
                KeyBinding([.backTab, .up], .previousField, "Previous field"),
                KeyBinding([.enter], .save, "Save", hint: "save"),
                KeyBinding([.escape], .cancel, "Cancel, change nothing", hint: "cancel"),
                KeyBinding([.left], .cursorLeft, "Cursor left"),
                KeyBinding([.right], .cursorRight, "Cursor right"),
                KeyBinding([.home], .cursorHome, "Start of the field"),
                KeyBinding([.end], .cursorEnd, "End of the field"),
                KeyBinding([.backspace], .deleteBackward, "Delete before the cursor"),
                KeyBinding([.delete], .deleteForward, "Delete at the cursor"),
            ]),
        search: KeyMap(
            title: "Search",
            bindings: [
                KeyBinding([.enter], .save, "Keep the search", hint: "keep"),
                KeyBinding([.escape], .cancel, "Clear the search", hint: "clear"),
                KeyBinding([.left], .cursorLeft, "Cursor left"),
                KeyBinding([.right], .cursorRight, "Cursor right"),
                KeyBinding([.backspace], .deleteBackward, "Delete before the cursor"),
            ]),
        bulk: KeyMap(
            title: "Bulk change",
            bindings: [
                KeyBinding([.character("y"), .enter], .confirm, "Send it", hint: "send"),
                KeyBinding([.character("n"), .escape], .cancel, "Change nothing", hint: "cancel"),
            ]),
        lostReason: KeyMap(
            title: "Lost reason",
            bindings: [
                KeyBinding([.enter], .save, "Mark lost with this reason", hint: "mark lost"),
                KeyBinding([.escape], .cancel, "Cancel, change nothing", hint: "cancel"),
                KeyBinding([.up], .choosePrevious, "Previous listed reason"),
                KeyBinding([.down], .chooseNext, "Next listed reason"),
                KeyBinding([.left], .cursorLeft, "Cursor left"),
                KeyBinding([.right], .cursorRight, "Cursor right"),
                KeyBinding([.backspace], .deleteBackward, "Delete before the cursor"),
            ]),
        picker: KeyMap(
            title: "Stage picker",
            bindings: [
                KeyBinding([.up], .choosePrevious, "Previous stage", hint: "choose"),
                KeyBinding([.down], .chooseNext, "Next stage"),
                KeyBinding([.enter], .confirm, "Move the card there", hint: "move"),
                KeyBinding([.escape], .cancel, "Cancel", hint: "cancel"),
                KeyBinding([.backspace], .deleteBackward, "Delete a filter character"),
            ]),
        chart: KeyMap(
            title: "Funnel, forecast and velocity",
            bindings: [
                KeyBinding(
                    [.tab, .character("t")], .nextMeasure, "Deals / value, currency, or period",
                    hint: "measure"),
                KeyBinding([.escape, .character("q")], .close, "Back to the board", hint: "close"),
            ])
    )
}

extension Key {
    /// How the key is written in hints and help: "←", "Shift-→", "Ctrl-R", "PgDn".
    package var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-" + String(c).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .shiftUp: return "Shift-↑"
        case .shiftDown: return "Shift-↓"
        case .shiftLeft: return "Shift-←"
        case .shiftRight: return "Shift-→"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        }
    }
}

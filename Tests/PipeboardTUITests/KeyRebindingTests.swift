import PipeboardCore
import Testing
@testable import PipeboardTUI

@Suite struct KeyRebindingTests {
    @Test(arguments: [
        ("q", Key.character("q")), ("Q", .character("Q")), ("?", .character("?")), ("space", .character(" ")),
        ("Enter", .enter), ("esc", .escape), ("shift-tab", .backTab), ("pgdn", .pageDown), ("PageUp", .pageUp),
        ("shift-left", .shiftLeft), ("ctrl-r", .control("r")), ("C-x", .control("x")), ("^e", .control("e")),
        ("f5", .function(5)), ("←", .left), ("Shift-→", .shiftRight), ("del", .delete), ("backspace", .backspace),
    ])
    func readsKeysAsTheConfigWritesThem(text: String, key: Key) {
        #expect(Key(configName: text) == key)
    }

    @Test(arguments: ["", "ctrl-", "ctrl-c", "ctrl-m", "ctrl-1", "f0", "f64", "hyper-x", "qq", "\u{7}"])
    func refusesWhatIsNoKey(text: String) {
        #expect(Key(configName: text) == nil)
    }

    @Test func everyStandardKeyReadsBackFromItsLabel() {
        for map in KeyMaps.standard.all {
            for binding in map.bindings {
                for key in binding.keys { #expect(Key(configName: key.label) == key, "\(key.label)") }
            }
        }
    }

    @Test func actionNamesAreSnakeCase() {
        #expect(Action.moveCardLeft.configName == "move_card_left")
        #expect(Action.quit.configName == "quit")
        #expect(Action.nextTheme.configName == "next_theme")
    }

    @Test func reboundKeysReplaceTheDefaultsAndDriveDispatch() throws {
        let maps = try KeyMaps.standard.rebinding([
            "board": ["quit": ["x", "ctrl-q"], "help": ["F1", "?"]], "form": ["save": ["ctrl-s"]],
        ])
        #expect(maps.board.action(for: .character("x")) == .quit)
        #expect(maps.board.action(for: .control("q")) == .quit)
        #expect(maps.board.action(for: .character("q")) == nil)
        #expect(maps.board.action(for: .function(1)) == .help)
        #expect(maps.form.action(for: .control("s")) == .save)
        #expect(maps.form.action(for: .enter) == nil)
        #expect(maps.board.hints.contains("x quit"))
        #expect(maps.board.hints.contains("F1 help"))

        var state = Fixture.state()
        state.keyMaps = maps
        #expect(press(&state, .character("q")).isEmpty)
        #expect(press(&state, .character("x")) == [.quit])
    }

    /// Messages that name a key name the one bound now: the defaults as before, a rebound key, or none.
    @Test func messagesNameTheKeysAsBound() throws {
        var state = Fixture.state()
        _ = update(&state, .deleted(name: "Acme"))
        #expect(state.status == .info("Deleted Acme (u to undo)"))
        _ = update(&state, .statusSet(name: "Acme", status: .won))
        #expect(state.status == .info("Marked Acme won (u to undo)"))
        #expect(refusedChangeHint(state.keyMaps) == "Edit the card (e) to resend, r to retry, d to discard")

        state.keyMaps = try KeyMaps.standard.rebinding([
            "board": [
                "undo": ["z"], "edit": ["E"], "cycle_sort": ["S"], "clear_selection": ["x"], "open_outbox": ["b"],
            ],
            "outbox": ["retry_change": ["R"], "discard_change": ["D"]],
        ])
        _ = update(&state, .deleted(name: "Acme"))
        #expect(state.status == .info("Deleted Acme (z to undo)"))
        _ = update(&state, .statusSet(name: "Acme", status: .open))
        #expect(state.status == .info("Reopened Acme (z to undo)"))
        _ = update(&state, .bulkApplied(BulkOutcome(changed: 2, unchanged: 1)))
        #expect(state.status == .info("Changed 2 deals (z to undo); 1 unchanged"))
        #expect(refusedChangeHint(state.keyMaps) == "Edit the card (E) to resend, R to retry, D to discard")
        press(&state, .character("v"))
        #expect(shownSummary(state) == "1 selected (x clears)")
        press(&state, .character("S"), .character("K"))
        #expect(
            state.status?.text.hasSuffix("; press S until manual to reorder") == true,
            "\(state.status?.text ?? "")")
        var paused = Fixture.snapshot()
        paused.attention = "account 'agency' needs attention"
        state.snapshot = paused
        #expect(view(state).plainText.contains("paused: check credentials (b)"))

        state.keyMaps = try KeyMaps.standard.rebinding(["board": ["undo": []]])
        _ = update(&state, .deleted(name: "Acme"))
        #expect(state.status == .info("Deleted Acme"))
    }

    @Test func anEmptyListUnbindsAndDropsTheHint() throws {
        let maps = try KeyMaps.standard.rebinding(["board": ["quick_add": []]])
        #expect(maps.board.action(for: .character("a")) == nil)
        #expect(!maps.board.hints.contains { $0.hasSuffix(" add") })
    }

    @Test(arguments: [
        (["boards": ["quit": ["q"]]], "keys.boards: unknown mode 'boards'; use one of [keys.board]"),
        (
            ["board": ["exit": ["q"]]],
            "keys.board.exit: unknown action 'exit' in board mode; its actions are focus_left"
        ),
        (["form": ["quit": ["q"]]], "keys.form.quit: unknown action 'quit' in form mode"),
        (["board": ["quit": ["hyper-q"]]], "keys.board.quit: cannot read the key 'hyper-q'; write one character"),
        (
            ["board": ["quit": ["d"]]],
            "keys.board: the key d is bound to both delete and quit; give one of them other keys in [keys.board]"
        ),
        (["picker": ["confirm": ["up"]]], "keys.picker: the key ↑ is bound to both choose_previous and confirm"),
    ])
    func aBadBindingSaysWhereAndWhatToDo(config: [String: [String: [String]]], expected: String) {
        do {
            _ = try KeyMaps.standard.rebinding(config)
            Issue.record("expected an error for \(config)")
        } catch {
            #expect(String(describing: error).hasPrefix(expected), "\(error)")
        }
    }
}

@Suite("Key rebinding: the defaults")
struct DefaultBindingsTests {
    /// Writing every default binding back into the config must pass the check that refuses a key on two actions.
    @Test func theDefaultMapPassesTheDuplicateCheck() throws {
        var config: [String: [String: [String]]] = [:]
        for mode in KeyMaps.modeNames {
            guard let map = KeyMaps.standard.map(named: mode) else { Issue.record("no map for \(mode)"); continue }
            for binding in map.bindings {
                config[mode, default: [:]][binding.action.configName] = binding.keys.map(\.label)
            }
        }
        let rebound = try KeyMaps.standard.rebinding(config)
        #expect(rebound == KeyMaps.standard)
    }
}

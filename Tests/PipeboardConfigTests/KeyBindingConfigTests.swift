import PipeboardCore
import PipeboardTUI
import Testing
@testable import PipeboardConfig

/// The config's key bindings read into key maps: key names, action names and the errors that say the fix.
@Suite struct KeyBindingConfigTests {
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
            "keys.board.quit: the key d is bound to both delete and quit; give one of them other keys in [keys.board]"
        ),
        (
            ["picker": ["confirm": ["up"]]],
            "keys.picker.confirm: the key ↑ is bound to both choose_previous and confirm"
        ),
        // The default's own binding is not where the clash comes from: the config's line is.
        (["board": ["undo": ["a"]]], "keys.board.undo: the key a is bound to both quick_add and undo"),
        (["board": ["help": ["y"], "quit": ["y"]]], "keys.board.quit: the key y is bound to both help and quit"),
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

@Suite("Key rebinding: where the config says it")
struct KeyBindingLineTests {
    /// A key given to two actions is reported at the line of the binding that gave it, not at `[keys.board]`'s.
    @Test func aKeyOnTwoActionsIsReportedAtItsOwnLine() throws {
        let text = "theme = \"default\"\n\n[keys.board]\nhelp = [\"F1\"]\nundo = [\"z\", \"a\"]\nredo = [\"Z\"]\n"
        let config = try AppConfig.parse(text, file: "c.toml")
        #expect(throws: ConfigError.self) { try config.keyMaps() }
        do {
            _ = try config.keyMaps()
        } catch {
            #expect(
                String(describing: error).hasPrefix(
                    "c.toml:5: keys.board.undo: the key a is bound to both quick_add and undo"),
                "\(error)")
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

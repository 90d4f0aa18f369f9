import PipeboardConfig
import PipeboardCore
import Testing
@testable import PipeboardTUI

/// Rebound keys drive the board: dispatch, hints and the messages that name a key.
@Suite struct KeyRebindingTests {
    @Test func reboundKeysReplaceTheDefaultsAndDriveDispatch() throws {
        let maps = try KeyMaps.standard.rebinding([
            "board": ["quit": ["y", "ctrl-q"], "help": ["F1", "?"]], "form": ["save": ["ctrl-s"]],
        ])
        #expect(maps.board.action(for: .character("y")) == .quit)
        #expect(maps.board.action(for: .control("q")) == .quit)
        #expect(maps.board.action(for: .character("q")) == nil)
        #expect(maps.board.action(for: .function(1)) == .help)
        #expect(maps.form.action(for: .control("s")) == .save)
        #expect(maps.form.action(for: .enter) == nil)
        #expect(maps.board.hints.contains("y quit"))
        #expect(maps.board.hints.contains("F1 help"))

        var state = Fixture.state()
        state.keyMaps = maps
        #expect(press(&state, .character("q")).isEmpty)
        #expect(press(&state, .character("y")) == [.quit])
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
                "undo": ["z"], "edit": ["E"], "cycle_sort": ["S"], "clear_selection": ["y"], "open_outbox": ["B"],
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
        #expect(shownSummary(state) == "1 selected (y clears)")
        press(&state, .character("S"), .character("K"))
        #expect(
            state.status?.text.hasSuffix("; press S until manual to reorder") == true,
            "\(state.status?.text ?? "")")
        var paused = Fixture.snapshot()
        paused.attention = "account 'agency' needs attention"
        state.snapshot = paused
        #expect(view(state).plainText.contains("paused: check credentials (B)"))

        state.keyMaps = try KeyMaps.standard.rebinding(["board": ["undo": []]])
        _ = update(&state, .deleted(name: "Acme"))
        #expect(state.status == .info("Deleted Acme"))
    }
}

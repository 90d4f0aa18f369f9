import PipeboardCore
@testable import PipeboardTUI
import Testing

/// Picker fields in forms: a fixed list filters as you type; a look-up asks the provider; ↓ ↑ choose, Tab takes.
@Suite("update: form pickers")
struct SuggestionTests {
    static let specs = [
        FieldSpec(id: "name", label: "Name", required: true, inQuickAdd: true),
        FieldSpec(id: "client", label: "Client", kind: .lookup, required: true, inQuickAdd: true),
        FieldSpec(
            id: "type", label: "Type", kind: .choice(["Direct Hire", "Contract", "Contract to Hire"]), required: true,
            inQuickAdd: true),
        FieldSpec(id: "stage", label: "Stage", kind: .stage, required: true, inQuickAdd: true),
    ]

    static func formState() -> AppState {
        var snapshot = Fixture.snapshot()
        snapshot.fieldSpecs = specs
        var state = Fixture.state(snapshot: snapshot)
        press(&state, .character("a"))
        return state
    }

    @Test func aLookUpFieldAsksTheProviderAndTabTakesTheChosenAnswer() {
        var state = Self.formState()
        type(&state, "Nurses")
        press(&state, .tab)
        #expect(update(&state, .terminal(.key(.character("g")))).isEmpty) // one character is too few to ask
        let effects = update(&state, .terminal(.key(.character("l"))))
        #expect(effects == [.lookUp(field: "client", text: "gl")])
        // An answer for older text is dropped; the current one is shown.
        _ = update(&state, .lookedUp(field: "client", text: "g", values: ["Acme"]))
        guard case .form(let before) = state.mode else { Issue.record("form closed"); return }
        #expect(before.suggestions == nil)
        _ = update(&state, .lookedUp(field: "client", text: "gl", values: ["Globex", "Globex Staffing"]))
        #expect(view(state).plainText.contains("›Globex‹"))
        press(&state, .down, .tab)
        guard case .form(let form) = state.mode else { Issue.record("form closed"); return }
        #expect(form.fields[1].input.text == "Globex Staffing")
        #expect(form.focus == 2)
        #expect(form.suggestions == nil)
    }

    @Test func aFixedListFiltersAsYouTypeWithoutAskingAnyone() {
        var state = Self.formState()
        press(&state, .tab, .tab)
        #expect(update(&state, .terminal(.key(.character("c")))).isEmpty)
        guard case .form(let form) = state.mode else { Issue.record("form closed"); return }
        // Those that start with it, then those that contain it.
        #expect(form.suggestions?.values == ["Contract", "Contract to Hire", "Direct Hire"])
        type(&state, "ontract t")
        press(&state, .tab)
        guard case .form(let after) = state.mode else { Issue.record("form closed"); return }
        #expect(after.fields[2].input.text == "Contract to Hire")
    }

    @Test func upAndDownMoveBetweenFieldsWhenNothingIsSuggested() {
        var state = Self.formState()
        press(&state, .down, .down)
        guard case .form(let form) = state.mode else { Issue.record("form closed"); return }
        #expect(form.focus == 2)
    }

    @Test func theSuggestionsAreDrawnOnTheFormsLastLine() {
        var state = Self.formState()
        press(&state, .tab)
        type(&state, "gl")
        _ = update(&state, .lookedUp(field: "client", text: "gl", values: ["Globex", "Globex Staffing"]))
        press(&state, .down)
        assertGolden(view(state), "form-lookup-suggestions")
    }
}

import Testing
@testable import PipeboardTUI

/// A form taller than the screen scrolls with the focus, and says which way rows were scrolled away.
@Suite struct FormScrollTests {
    /// The edit form at 80 × 24 after a save that found five fields wrong: one row more each.
    private func editFormWithErrors(focusOnTheLast: Bool = false) -> AppState {
        var state = Fixture.state(width: 80, height: 24)
        press(&state, .character("e"))
        guard case .form(var form) = state.mode else { return state }
        for field in ["name", "value", "email", "close_date", "probability"] { form.errors[field] = "is wrong" }
        if focusOnTheLast { form.focus = form.fields.count - 1 }
        state.mode = .form(form)
        return state
    }

    @Test func rowsBelowTheBoxAreMarked() {
        let screen = view(editFormWithErrors()).plainText
        #expect(screen.contains("↓ more"), "\(screen)")
        #expect(!screen.contains("↑ more"), "\(screen)")
        #expect(!screen.contains("Tags"), "\(screen)")
    }

    @Test func rowsAboveAreMarkedOnceTheFocusScrollsDown() {
        let screen = view(editFormWithErrors(focusOnTheLast: true)).plainText
        #expect(screen.contains("Tags"), "\(screen)")
        #expect(screen.contains("↑ more"), "\(screen)")
        #expect(!screen.contains("↓ more"), "\(screen)")
    }

    @Test func aFormThatFitsHasNoMarks() {
        var state = Fixture.state()
        press(&state, .character("e"))
        let screen = view(state).plainText
        #expect(!screen.contains("↑ more") && !screen.contains("↓ more"), "\(screen)")
    }
}

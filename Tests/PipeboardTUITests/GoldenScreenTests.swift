import Foundation
import PipeboardCore
import Testing
@testable import PipeboardTUI

@Suite("Golden screens")
struct GoldenScreenTests {
    @Test func board() {
        expectGolden(view(Fixture.state()), "board-120x40")
    }

    @Test func boardWithFocusMoved() {
        var state = Fixture.state()
        press(&state, .right, .down)
        expectGolden(view(state), "board-focus-qualified")
    }

    @Test func longColumnShowsMore() {
        var state = Fixture.state(width: 100, height: 30, snapshot: Fixture.longSnapshot())
        press(&state, .pageDown, .down)
        expectGolden(view(state), "board-long-column")
    }

    @Test func quickAddForm() {
        var state = Fixture.state()
        press(&state, .character("a"))
        type(&state, "Umbrella 雨傘 deal")
        press(&state, .tab)
        type(&state, "4500")
        expectGolden(view(state), "form-quick-add")
    }

    @Test func editFormWithValidationError() {
        var state = Fixture.state()
        press(&state, .character("e"), .tab, .end)
        press(&state, .home)
        type(&state, "-")
        press(&state, .enter)
        expectGolden(view(state), "form-edit-error")
    }

    @Test func helpOverlay() {
        var state = Fixture.state()
        press(&state, .character("?"))
        expectGolden(view(state), "help")
    }

    @Test func stagePickerFiltered() {
        var state = Fixture.state()
        press(&state, .character("m"))
        type(&state, "n")
        expectGolden(view(state), "stage-picker-filtered")
    }

    @Test func detail() {
        var state = Fixture.state()
        press(&state, .down, .enter)
        expectGolden(view(state), "detail")
    }

    @Test func deleteConfirmation() {
        var state = Fixture.state()
        press(&state, .character("d"))
        expectGolden(view(state), "confirm-delete")
    }

    @Test func narrow() {
        var state = Fixture.state(width: 50, height: 20)
        press(&state, .right, .right)
        expectGolden(view(state), "narrow-50x20")
    }

    @Test func tooSmall() {
        expectGolden(view(Fixture.state(width: 20, height: 6)), "too-small-20x6")
    }

    @Test func hiddenColumnsShowMarkers() {
        var state = Fixture.state(width: 80, height: 24)
        press(&state, .right, .right, .right)
        expectGolden(view(state), "board-80x24-scrolled-columns")
    }

    @Test func capabilityRefusalInStatusBar() {
        var state = Fixture.state(snapshot: Fixture.snapshot(capabilities: [.create, .update, .delete]))
        press(&state, .character("L"))
        expectGolden(view(state), "board-move-refused")
    }
}

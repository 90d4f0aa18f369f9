import Foundation
import PipeboardCore
import Testing
@testable import PipeboardTUI

@Suite("Golden screens")
struct GoldenScreenTests {
    @Test func board() {
        assertGolden(view(Fixture.state()), "board-120x40")
    }

    @Test func boardWithFocusMoved() {
        var state = Fixture.state()
        press(&state, .right, .down)
        assertGolden(view(state), "board-focus-qualified")
    }

    @Test func longColumnShowsMore() {
        var state = Fixture.state(width: 100, height: 30, snapshot: Fixture.longSnapshot())
        press(&state, .pageDown, .down)
        assertGolden(view(state), "board-long-column")
    }

    @Test func quickAddForm() {
        var state = Fixture.state()
        press(&state, .character("a"))
        type(&state, "Umbrella 雨傘 deal")
        press(&state, .tab)
        type(&state, "4500")
        assertGolden(view(state), "form-quick-add")
    }

    @Test func editFormWithValidationError() {
        var state = Fixture.state()
        press(&state, .character("e"), .tab, .end)
        press(&state, .home)
        type(&state, "-")
        press(&state, .enter)
        assertGolden(view(state), "form-edit-error")
    }

    @Test func helpOverlay() {
        var state = Fixture.state()
        press(&state, .character("?"))
        assertGolden(view(state), "help")
    }

    @Test func stagePickerFiltered() {
        var state = Fixture.state()
        press(&state, .character("m"))
        type(&state, "n")
        assertGolden(view(state), "stage-picker-filtered")
    }

    @Test func detail() {
        var state = Fixture.state()
        press(&state, .down, .enter)
        assertGolden(view(state), "detail")
    }

    @Test func deleteConfirmation() {
        var state = Fixture.state()
        press(&state, .character("d"))
        assertGolden(view(state), "confirm-delete")
    }

    /// A provider whose delete is permanent (BrightMove) says so in the confirmation.
    @Test func deleteConfirmationOfAPermanentDelete() {
        var snapshot = Fixture.snapshot()
        snapshot.deleteWarning = "Permanent in BrightMove: its contacts, attachments and line items go too; undo makes a new copy"
        var state = Fixture.state(snapshot: snapshot)
        press(&state, .character("d"))
        assertGolden(view(state), "confirm-delete-permanent")
    }

    /// A provider's own status (Coastline's approval status) is on the card; a closed status still wins the spot.
    @Test func providerStatusOnTheCard() {
        var snapshot = Fixture.snapshot()
        snapshot.columns[0].cards[0].providerStatus = "project"
        snapshot.columns[0].cards[1].providerStatus = "ON_HOLD"
        assertGolden(view(Fixture.state(snapshot: snapshot)), "board-provider-status")
    }

    @Test func narrow() {
        var state = Fixture.state(width: 50, height: 20)
        press(&state, .right, .right)
        assertGolden(view(state), "narrow-50x20")
    }

    @Test func tooSmall() {
        assertGolden(view(Fixture.state(width: 20, height: 6)), "too-small-20x6")
    }

    @Test func hiddenColumnsShowMarkers() {
        var state = Fixture.state(width: 80, height: 24)
        press(&state, .right, .right, .right)
        assertGolden(view(state), "board-80x24-scrolled-columns")
    }

    @Test func capabilityRefusalInStatusBar() {
        var state = Fixture.state(snapshot: Fixture.snapshot(capabilities: [.create, .update, .delete]))
        press(&state, .character("L"))
        assertGolden(view(state), "board-move-refused")
    }
}

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
        snapshot.deleteWarning =
            "Permanent in BrightMove: its contacts, attachments and line items go too; undo makes a new copy"
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

    @Test func helpSecondPage() {
        var state = Fixture.state()
        press(&state, .character("?"), .pageDown)
        assertGolden(view(state), "help-page-2")
        // What the headers' "+2" and the cards' marks mean is said on the last page, under the keys.
        for _ in 0..<state.helpPageCount { press(&state, .pageDown) }
        #expect(state.helpPage == state.helpPageCount - 1)
        #expect(view(state).plainText.contains("+2      2 more currencies, not added in; F shows each"))
        #expect(view(state).plainText.contains("∅       an open deal with no next step"))
    }

    @Test func searchBarAsYouType() {
        var state = Fixture.state(
            snapshot: Fixture.snapshot(cards: Fixture.cards.filter { $0.name.lowercased().contains("o") }))
        press(&state, .character("/"))
        type(&state, "o")
        assertGolden(view(state), "search-bar")
    }

    @Test func filterFormWithAnError() {
        var state = Fixture.state()
        state.filter = BoardFilter(search: "acme", owners: ["Ana"], minAgeDays: 30)
        press(&state, .character("f"), .tab)
        type(&state, "won, ON_HOLD")
        press(&state, .tab)
        type(&state, "10k")
        press(&state, .enter)
        assertGolden(view(state), "filter-form-error")
    }

    @Test func bulkPreviewWithCardsLeftOut() {
        var state = Fixture.state()
        // $12,500 and €2,000 in Lead, $18,000 already won.
        press(&state, .character("v"), .down, .down, .character(" "))
        press(&state, .right, .right, .right, .right, .character("v"), .left, .left, .left, .left)
        press(&state, .character("W"))
        assertGolden(view(state), "bulk-preview")
    }

    @Test func selectedCardsAndSavedViewInTheStatusBar() {
        var state = Fixture.state()
        state.views = [SavedView(name: "Big deals", filter: BoardFilter(minValueMicros: 5_000_000_000))]
        press(&state, .character("1"))
        _ = update(&state, .boardLoaded(Fixture.snapshot()))
        press(&state, .character("v"), .down, .character("v"), .character("C"))
        assertGolden(view(state), "view-and-selection")
    }

    @Test func sortedColumnHeader() {
        var state = Fixture.state()
        press(&state, .right, .character("s"))
        assertGolden(view(state), "sorted-column")
    }

    @Test func lostReasonPrompt() {
        var state = Fixture.state(snapshot: Fixture.snapshot(capabilities: Capabilities.all.union(.lostReason)))
        press(&state, .character("X"))
        type(&state, "Chose a competitor")
        assertGolden(view(state), "lost-reason")
    }

    @Test func providerOwnStatusOnTheCard() {
        var cards = Fixture.cards
        cards[0].providerStatus = "ON_HOLD"
        var state = Fixture.state(
            snapshot: Fixture.snapshot(cards: cards, capabilities: [.create, .update, .move, .delete]))
        press(&state, .character("W"))
        assertGolden(view(state), "provider-status")
    }

    // MARK: Funnel, forecast and progress, each at two sizes

    @Test func funnelByCount() {
        var state = Fixture.state()
        press(&state, .character("F"))
        assertGolden(view(state), "funnel-count-120x40")
        var small = Fixture.state(width: 80, height: 24)
        press(&small, .character("F"))
        assertGolden(view(small), "funnel-count-80x24")
    }

    @Test func funnelByValueInEachCurrency() {
        var state = Fixture.state()
        press(&state, .character("F"), .character("t"))
        #expect(state.mode == .funnel(.value("USD")))
        assertGolden(view(state), "funnel-usd-120x40")
        press(&state, .tab)
        #expect(state.mode == .funnel(.value("EUR")))
        var small = Fixture.state(width: 80, height: 24)
        press(&small, .character("F"), .character("t"))
        assertGolden(view(small), "funnel-usd-80x24")
    }

    @Test func forecast() {
        var state = Fixture.state()
        press(&state, .character("$"))
        assertGolden(view(state), "forecast-120x40")
        var small = Fixture.state(width: 80, height: 24)
        press(&small, .character("$"))
        assertGolden(view(small), "forecast-80x24")
    }

    @Test func chartsInASCIIWhenTheLocaleIsNotUTF8() {
        var state = Fixture.state()
        state.charset = .ascii
        press(&state, .character("$"))
        assertGolden(view(state), "forecast-ascii-120x40")
        var funnel = Fixture.state(width: 80, height: 24)
        funnel.charset = .ascii
        press(&funnel, .character("F"))
        assertGolden(view(funnel), "funnel-ascii-80x24")
        _ = update(&funnel, .terminal(.key(.escape)))
        assertGolden(view(funnel), "board-ascii-80x24")
    }

    @Test func pullInProgressInTheStatusBar() {
        var state = Fixture.state()
        _ = update(&state, .pullProgress(PullProgress(received: 450, fraction: 0.45)))
        assertGolden(view(state), "board-pulling-120x40")
        var small = Fixture.state(width: 80, height: 24)
        _ = update(&small, .pullProgress(PullProgress(received: 1_200, fraction: nil)))
        assertGolden(view(small), "board-pulling-80x24")
        _ = update(&small, .pullProgress(nil))
        #expect(small.pull == nil)
    }
}

@Suite("Golden screens: text that fits")
struct FittingTextGoldenTests {
    /// At 40x12 the page line sits inside the help's box, clear of the board's "+N more" under it.
    @Test func helpAt40x12() {
        var state = Fixture.state(width: 40, height: 12, snapshot: Fixture.longSnapshot())
        press(&state, .character("?"))
        assertGolden(view(state), "help-40x12")
    }

    /// The filter form's range error wraps under its field instead of being cut.
    @Test func aLongErrorWrapsUnderItsField() {
        var state = Fixture.state(width: 80, height: 24)
        press(&state, .character("f"), .tab, .tab)
        type(&state, "10k")
        press(&state, .enter)
        let text = view(state).plainText
        #expect(
            text.contains("│                  ✗ must be a range of amounts such as 1000-5000, 1000-   │"), "\(text)")
        #expect(text.contains("│                    or -5000                                              │"))
        #expect(!text.contains("…"))
    }

    /// On a narrow screen the lost-reason hint wraps; at 120 columns the box grows to hold it (golden lost-reason).
    @Test func theLostReasonHintWrapsWhereTheBoxCannotGrow() {
        var state = Fixture.state(
            width: 60, height: 24, snapshot: Fixture.snapshot(capabilities: Capabilities.all.union(.lostReason)))
        press(&state, .character("X"))
        let text = view(state).plainText
        #expect(text.contains("│ Enter marks it lost (the reason may be empty), Esc   │"), "\(text)")
        #expect(text.contains("│ changes nothing                                      │"))
    }
}

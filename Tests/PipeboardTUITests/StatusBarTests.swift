import Foundation
import PipeboardCore
import Testing
@testable import PipeboardTUI

@Suite("Status bar")
struct StatusBarTests {
    private func statusRow(_ state: AppState, up: Int = 0) -> String {
        let rows = view(state).plainText.split(separator: "\n", omittingEmptySubsequences: false)
        return String(rows[rows.count - 1 - up])
    }

    private func occurrences(of word: String, in text: String) -> Int {
        text.components(separatedBy: word).count - 1
    }

    @Test func closedDealsShownAreSaidOnce() {
        var state = Fixture.state()
        press(&state, .character("C"))
        let row = statusRow(state)
        #expect(occurrences(of: "closed", in: row.lowercased()) == 1, "\(row)")
        #expect(row.contains("closed shown"))
        press(&state, .character("C"))
        #expect(statusRow(state).contains("Closed deals hidden"))
    }

    @Test func theSelectionIsCountedOnceWithHowToClearIt() {
        var state = Fixture.state()
        press(&state, .character("v"), .down, .character("v"))
        let row = statusRow(state)
        #expect(occurrences(of: "selected", in: row) == 1, "\(row)")
        #expect(row.contains("2 selected (Esc clears)"))
        press(&state, .character("v"), .up, .character("v"))
        #expect(statusRow(state).contains("Nothing selected"))
        #expect(occurrences(of: "selected", in: statusRow(state)) == 1)
    }

    @Test func aLongNoticeTakesTheRowAboveAndLeavesTheKeysWhereTheyAre() {
        var state = Fixture.state()
        let notice = "Synced " + String(repeating: "every waiting change ", count: 4) + "at last"
        _ = update(&state, .notice(notice))
        let row = statusRow(state)
        #expect(row.hasSuffix("a add  e edit  m move  / search  f filter  ? help  q quit "), "\(row)")
        #expect(!row.contains("Synced"))
        #expect(statusRow(state, up: 1) == " " + notice.padding(toLength: 119, withPad: " ", startingAt: 0))
        // One that fits stays on the bar, and the row above is the board's again.
        _ = update(&state, .notice("Synced"))
        #expect(statusRow(state).contains("Synced"))
        #expect(!statusRow(state, up: 1).contains("Synced"))
    }

    @Test func aLongErrorInAFormKeepsSaveAndCancel() {
        var state = Fixture.state(width: 80, height: 24)
        press(&state, .character("a"))
        state.status = .error(String(repeating: "the provider refused it ", count: 3))
        #expect(statusRow(state).hasSuffix("Enter save  Esc cancel "), "\(statusRow(state))")
        #expect(statusRow(state, up: 1).contains("the provider refused it the provider refused it"))
    }

    @Test func theFixedPartIsNeverCutForTheKeys() {
        let state = Fixture.state(width: 50, height: 20)
        #expect(statusRow(state).contains("1 pending  1 failed"), "\(statusRow(state))")
    }

    @Test func theForecastSaysTabSwitchesTheCurrency() {
        var state = Fixture.state()
        press(&state, .character("$"))
        #expect(statusRow(state).contains("Tab currency"), "\(statusRow(state))")
        #expect(!statusRow(state).contains("measure"))
        press(&state, .character("F"))
        #expect(statusRow(state).contains("Tab measure"), "\(statusRow(state))")
    }

    @Test func velocitySaysTabSwitchesThePeriod() {
        var state = Fixture.state()
        press(&state, .character("V"))
        #expect(statusRow(state).contains("Tab period"), "\(statusRow(state))")
        #expect(!statusRow(state).contains("measure"))
    }

    @Test func tabIsNotOfferedWhereThereIsOnlyOneCurrency() {
        let dollars = Fixture.cards.filter { $0.value?.currency == "USD" }
        var state = Fixture.state(snapshot: Fixture.snapshot(cards: dollars))
        press(&state, .character("$"))
        #expect(!statusRow(state).contains("Tab"), "\(statusRow(state))")
        press(&state, .character("F"))
        #expect(statusRow(state).contains("Tab measure"), "\(statusRow(state))")
    }
}

import Foundation
import PipeboardCore
import Testing
@testable import PipeboardTUI

@Suite("update: status actions")
struct StatusActionTests {
    @Test func wonAbandonedAndReopenGoStraightOutAndMarkTheCardPending() {
        var state = Fixture.state()
        #expect(press(&state, .character("W")) == [.setStatus(id: Fixture.id(1), status: .won, lostReason: nil)])
        #expect(state.pendingCardIDs.contains(Fixture.id(1)))
        #expect(press(&state, .character("Z")) == [.setStatus(id: Fixture.id(1), status: .abandoned, lostReason: nil)])
        // Already open: nothing to send, and it says so.
        #expect(press(&state, .character("O")).isEmpty)
        #expect(state.status?.text.contains("already open") == true)
    }

    @Test func lostAsksForAReasonWhereTheProviderKeepsThem() {
        var state = Fixture.state(snapshot: Fixture.snapshot(capabilities: Capabilities.all.union(.lostReason)))
        #expect(press(&state, .character("X")).isEmpty)
        guard case .lostReason = state.mode else { Issue.record("expected the lost-reason prompt"); return }
        type(&state, "Budget cut")
        #expect(press(&state, .enter) == [.setStatus(id: Fixture.id(1), status: .lost, lostReason: "Budget cut")])
        #expect(state.mode == .board)
        // Esc in the prompt changes nothing.
        press(&state, .character("X"))
        #expect(press(&state, .escape).isEmpty && state.mode == .board)
    }

    /// A provider with its own list (HighLevel): X loads the list, typing filters it, Enter sends the one chosen.
    @Test func lostOffersTheProvidersListWhereItKeepsOne() {
        var state = Fixture.state(snapshot: Fixture.snapshot(capabilities: Capabilities.all.union(.lostReasonList)))
        let account = Fixture.cards[0].account
        #expect(press(&state, .character("X")) == [.loadLostReasons(account: account)])
        guard case .lostReason(let loading) = state.mode else {
            Issue.record("expected the lost-reason prompt")
            return
        }
        #expect(loading.loading && loading.choices == [])
        // Nothing is marked while the list loads.
        #expect(press(&state, .enter).isEmpty)
        let reasons = [
            LostReason(id: "r1", name: "Price too high"), LostReason(id: "r2", name: "No budget"),
            LostReason(id: "r3", name: "No decision"),
        ]
        _ = update(&state, .lostReasonsLoaded(reasons))
        let screen = view(state)
        #expect(screen.plainText.contains("Price too high") && screen.plainText.contains("No decision"))
        type(&state, "no")
        press(&state, .down)
        #expect(press(&state, .enter) == [.setStatus(id: Fixture.id(1), status: .lost, lostReason: "No decision")])
        #expect(state.mode == .board)
        // A filter that matches nothing sends nothing; Esc leaves.
        press(&state, .character("X"))
        _ = update(&state, .lostReasonsLoaded(reasons))
        type(&state, "zzz")
        #expect(press(&state, .enter).isEmpty)
        #expect(press(&state, .escape).isEmpty && state.mode == .board)
        // The list could not be read: the prompt closes and says why.
        press(&state, .character("X"))
        _ = update(&state, .lostReasonsFailed(reason: "provider unreachable"))
        #expect(state.mode == .board && state.status == .error("could not read the lost reasons: provider unreachable"))
    }

    @Test func lostGoesStraightOutWhereTheProviderKeepsNoReasons() {
        var state = Fixture.state()
        #expect(press(&state, .character("X")) == [.setStatus(id: Fixture.id(1), status: .lost, lostReason: nil)])
    }

    @Test func aProviderWithoutStatusesShowsItsOwnInsteadOfPretending() {
        var cards = Fixture.cards
        cards[0].providerStatus = "ON_HOLD"
        var state = Fixture.state(
            snapshot: Fixture.snapshot(cards: cards, capabilities: [.create, .update, .move, .delete]))
        #expect(press(&state, .character("W")).isEmpty)
        #expect(state.status == .error("HighLevel has no won / lost status; its own status for this card is ON_HOLD"))
    }
}

@Suite("update: search, filters, views and sort")
struct FilterUpdateTests {
    @Test func closedDealsAreHiddenByDefaultAndCToggles() {
        var state = Fixture.state()
        #expect(state.boardQuery.statuses == [.open])
        let effects = press(&state, .character("C"))
        #expect(state.showClosed && effects == [.load(state.boardQuery)] && state.boardQuery.statuses.isEmpty)
        press(&state, .character("C"))
        #expect(state.boardQuery.statuses == [.open])
    }

    @Test func openingTheSearchAsksTheStoreToReadyItsCopyUnlessTheBoardIsPast() throws {
        var state = Fixture.state()
        let board = try #require(state.snapshot)
        #expect(
            press(&state, .character("/")) == [.prepareSearch(account: board.account, pipelineID: board.pipeline.id)])
        press(&state, .escape)
        state.asOf = Fixture.now
        #expect(press(&state, .character("/")) == [])
    }

    @Test func searchLoadsAsYouTypeEnterKeepsEscClears() {
        var state = Fixture.state()
        press(&state, .character("/"))
        var loads: [BoardQuery] = []
        for character in "acm" {
            for case .load(let query) in press(&state, .character(character)) { loads.append(query) }
        }
        #expect(loads.map(\.filter.search) == ["a", "ac", "acm"])
        press(&state, .backspace)
        #expect(state.boardQuery.filter.search == "ac")
        press(&state, .enter)
        #expect(state.mode == .board && state.filter.search == "ac")
        // Board keys work again, and / reopens the search where it was.
        press(&state, .character("/"))
        #expect(state.mode == .search(TextField("ac")))
        let cleared = press(&state, .escape)
        #expect(state.filter.search.isEmpty && cleared == [.load(state.boardQuery)] && state.mode == .board)
    }

    /// A search kept with Enter is cleared by Esc on the board, once nothing is selected (Esc clears a selection
    /// first), and the status bar says so; the filters stay.
    @Test func escOnTheBoardClearsAKeptSearchAfterTheSelection() {
        var state = Fixture.state()
        state.filter.owners = ["Ana"]
        press(&state, .character("/"), .character("a"), .character("c"), .enter)
        press(&state, .character("v"))
        #expect(shownSummary(state)?.contains("clears the search") == false)
        #expect(press(&state, .escape).isEmpty && state.selection.isEmpty && state.filter.search == "ac")
        #expect(shownSummary(state)?.contains("“ac” · owner Ana (Esc clears the search)") == true)
        #expect(press(&state, .escape) == [.load(state.boardQuery)])
        #expect(
            state.filter.search.isEmpty && state.filter.owners == ["Ana"] && state.status == .info("Search cleared"))
        #expect(press(&state, .escape).isEmpty)
    }

    /// The won / lost weeks and the forecast's months do not depend on the search: typing one does not read them
    /// again, and the board keeps those it shows. Clearing the search reads everything.
    @Test func aSearchTypedKeepsThePipelinesFigures() throws {
        var state = Fixture.state()
        let shown = try #require(state.snapshot)
        #expect(!shown.outcomeWeeks.isEmpty && !shown.closeMonths.isEmpty)
        press(&state, .character("/"))
        guard case .load(let query)? = press(&state, .character("a")).first else {
            Issue.record("expected a load")
            return
        }
        #expect(query.keepsFigures && query.filter.search == "a")
        var answer = Fixture.snapshot(cards: Array(Fixture.cards.prefix(1)))
        answer.closeMonths = []
        answer.outcomeWeeks = []
        answer.includesForecast = false
        answer.figuresKept = true
        #expect(update(&state, .boardLoaded(answer)).isEmpty)
        #expect(state.snapshot?.outcomeWeeks == shown.outcomeWeeks && state.snapshot?.closeMonths == shown.closeMonths)
        #expect(state.snapshot?.includesForecast == true && state.snapshot?.figuresKept == false)
        #expect(press(&state, .escape) == [.load(state.boardQuery)] && !state.boardQuery.keepsFigures)

        // An answer without figures for a board that has none to keep asks for them.
        var other = answer
        other.account = "another"
        #expect(update(&state, .boardLoaded(other)) == [.load(state.boardQuery)])
    }

    @Test func searchFromAScrolledColumnStartsAtTheTop() {
        var state = Fixture.state(width: 100, height: 30, snapshot: Fixture.longSnapshot())
        press(&state, .character("G"))
        press(&state, .character("/"))
        let effects = press(&state, .character("d"))
        guard case .load(let query)? = effects.first else { Issue.record("expected a load"); return }
        #expect(query.window(for: "lead").offset == 0 && state.focus.card == 0)
    }

    @Test func filterFormParsesAndAppliesAndShowsErrorsBesideTheField() {
        var state = Fixture.state()
        press(&state, .character("f"))
        type(&state, "Ana") // owner
        press(&state, .tab)
        type(&state, "won, ON_HOLD") // status
        press(&state, .tab)
        type(&state, "lots") // value: bad
        press(&state, .enter)
        guard case .form(let form) = state.mode else { Issue.record("the form should stay open"); return }
        #expect(form.errors["value"]?.contains("range") == true)
        #expect(state.filter == .none)
        for _ in 0..<4 { press(&state, .backspace) }
        type(&state, "1000-")
        let effects = press(&state, .enter)
        #expect(state.mode == .board)
        #expect(
            state.filter
                == BoardFilter(
                    owners: ["Ana"], statuses: [.won], providerStatuses: ["ON_HOLD"], minValueMicros: 1_000_000_000))
        // A status named in the filter is shown even though closed deals are hidden.
        #expect(effects == [.load(state.boardQuery)] && state.boardQuery.statuses.isEmpty)
    }

    @Test func numberKeysShowSavedViewsAndZeroClears() {
        var state = Fixture.state()
        state.views = [
            SavedView(name: "Big", filter: BoardFilter(minValueMicros: 10_000_000_000)),
            SavedView(name: "All of Ana's", filter: BoardFilter(owners: ["Ana"]), showClosed: true),
        ]
        #expect(press(&state, .character("2")) == [.load(state.boardQuery)])
        #expect(state.activeView == 1 && state.filter.owners == ["Ana"] && state.boardQuery.statuses.isEmpty)
        press(&state, .character("1"))
        #expect(state.boardQuery.filter.minValueMicros == 10_000_000_000)
        #expect(press(&state, .character("7")).isEmpty && state.status?.text == "No view 7; views are 1-2")
        press(&state, .character("2"), .character("0"))
        #expect(state.activeView == nil && state.filter == .none && !state.showClosed)
    }

    @Test func sCyclesTheFocusedColumnsSortAndReorderWaitsForManual() {
        var state = Fixture.state()
        var orders: [ColumnSort] = []
        for _ in 0..<6 {
            press(&state, .character("s"))
            orders.append(state.boardQuery.sort(for: "lead"))
        }
        #expect(orders == [.value, .age, .closeDate, .name, .nextStep, .manual])
        press(&state, .character("s"))
        #expect(press(&state, .character("J")).isEmpty)
        #expect(state.status?.text.contains("sorted by value") == true)
        #expect(state.boardQuery.sort(for: "qualified") == .manual)
    }
}

@Suite("update: selection and bulk changes")
struct BulkUpdateTests {
    /// Selects the first two Lead cards (USD 12,500 and 8,000) and the Qualified one in focus after them.
    func selected() -> AppState {
        var state = Fixture.state()
        press(&state, .character("v"), .down, .character(" "), .right, .character("v"))
        return state
    }

    @Test func vAndSpaceToggleAndEscClears() {
        var state = selected()
        #expect(state.selectionOrder == [Fixture.id(1), Fixture.id(2), Fixture.id(5)])
        press(&state, .character("v"))
        #expect(state.selectionOrder == [Fixture.id(1), Fixture.id(2)])
        press(&state, .escape)
        #expect(state.selection.isEmpty)
    }

    @Test func bulkMovePreviewsThenSendsOnlyOnConfirm() {
        var state = selected()
        #expect(press(&state, .character("L")).isEmpty)
        guard case .bulkPreview(let plan) = state.mode else { Issue.record("expected the preview"); return }
        #expect(plan.ids == [Fixture.id(1), Fixture.id(2), Fixture.id(5)])
        #expect(plan.headline == "3 deals, $23,700")
        #expect(press(&state, .character("y")) == [.bulk(.shift(by: 1), ids: plan.ids)])
        #expect(state.selection.isEmpty && state.pendingCardIDs.isSuperset(of: plan.ids))
    }

    @Test func cancellingThePreviewSendsNothingAndKeepsTheSelection() {
        var state = selected()
        press(&state, .character("d"))
        #expect(press(&state, .escape).isEmpty)
        #expect(state.mode == .board && state.selection.count == 3)
    }

    @Test func previewCountsWhatTheProviderRefusesAndKeepsCurrenciesApart() {
        var state = Fixture.state(snapshot: Fixture.snapshot(capabilities: [.create, .update, .move]))
        press(&state, .character("v"), .down, .down, .character("v")) // $12,500 and €2,000
        press(&state, .character("W"))
        guard case .bulkPreview(let plan) = state.mode else { Issue.record("expected the preview"); return }
        #expect(plan.ids.isEmpty && plan.notAllowed == 2 && plan.leftOut == "2 not allowed by the provider")
        #expect(press(&state, .enter).isEmpty)
        press(&state, .character("H"))
        guard case .bulkPreview(let left) = state.mode else { Issue.record("expected the preview"); return }
        #expect(left.ids.isEmpty && left.unchanged == 2) // both already in the first stage
        press(&state, .escape, .character("m"))
        guard case .stagePicker = state.mode else { Issue.record("expected the stage picker"); return }
        press(&state, .enter) // the picker starts on the next stage: Qualified
        guard case .bulkPreview(let moved) = state.mode else { Issue.record("expected the preview"); return }
        #expect(moved.operation == .move(toStageID: "qualified") && moved.headline == "2 deals, $12,500 + €2,000")
    }

    @Test func bulkLostAsksTheReasonThenPreviews() {
        var state = Fixture.state(snapshot: Fixture.snapshot(capabilities: Capabilities.all.union(.lostReason)))
        press(&state, .character("v"), .down, .character("v"), .character("X"))
        type(&state, "Price")
        press(&state, .enter)
        guard case .bulkPreview(let plan) = state.mode else { Issue.record("expected the preview"); return }
        #expect(plan.operation == .setStatus(.lost, lostReason: "Price") && plan.ids.count == 2)
    }
}

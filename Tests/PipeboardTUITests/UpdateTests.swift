import Foundation
import PipeboardCore
import Testing
@testable import PipeboardTUI

@Suite("update: focus and windowing")
struct FocusTests {
    @Test func arrowsAndVimKeysMoveFocusAndClamp() {
        var state = Fixture.state()
        press(&state, .down, .character("j"), .down, .down)
        #expect(state.focus == Focus(column: 0, card: 2)) // Lead has 3 cards
        press(&state, .character("l"))
        #expect(state.focus == Focus(column: 1, card: 1)) // Qualified has 2
        press(&state, .right, .right, .right, .right, .right)
        #expect(state.focus == Focus(column: 4, card: 0))
        press(&state, .left, .character("h"), .up, .up)
        #expect(state.focus == Focus(column: 2, card: 0))
    }

    @Test func firstAndLastCard() {
        var state = Fixture.state()
        press(&state, .character("G"))
        #expect(state.focus.card == 2)
        press(&state, .character("g"))
        #expect(state.focus.card == 0)
    }

    @Test func scrollingPastTheLoadedWindowEmitsLoad() {
        var state = Fixture.state(width: 100, height: 30, snapshot: Fixture.longSnapshot())
        let visible = state.layout.cardsPerColumn
        var effects: [Effect] = []
        for _ in 0..<(visible + AppState.windowMargin) { effects += press(&state, .down) }
        #expect(effects.isEmpty) // still inside the first window of visible + 2 * margin cards
        effects = press(&state, .pageDown)
        #expect(effects == [.load(state.boardQuery)])
        let window = state.boardQuery.window(for: "lead")
        let top = state.scroll["lead"] ?? 0
        #expect(window.offset <= top && top + visible <= window.offset + window.limit)
    }

    @Test func lastCardOfALongColumnScrollsAndLoads() {
        var state = Fixture.state(width: 100, height: 30, snapshot: Fixture.longSnapshot())
        let effects = press(&state, .character("G"))
        #expect(state.focus.card == 29)
        #expect(state.scroll["lead"] == 30 - state.layout.cardsPerColumn)
        guard case .load(let query)? = effects.first else { Issue.record("expected a load"); return }
        let window = query.window(for: "lead")
        #expect(window.offset + window.limit >= 30)
    }

    @Test func snapshotKeepsFocusedCardByID() {
        var state = Fixture.state()
        press(&state, .down) // the CJK card, id 2
        var cards = Fixture.cards
        cards.swapAt(0, 1)
        _ = update(&state, .boardLoaded(Fixture.snapshot(cards: cards)))
        #expect(state.focus == Focus(column: 0, card: 0))
        _ = update(&state, .boardLoaded(Fixture.snapshot(cards: Array(Fixture.cards.dropFirst(2)))))
        #expect(state.focus == Focus(column: 0, card: 0)) // gone: clamped into the shorter column
    }

    @Test func resizeRelaysOutAndLoads() {
        var state = Fixture.state()
        let effects = update(&state, .terminal(.resize(width: 80, height: 24)))
        #expect(state.width == 80 && state.height == 24)
        #expect(effects == [.load(state.boardQuery)])
        #expect(state.boardQuery.defaultWindow.limit == state.layout.cardsPerColumn + 2 * AppState.windowMargin)
        #expect(view(state).width == 80)
    }
}

@Suite("update: moving and reordering")
struct MoveTests {
    @Test func moveRightIsOptimisticAndEmitsMove() {
        var state = Fixture.state()
        let effects = press(&state, .character("L"))
        #expect(effects == [.move(id: Fixture.id(1), toStageID: "qualified")])
        let board = state.snapshot!
        #expect(board.columns[0].count == 2)
        #expect(board.columns[0].totals.amounts.first == Money(micros: 8_000_000_000, currency: "USD"))
        #expect(board.columns[1].count == 3)
        #expect(board.columns[1].cards.first?.id == Fixture.id(1))
        #expect(state.focus == Focus(column: 1, card: 0))
        #expect(state.pendingCardIDs == [Fixture.id(1)])
        // The truth arrives: the optimistic mark goes and the focus stays on the card.
        var moved = Fixture.cards
        moved[0].stageID = "qualified"
        _ = update(&state, .boardLoaded(Fixture.snapshot(cards: moved)))
        #expect(state.pendingCardIDs.isEmpty)
        #expect(state.focusedCard?.id == Fixture.id(1))
    }

    /// The runtime drops a board loaded before the newest change was asked for; it tells changes by this.
    @Test func changesAreToldFromReads() {
        var state = Fixture.state()
        let move = press(&state, .character("L"))
        #expect(move.count == 1 && move[0].changesCards)
        #expect(Effect.undo.changesCards)
        #expect(!Effect.load(state.boardQuery).changesCards)
        #expect(!Effect.lookUp(field: "owner", text: "a").changesCards)
        #expect(!Effect.loadOutbox.changesCards)
        #expect(Effect.retryOutbox(id: 1).changesCards)
    }

    @Test func shiftArrowsMoveToo() {
        var state = Fixture.state()
        press(&state, .right)
        #expect(press(&state, .shiftLeft) == [.move(id: Fixture.id(4), toStageID: "lead")])
        #expect(press(&state, .character("H")).isEmpty) // already in the first stage
    }

    @Test func reorderSwapsInTheWindow() {
        var state = Fixture.state()
        #expect(press(&state, .character("J")) == [.reorder(id: Fixture.id(1), offset: 1, statuses: [.open])])
        #expect(state.snapshot!.columns[0].cards.map(\.id).prefix(2) == [Fixture.id(2), Fixture.id(1)])
        #expect(state.focus.card == 1)
        #expect(press(&state, .shiftUp) == [.reorder(id: Fixture.id(1), offset: -1, statuses: [.open])])
        #expect(press(&state, .character("K")).isEmpty) // already on top
    }

    @Test func stagePickerFiltersAndMoves() {
        var state = Fixture.state()
        press(&state, .character("m"))
        type(&state, "NEG")
        #expect(press(&state, .enter) == [.move(id: Fixture.id(1), toStageID: "negotiation")])
        #expect(state.mode == .board)
        #expect(state.focus.column == 3)
    }

    @Test func stagePickerEscapeCancels() {
        var state = Fixture.state()
        press(&state, .character("m"), .down)
        #expect(press(&state, .escape).isEmpty)
        #expect(state.mode == .board)
        #expect(state.snapshot == Fixture.snapshot())
    }

    @Test func missingCapabilityIsRefusedWithAMessage() {
        var state = Fixture.state(snapshot: Fixture.snapshot(capabilities: [.update]))
        #expect(press(&state, .character("L")).isEmpty)
        #expect(state.status == .error("HighLevel's API does not offer moving opportunities between stages"))
        #expect(press(&state, .character("m")).isEmpty)
        #expect(state.mode == .board)
        press(&state, .character("d"))
        #expect(state.status?.text == "HighLevel's API does not offer deleting opportunities")
        press(&state, .character("a"))
        #expect(state.status?.text == "HighLevel's API does not offer creating opportunities")
        press(&state, .down)
        #expect(state.status == nil) // a message lasts until the next key
    }

    @Test func deleteAsksFirst() {
        var state = Fixture.state()
        #expect(press(&state, .character("d")).isEmpty)
        #expect(state.mode == .confirmDelete(Fixture.id(1)))
        #expect(view(state).plainText.contains("Delete “Acme Corp — CRM rollout”?"))
        #expect(press(&state, .character("n")).isEmpty)
        #expect(state.mode == .board)
        press(&state, .character("d"))
        #expect(press(&state, .character("y")) == [.delete(id: Fixture.id(1))])
    }

    @Test func undoRedoAndQuit() {
        var state = Fixture.state()
        #expect(press(&state, .control("r")).isEmpty) // nothing to redo in the fixture
        #expect(state.status == .info("Nothing to redo"))
        #expect(press(&state, .character("u")) == [.undo])
        #expect(press(&state, .character("q")) == [.quit])
    }

    /// u pressed right after a change, before the board that knows of it has loaded, undoes that change (it said
    /// "Nothing to undo" when the machine was busy); once the board has loaded, its own answer counts again.
    @Test func undoRightAfterAChangeIsSentBeforeTheBoardKnowsOfIt() {
        var state = Fixture.state()
        state.snapshot?.canUndo = false
        #expect(press(&state, .character("u")).isEmpty)
        #expect(state.status == .info("Nothing to undo"))
        #expect(press(&state, .character("L")) == [.move(id: Fixture.id(1), toStageID: "qualified")])
        #expect(press(&state, .character("u")) == [.undo])
        #expect(press(&state, .control("r")) == [.redo])
        var moved = Fixture.cards
        moved[0].stageID = "qualified"
        _ = update(&state, .boardLoaded(Fixture.snapshot(cards: moved)))
        #expect(press(&state, .control("r")).isEmpty)
    }

    @Test func pAndAAskForTheNextPipelineAndAccount() throws {
        var state = Fixture.state()
        var snapshot = try #require(state.snapshot)
        let second = Pipeline(id: "hiring", name: "Hiring", stages: [Stage(id: "new", name: "New", position: 0)])
        snapshot.pipelines = [snapshot.pipeline, second]
        snapshot.accounts = [snapshot.account, "crm"]
        _ = update(&state, .boardLoaded(snapshot))

        let effects = press(&state, .character("p"))
        #expect(
            effects == [
                .load(
                    BoardQuery(
                        account: snapshot.account, pipelineID: "hiring", statuses: [.open],
                        defaultWindow: state.boardQuery.defaultWindow))
            ])
        // An answer for the old board does not undo the switch; the one asked for is shown.
        #expect(update(&state, .boardLoaded(snapshot)).isEmpty)
        #expect(state.snapshot?.pipeline.id == snapshot.pipeline.id)
        #expect(state.target?.pipelineID == "hiring")

        let accountEffects = press(&state, .character("A"))
        #expect(
            accountEffects.first.map {
                if case .load(let query) = $0 { query.account == "crm" && query.pipelineID == nil } else { false }
            } == true)
        // A failed switch falls back to the board on screen instead of retrying the switch.
        #expect(update(&state, .operationFailed("no pipelines")) == [.load(state.boardQuery)])
        #expect(state.target == nil)
        #expect(state.boardQuery.account == snapshot.account)
    }

    @Test func refreshAsksTheRuntimeAndSaysSo() {
        var state = Fixture.state()
        #expect(press(&state, .character("r")) == [.refresh])
        #expect(state.status == .info("Refreshing…"))
    }

    @Test func failureShowsErrorAndReloads() {
        var state = Fixture.state()
        press(&state, .character("L"))
        let effects = update(&state, .operationFailed("HighLevel is unreachable"))
        #expect(effects == [.load(state.boardQuery)])
        #expect(state.status == .error("HighLevel is unreachable"))
        #expect(state.pendingCardIDs.isEmpty)
    }

    @Test func aThemeThatFailsIsToldAndChangesNothingElse() {
        var state = Fixture.state()
        let before = state.boardQuery
        #expect(update(&state, .themeFailed(name: "neon", reason: "line 3: unknown colour 'pinkish'")).isEmpty)
        #expect(state.status == .info("theme neon: line 3: unknown colour 'pinkish'"))
        #expect(update(&state, .themeNotRemembered(reason: "disk full")).isEmpty)
        #expect(state.status == .info("the theme could not be remembered: disk full"))
        #expect(state.boardQuery == before)
    }
}

@Suite("update: forms")
struct FormTests {
    @Test func quickAddEmitsCreateWithDefaults() {
        var state = Fixture.state()
        press(&state, .right, .character("a"))
        type(&state, "Umbrella 雨傘 🚀")
        press(&state, .tab)
        type(&state, "4500")
        let effects = press(&state, .enter)
        #expect(
            effects == [
                .create(
                    pipelineID: "sales",
                    input: ["name": "Umbrella 雨傘 🚀", "value": "4500", "currency": "USD", "stage": "qualified"])
            ])
        #expect(state.mode == .board)
    }

    @Test func arrowsMoveTheCursorInTextFields() {
        var state = Fixture.state()
        press(&state, .character("a"))
        type(&state, "Acm")
        press(&state, .left, .left)
        type(&state, "x")
        press(&state, .right, .right)
        type(&state, "e")
        guard case .form(let form) = state.mode else { Issue.record("form closed"); return }
        #expect(form.fields[0].input.text == "Axcme")

        // The search bar and the lost-reason prompt edit the same way.
        press(&state, .escape)
        press(&state, .character("/"))
        type(&state, "ab")
        press(&state, .left)
        type(&state, "c")
        #expect(state.filter.search == "acb")
    }

    @Test func blankNameIsRefusedInline() {
        var state = Fixture.state()
        press(&state, .character("a"), .enter)
        guard case .form(let form) = state.mode else { Issue.record("form closed"); return }
        #expect(form.errors["name"] == "a name is required")
        #expect(view(state).plainText.contains("✗ a name is required"))
    }

    @Test func negativeValueIsRefusedInline() {
        var state = Fixture.state()
        press(&state, .character("e"), .down, .home)
        type(&state, "-")
        #expect(press(&state, .enter).isEmpty)
        guard case .form(let form) = state.mode else { Issue.record("form closed"); return }
        #expect(form.errors.keys.sorted() == ["value"])
        #expect(form.focus == 1)
    }

    @Test func editSendsOnlyChangedFields() {
        var state = Fixture.state()
        press(
            &state, .character("e"), .end, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace,
            .backspace)
        type(&state, "renewal")
        press(&state, .backTab) // wraps to Tags
        type(&state, ", hot")
        let effects = press(&state, .enter)
        #expect(
            effects == [
                .edit(id: Fixture.id(1), input: ["name": "Acme Corp — CRM renewal", "tags": "priority, q1, hot"])
            ])
    }

    @Test func cursorEditingWorksOnGraphemes() {
        var field = TextField("東京🚀")
        field.moveLeft()
        field.deleteBackward()
        field.insert("都")
        #expect(field.text == "東都🚀")
        field.moveHome()
        field.deleteForward()
        field.moveEnd()
        field.insert("!")
        #expect(field.text == "都🚀!")
    }

    @Test func escapeCancelsAndChangesNothing() {
        var state = Fixture.state()
        let before = state
        press(&state, .character("e"))
        type(&state, "zzz")
        #expect(press(&state, .escape).isEmpty)
        #expect(state == before)
    }

    /// A contact typed one field too far used to land in Stage ("LeadPat Newcomer"): the Stage is a picker of the
    /// pipeline's stages, ← → choose, and typing there changes nothing and says how to choose.
    @Test func theStageIsPickedNotTyped() {
        var state = Fixture.state()
        press(&state, .character("a"))
        type(&state, "Deal")
        press(&state, .up) // wraps to Stage
        type(&state, "Pat Newcomer")
        guard case .form(let typed) = state.mode else { Issue.record("form closed"); return }
        #expect(typed.fields[typed.focus].input.text == "lead")
        #expect(state.status == .info("Stage takes no typing: ← → choose one of the pipeline's stages"))
        press(&state, .right, .right)
        #expect(view(state).plainText.contains("Lead   Qualified  ‹Proposal›  Negotiation   Won"))
        press(&state, .left)
        #expect(
            press(&state, .enter) == [
                .create(pipelineID: "sales", input: ["name": "Deal", "currency": "USD", "stage": "qualified"])
            ])
    }

    @Test func thePickerGoesRoundAndHomeAndEndReachTheEnds() {
        var state = Fixture.state()
        press(&state, .character("a"), .up, .left)
        guard case .form(let last) = state.mode else { Issue.record("form closed"); return }
        #expect(last.fields[last.focus].input.text == "won")
        press(&state, .right, .backspace, .delete)
        guard case .form(let first) = state.mode else { Issue.record("form closed"); return }
        #expect(first.fields[first.focus].input.text == "lead")
        press(&state, .end)
        guard case .form(let end) = state.mode else { Issue.record("form closed"); return }
        #expect(end.fields[end.focus].input.text == "won")
        press(&state, .home)
        guard case .form(let home) = state.mode else { Issue.record("form closed"); return }
        #expect(home.fields[home.focus].input.text == "lead")
    }

    /// Editing a card, the picker starts on its stage and sends the stage only when it changes.
    @Test func theEditFormPicksTheStageToo() {
        var state = Fixture.state()
        press(&state, .right, .character("e"))
        guard case .form(let form) = state.mode, let stage = form.fields.firstIndex(where: { $0.spec.id == "stage" })
        else { Issue.record("no stage field"); return }
        #expect(form.fields[stage].input.text == "qualified")
        for _ in 0..<stage { press(&state, .tab) }
        press(&state, .right)
        #expect(press(&state, .enter) == [.edit(id: Fixture.id(4), input: ["stage": "proposal"])])
    }

    /// An error goes as soon as its field is right, not at the next save; one still wrong stays.
    @Test func anErrorGoesOnceItsFieldIsFixed() {
        var state = Fixture.state()
        press(&state, .character("e"), .down, .home)
        type(&state, "-")
        press(&state, .enter)
        guard case .form(let refused) = state.mode else { Issue.record("form closed"); return }
        #expect(refused.errors.keys.sorted() == ["value"])
        press(&state, .end)
        type(&state, "x")
        guard case .form(let stillWrong) = state.mode else { Issue.record("form closed"); return }
        #expect(stillWrong.errors["value"] != nil)
        press(&state, .backspace, .home, .delete)
        guard case .form(let fixed) = state.mode else { Issue.record("form closed"); return }
        #expect(fixed.errors.isEmpty)
        #expect(!view(state).plainText.contains("✗"))
        // Nothing complains about a field while it is typed, before Enter.
        press(&state, .home)
        type(&state, "-")
        guard case .form(let typing) = state.mode else { Issue.record("form closed"); return }
        #expect(typing.errors.isEmpty)
    }

    @Test func aFilterErrorGoesOnceTheRangeIsFixed() {
        var state = Fixture.state()
        press(&state, .character("f"), .tab, .tab)
        type(&state, "abc")
        press(&state, .enter)
        #expect(view(state).plainText.contains("✗ must be a range"))
        press(&state, .backspace)
        #expect(view(state).plainText.contains("✗ must be a range"))
        press(&state, .backspace, .backspace)
        type(&state, "10000-")
        #expect(!view(state).plainText.contains("✗"))
        press(&state, .enter)
        #expect(state.mode == .board)
        #expect(state.filter.minValueMicros == 10_000_000_000)
    }
}

@Suite("Key map")
struct KeyMapTests {
    @Test func helpListsEveryBinding() {
        var state = Fixture.state(width: 120, height: 40)
        press(&state, .character("?"))
        // The keys take more than one page at 120x40: read every page, until PgDn shows nothing new.
        var text = ""
        var pages: [String] = []
        while pages.count < 20 {
            let page = view(state).plainText
            if pages.last == page { break }
            pages.append(page)
            text += page
            press(&state, .pageDown)
        }
        #expect(pages.count > 1, "the help fits one page at 120x40; this test no longer reads paging")
        for map in state.keyMaps.all {
            #expect(text.contains(map.title))
            for binding in map.bindings {
                #expect(text.contains(binding.keyLabel), "help lacks \(binding.keyLabel)")
                #expect(text.contains(binding.summary), "help lacks \(binding.summary)")
            }
        }
        press(&state, .character("?"))
        #expect(state.mode == .board)
    }

    /// PgDn past the last page stays there, so one PgUp goes back a page; "more" is offered only while there is more.
    @Test func helpPagingStopsAtTheLastPage() {
        var state = Fixture.state(width: 120, height: 40)
        press(&state, .character("?"))
        let bar = { (state: AppState) in String(view(state).plainText.split(separator: "\n").last ?? "") }
        #expect(bar(state).contains("more"))
        for _ in 0..<10 { press(&state, .pageDown) }
        let last = state.helpPage
        #expect(last == state.helpPageCount - 1)
        #expect(!bar(state).contains("more"))
        press(&state, .pageUp)
        #expect(state.helpPage == last - 1)
    }

    /// Wide enough for every hint beside "1 pending  1 failed".
    @Test func statusBarHintsComeFromTheMap() {
        let text = view(
            Fixture.state(
                width: 140, snapshot: Fixture.snapshot(capabilities: Capabilities.all.union([.notes, .tasks])))
        )
        .plainText
        for hint in KeyMaps.standard.board.hints { #expect(text.contains(hint)) }
    }

    /// A provider that only creates (Coastline) shows no edit, move or delete hints; its add hint stays.
    @Test func statusBarLeavesOutWhatTheProviderRefuses() {
        let state = Fixture.state(snapshot: Fixture.snapshot(capabilities: [.create]))
        let bar = String(view(state).plainText.split(separator: "\n").last ?? "")
        #expect(bar.contains("a add"))
        #expect(!bar.contains("e edit") && !bar.contains("m move"))
        #expect(bar.contains("q quit"))
    }

    @Test func everyBoardActionIsReachableAndNoKeyIsBoundTwice() {
        for map in KeyMaps.standard.all {
            let keys = map.bindings.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(map.title) binds a key twice")
        }
        let board = KeyMaps.standard.board
        #expect(board.action(for: .character("L")) == .moveCardRight)
        #expect(board.action(for: .shiftRight) == .moveCardRight)
        #expect(board.action(for: .control("r")) == .redo)
    }

    @Test func reboundKeyChangesDispatchAndHelp() {
        var state = Fixture.state()
        state.keyMaps.board.bindings[state.keyMaps.board.bindings.firstIndex { $0.action == .quickAdd }!].keys = [
            .character("n")
        ]
        press(&state, .character("n"))
        guard case .form = state.mode else { Issue.record("n did not open the form"); return }
        press(&state, .escape)
        #expect(view(state).plainText.contains("n add"))
    }
}

@Suite("view")
struct ViewTests {
    @Test func everyScreenSizeRendersWellFormed() {
        for (width, height) in [(1, 1), (29, 9), (30, 10), (45, 12), (59, 30), (60, 30), (87, 25), (200, 60)] {
            var state = Fixture.state(width: width, height: height)
            for key: Key in [.down, .right, .character("e")] {
                press(&state, key)
                let screen = view(state)
                #expect(screen.width == width && screen.height == height)
                expectWellFormed(screen)
            }
        }
    }

    @Test func beforeTheFirstLoad() {
        let state = AppState(width: 80, height: 24, now: Fixture.now)
        #expect(view(state).plainText.contains("Loading the board…"))
        #expect(state.boardQuery.account == nil)
    }
}

@Suite("update: focus keeps its row")
struct FocusRowTests {
    @Test func switchingColumnsKeepsTheScreenRow() {
        var state = Fixture.state(width: 100, height: 30, snapshot: Fixture.longSnapshot())
        press(&state, .pageDown, .pageDown) // Lead scrolled: focus on a lower row
        let row = state.focus.card - (state.scroll["lead"] ?? 0)
        press(&state, .right)
        #expect(state.focus == Focus(column: 1, card: min(row, 1)))
        press(&state, .left)
        #expect(state.focus.card - (state.scroll["lead"] ?? 0) == min(row, 1))
    }
}

@Suite("update: what the runtime reports is worded here")
struct RuntimeReportTests {
    @Test(arguments: [
        (AppEvent.created(name: "Acme"), StatusMessage.info("Added Acme (u to undo)")),
        (.saved(name: "Acme"), .info("Saved Acme (u to undo)")),
        (.undone(label: "move Acme"), .info("Undid: move Acme")),
        (.redone(label: "move Acme"), .info("Redid: move Acme")),
        (.upToDate(budget: nil), .info("Up to date")),
        (.upToDate(budget: "Coperniq: 40 requests left today"), .info("Up to date · Coperniq: 40 requests left today")),
        (.lookUpFailed(reason: "timed out"), .info("no suggestions: timed out")),
        (.lostReasonsFailed(reason: "timed out"), .error("could not read the lost reasons: timed out")),
    ])
    func eachReportBecomesItsStatusLine(event: AppEvent, expected: StatusMessage) {
        var state = Fixture.state()
        #expect(update(&state, event).isEmpty)
        #expect(state.status == expected)
    }
}

@Suite("update: where the focus goes")
struct FocusAfterChangeTests {
    private func withCard(_ card: Opportunity) -> BoardSnapshot {
        Fixture.snapshot(cards: [card] + Fixture.cards)
    }

    /// A card just added is focused once the board that holds it arrives, wherever the focus was.
    @Test func aCardJustAddedIsFocused() {
        var state = Fixture.state()
        press(&state, .right, .right, .character("a"))
        type(&state, "Umbrella")
        press(&state, .up, .left) // the Stage picker: from Proposal back to Qualified
        press(&state, .enter)
        #expect(state.focus == Focus(column: 1, card: 0))
        let added = Fixture.card(50, "Umbrella", stage: "qualified", value: "100")
        _ = update(&state, .created(name: "Umbrella", id: added.id))
        _ = update(&state, .boardLoaded(withCard(added)))
        #expect(state.focusedCard?.id == added.id)
    }

    /// A key pressed before the board arrives wins: the focus stays where the user put it.
    @Test func aKeyBeforeTheBoardArrivesKeepsTheUsersFocus() {
        var state = Fixture.state()
        let added = Fixture.card(50, "Umbrella", stage: "negotiation", value: "100")
        _ = update(&state, .created(name: "Umbrella", id: added.id))
        press(&state, .down)
        _ = update(&state, .boardLoaded(withCard(added)))
        #expect(state.focusedCard?.id == Fixture.id(2))
    }

    /// Undoing a delete brings the card back, and the focus with it.
    @Test func aCardBroughtBackByUndoIsFocused() {
        let deleted = Fixture.cards[6] // Stark Industries, in Negotiation
        var state = Fixture.state(snapshot: Fixture.snapshot(cards: Fixture.cards.filter { $0.id != deleted.id }))
        press(&state, .down)
        _ = update(&state, .undone(label: "delete \(deleted.name)", broughtBack: [deleted.id]))
        _ = update(&state, .boardLoaded(Fixture.snapshot()))
        #expect(state.focusedCard?.id == deleted.id)
        #expect(state.focus.column == 3)
    }

    /// After Enter on a search the focus is on the first match, not in the empty column it was in.
    @Test func enterOnASearchFocusesTheFirstMatch() {
        var state = Fixture.state()
        press(&state, .right, .character("/"))
        type(&state, "stark")
        let matches = Fixture.snapshot(cards: Fixture.cards.filter { $0.name.hasPrefix("Stark") })
        _ = update(&state, .boardLoaded(matches))
        press(&state, .enter)
        #expect(state.focusedCard?.name == "Stark Industries — Security audit")
        // The board for the last letter may come after Enter: the focus still goes to its first match.
        let later = Fixture.snapshot(cards: Fixture.cards.filter { $0.name.contains("Pied") })
        _ = update(&state, .boardLoaded(later))
        #expect(state.focusedCard?.name == "Pied Piper — Data migration")
    }
}

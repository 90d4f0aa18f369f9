import Foundation
import PipeboardCore
import Testing
@testable import PipeboardTUI

/// The agenda on `N`: the service's groups as headings, the choice moving over deals only, scrolling, Enter going
/// to the card (on this board or another pipeline, clearing a filter that hides it), and the screens at two sizes.
@Suite("Agenda overlay")
struct AgendaTests {
    static func step(_ n: Int, _ title: String, _ day: String?, time: String? = nil) -> NextStep {
        NextStep(taskID: Fixture.id(900 + n), title: title, due: day.map { DueDate(day: $0, time: time) })
    }

    /// Fixture.now is 2026-01-01, a Thursday: this week runs to Sunday 2026-01-04.
    static let entries: [Agenda.Entry] = [
        Agenda.Entry(opportunity: Fixture.cards[2], nextStep: step(1, "Send the revised quote", "2025-12-29")),
        Agenda.Entry(
            opportunity: Fixture.cards[0],
            nextStep: step(2, "Call Ana about the rollout", "2026-01-01", time: "15:30")),
        Agenda.Entry(opportunity: Fixture.cards[4], nextStep: step(3, "Demo for the pilot team", "2026-01-03")),
        Agenda.Entry(opportunity: Fixture.cards[6], nextStep: step(4, "Security review 🚀 with legal", "2026-02-10")),
        Agenda.Entry(opportunity: Fixture.cards[1], nextStep: nil),
        Agenda.Entry(opportunity: Fixture.cards[3], nextStep: nil),
        Agenda.Entry(opportunity: Fixture.cards[5], nextStep: nil),
    ]

    static let agenda = Agenda(entries: entries, today: "2026-01-01")

    /// The fixed board of a provider that keeps tasks.
    static func withTasks(_ snapshot: BoardSnapshot = Fixture.snapshot()) -> BoardSnapshot {
        var snapshot = snapshot
        snapshot.capabilities.formUnion([.notes, .tasks])
        return snapshot
    }

    static func board(width: Int = 120, height: Int = 40, snapshot: BoardSnapshot = withTasks()) -> AppState {
        Fixture.state(width: width, height: height, snapshot: snapshot)
    }

    static func opened(width: Int = 120, height: Int = 40) -> AppState {
        var state = Self.board(width: width, height: height)
        press(&state, .character("N"))
        _ = update(&state, .agendaLoaded(agenda))
        return state
    }

    static func list(_ state: AppState) -> AgendaListState? {
        if case .agenda(let list) = state.mode { return list }
        return nil
    }

    @Test func nOpensTheAgendaOfTheAccountAndReadsIt() {
        var state = Self.board()
        #expect(press(&state, .character("N")) == [.loadAgenda(account: "agency")])
        #expect(Self.list(state)?.rows == nil)
        #expect(view(state).plainText.contains("Loading…"))
        _ = update(&state, .agendaLoaded(Self.agenda))
        #expect(Self.list(state)?.chosen?.opportunity.id == Fixture.cards[2].id)
        press(&state, .escape)
        #expect(state.mode == .board)
        press(&state, .character("N"))
        press(&state, .character("q"))
        #expect(state.mode == .board)
    }

    @Test func rowsAreTheServicesGroupsInOrderWithoutEmptyOnes() {
        let list = AgendaListState(account: "agency", agenda: Self.agenda)
        let headings = (list.rows ?? []).compactMap { row -> String? in
            if case .heading(let group, let count) = row { return "\(group.title) \(count)" }
            return nil
        }
        #expect(headings == ["Overdue 1", "Today 1", "This week 1", "Later 1", "No next step 3"])
        #expect(list.entryRows == [1, 3, 5, 7, 9, 10, 11])
        let empty = AgendaListState(account: "agency", agenda: Agenda(entries: [], today: "2026-01-01"))
        #expect(empty.rows == [])
        #expect(empty.chosen == nil)
    }

    @Test func theChoiceSkipsHeadingsAndStopsAtTheEnds() {
        var state = Self.opened()
        press(&state, .up)
        #expect(Self.list(state)?.selection == 0)
        press(&state, .down, .character("j"))
        #expect(Self.list(state)?.chosen?.opportunity.id == Fixture.cards[4].id)
        press(&state, .pageDown)
        #expect(Self.list(state)?.chosen?.opportunity.id == Fixture.cards[5].id)
        press(&state, .pageUp)
        #expect(Self.list(state)?.selection == 0)
    }

    @Test func aFreshAgendaKeepsTheChosenDeal() {
        var list = AgendaListState(account: "agency", agenda: Self.agenda)
        list.choose(by: 3)
        list.receive(Agenda(entries: Array(Self.entries.dropFirst()), today: "2026-01-01"))
        #expect(list.chosen?.opportunity.id == Fixture.cards[6].id)
    }

    @Test func aLongAgendaScrollsToKeepTheChoiceInSight() {
        let many = (1...60).map { n in
            Agenda.Entry(
                opportunity: Fixture.card(200 + n, "Deal \(n)", stage: "lead"),
                nextStep: Self.step(n, "Step \(n)", "2026-02-\(String(format: "%02d", n % 28 + 1))"))
        }
        var state = Self.board(width: 80, height: 24)
        press(&state, .character("N"))
        _ = update(&state, .agendaLoaded(Agenda(entries: many, today: "2026-01-01")))
        for _ in 0..<40 { press(&state, .down) }
        let text = view(state).plainText
        #expect(text.contains("› "))
        #expect(text.contains("Deal 41"))
        #expect(!text.contains("Deal 2 "))
        #expect(Self.list(state)?.firstRow(visible: agendaVisibleRows(height: 24)) ?? 0 > 0)
    }

    @Test func enterAsksWhereTheCardIsUnderTheBoardsFilterAndSort() {
        var state = Self.board()
        state.sorts["qualified"] = .value
        press(&state, .character("N"))
        _ = update(&state, .agendaLoaded(Self.agenda))
        press(&state, .down, .down)
        let effects = press(&state, .enter)
        #expect(state.mode == .board)
        #expect(
            effects == [.locateCard(id: Fixture.cards[4].id, statuses: [.open], filter: .none, sort: .value)])
    }

    @Test func aCardOnThisBoardTakesTheFocus() {
        var state = Self.opened()
        press(&state, .down, .down, .enter)
        let place = CardPlace(
            account: "agency", pipelineID: "sales", stageID: "qualified", name: "Hooli pilot", index: 1)
        _ = update(&state, .cardLocated(id: Fixture.cards[4].id, place: place))
        #expect(state.focusedCard?.id == Fixture.cards[4].id)
    }

    @Test func aCardDeepInAColumnIsLoadedAroundItAndFocusedWhenItArrives() {
        var state = Self.board(snapshot: Self.withTasks(Fixture.longSnapshot()))
        let deep = Fixture.card(125, "Deal 25", stage: "lead", value: "2500", company: "Company 25", days: 25)
        let place = CardPlace(account: "agency", pipelineID: "sales", stageID: "lead", name: "Deal 25", index: 24)
        let effects = update(&state, .cardLocated(id: deep.id, place: place))
        guard case .load(let query)? = effects.first else {
            Issue.record("no load: \(effects)")
            return
        }
        let window = query.window(for: "lead")
        #expect(window.offset <= 24 && 24 < window.offset + window.limit)
        var board = Fixture.longSnapshot()
        let many = (1...30).map { n in
            Fixture.card(
                100 + n, "Deal \(n)", stage: "lead", value: "\(n * 100)", company: "Company \(n)", days: Double(n))
        }
        board.columns[0] = Fixture.column(
            Fixture.pipeline.stages[0], cards: Array(many[window.offset..<min(30, window.offset + window.limit)]),
            count: 30, offset: window.offset)
        _ = update(&state, .boardLoaded(board))
        #expect(state.focus == Focus(column: 0, card: 24))
        #expect(state.focusedCard?.id == deep.id)
    }

    @Test func aCardOnAnotherPipelineSwitchesTheBoardThere() {
        var state = Self.opened()
        let place = CardPlace(account: "agency", pipelineID: "renewals", stageID: "r-open", name: "Renewal", index: 0)
        let effects = update(&state, .cardLocated(id: Fixture.id(77), place: place))
        #expect(state.target == BoardTarget(account: "agency", pipelineID: "renewals"))
        #expect(state.pendingFocus == .card(Fixture.id(77)))
        guard case .load(let query)? = effects.first else {
            Issue.record("no load: \(effects)")
            return
        }
        #expect(query.pipelineID == "renewals")
    }

    @Test func aCardTheFilterHidesClearsTheFilterAndAsksAgain() {
        var state = Self.board()
        state.filter = BoardFilter(owners: ["someone else"])
        let hidden = CardPlace(account: "agency", pipelineID: "sales", stageID: "lead", name: "Acme", index: nil)
        let effects = update(&state, .cardLocated(id: Fixture.cards[0].id, place: hidden))
        #expect(state.filter == .none)
        #expect(state.status?.text == "Search and filters cleared to show Acme")
        #expect(effects == [.locateCard(id: Fixture.cards[0].id, statuses: [.open], filter: .none, sort: .manual)])
        // Still hidden with no filter: it is closed now, and the board says so rather than asking again.
        #expect(update(&state, .cardLocated(id: Fixture.cards[0].id, place: hidden)).isEmpty)
        #expect(state.status?.text == "Acme is no longer open; C shows closed deals")
    }

    @Test func aMergedBoardOrThePastHasNoAgenda() {
        var merged = Self.withTasks()
        merged.merge = BoardMerge(badges: ["agency": "A"], targets: [:])
        var state = Fixture.state(snapshot: merged)
        #expect(press(&state, .character("N")).isEmpty)
        #expect(state.mode == .board)
        #expect(state.status?.kind == .error)
        // A provider that keeps no tasks has no agenda: the board says so instead.
        var noTasks = Fixture.snapshot()
        noTasks.capabilities.remove(.tasks)
        state = Fixture.state(snapshot: noTasks)
        #expect(press(&state, .character("N")).isEmpty)
        #expect(state.status?.text == "HighLevel's API does not offer reading tasks")
        state = Self.board()
        state.asOf = Fixture.now
        #expect(press(&state, .character("N")).isEmpty)
        #expect(state.status?.text.contains("is the past, read only") == true)
    }

    @Test func theKeyIsRebindableAndInHelpAndHints() throws {
        var maps = KeyMaps.standard
        let index = try #require(maps.board.bindings.firstIndex { $0.action == .showAgenda })
        maps.board.bindings[index].keys = [.character("Y")]
        var state = Self.board()
        state.keyMaps = maps
        #expect(press(&state, .character("N")).isEmpty)
        #expect(press(&state, .character("Y")) == [.loadAgenda(account: "agency")])
        _ = update(&state, .agendaLoaded(Self.agenda))
        #expect(state.hints.contains { $0.hasSuffix("go to card") })
        #expect(
            helpPages(KeyMaps.standard, width: 120, height: 40).joined().joined().contains { section in
                section.lines.contains { $0?.key == "N" && $0?.text.hasPrefix("Agenda") == true }
            })
        #expect(KeyMaps.standard.all.contains { $0.title == "Agenda" })
    }

    @Test func hostileTextIsDrawnAsPlainCells() {
        var card = Fixture.cards[0]
        card.name = "Acme \u{1B}[2J\u{1B}[31mRED\u{1B}[0m \u{202E}fdp.exe"
        let entry = Agenda.Entry(
            opportunity: card, nextStep: Self.step(1, "Call \u{1B}]0;pwned\u{07}\u{9B}31m back", "2025-12-30"))
        var state = Self.board()
        press(&state, .character("N"))
        _ = update(&state, .agendaLoaded(Agenda(entries: [entry], today: "2026-01-01")))
        let screen = view(state)
        expectWellFormed(screen)
        for cell in screen.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            #expect(!cell.text.unicodeScalars.contains { $0.value == 0x202E })
        }
        #expect(screen.plainText.contains("Call"))
    }

    @Test func golden120x40() {
        assertGolden(view(Self.opened()), "agenda-120x40")
    }

    @Test func golden80x24() {
        var state = Self.opened(width: 80, height: 24)
        press(&state, .down, .down, .down, .down)
        assertGolden(view(state), "agenda-80x24")
    }
}

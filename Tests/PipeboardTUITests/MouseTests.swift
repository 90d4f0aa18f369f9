import PipeboardCore
import Testing
@testable import PipeboardTUI

/// The fixture board at 120x40: columns 24 cells wide, the summary line on row 0, headers of 3 rows from row 1,
/// cards 5 rows from row 4.
@Suite struct MouseTests {
    func mouse(_ state: inout AppState, _ x: Int, _ y: Int, _ button: MouseButton = .left, _ kind: MouseEvent.Kind)
        -> [Effect]
    {
        update(&state, .terminal(.mouse(MouseEvent(x: x, y: y, button: button, kind: kind))))
    }

    @Test func hitsFollowTheLayout() {
        let state = Fixture.state()
        #expect(state.hit(x: 5, y: 0) == nil) // the summary line
        #expect(state.hit(x: 5, y: 2) == .column(0))
        #expect(state.hit(x: 5, y: 5) == .card(column: 0, card: 0))
        #expect(state.hit(x: 30, y: 10) == .card(column: 1, card: 1))
        #expect(state.hit(x: 30, y: 15) == .column(1)) // below Qualified's two cards
        #expect(state.hit(x: 100, y: 14) == .column(4))
        #expect(state.hit(x: 5, y: 39) == nil) // the status bar
    }

    @Test func aClickFocusesTheCardOrTheColumn() {
        var state = Fixture.state()
        _ = mouse(&state, 30, 10, .left, .press)
        #expect(state.focus == Focus(column: 1, card: 1))
        _ = mouse(&state, 30, 10, .left, .release)
        #expect(state.drag == nil)
        _ = mouse(&state, 52, 2, .left, .press)
        #expect(state.focus.column == 2)
    }

    @Test func draggingACardToAnotherColumnMovesIt() {
        var state = Fixture.state()
        _ = mouse(&state, 5, 10, .left, .press) // 東京商事, second card of Lead
        _ = mouse(&state, 40, 10, .left, .drag)
        #expect(state.drag == CardDrag(cardID: Fixture.id(2), fromColumn: 0, overColumn: 1))
        #expect(view(state).plainText.contains("Drop 東京商事"))
        let effects = mouse(&state, 52, 11, .left, .release)
        #expect(effects.first == .move(id: Fixture.id(2), toStageID: "proposal"))
        #expect(state.card(id: Fixture.id(2))?.stageID == "proposal")
        #expect(state.focus == Focus(column: 2, card: 0))
        #expect(state.drag == nil)
    }

    @Test func aDropBackOnItsOwnColumnChangesNothing() {
        var state = Fixture.state()
        _ = mouse(&state, 5, 5, .left, .press)
        _ = mouse(&state, 40, 5, .left, .drag)
        #expect(mouse(&state, 6, 14, .left, .release).isEmpty)
        #expect(state.card(id: Fixture.id(1))?.stageID == "lead")
    }

    @Test func aDragIsRefusedWhereTheProviderCannotMove() {
        var state = Fixture.state(snapshot: Fixture.snapshot(capabilities: [.create, .update]))
        _ = mouse(&state, 5, 5, .left, .press)
        #expect(mouse(&state, 30, 5, .left, .release).isEmpty)
        #expect(state.status?.kind == .error)
    }

    @Test func theWheelScrollsTheColumnUnderThePointer() {
        var state = Fixture.state(width: 100, height: 30, snapshot: Fixture.longSnapshot())
        _ = mouse(&state, 5, 12, .wheelDown, .press)
        _ = mouse(&state, 5, 12, .wheelDown, .press)
        #expect(state.scrollOffset(ofColumn: 0) == 2)
        #expect(state.focus.card == 2) // the focus stays on a visible card
        _ = mouse(&state, 5, 12, .wheelUp, .press)
        #expect(state.scrollOffset(ofColumn: 0) == 1)
        // Far down, the window of loaded cards follows.
        var effects: [Effect] = []
        for _ in 0..<20 { effects += mouse(&state, 5, 12, .wheelDown, .press) }
        #expect(effects.contains { if case .load = $0 { true } else { false } })
    }

    @Test func overlaysIgnoreTheMouse() {
        var state = Fixture.state()
        press(&state, .character("?"))
        #expect(mouse(&state, 5, 5, .left, .press).isEmpty)
        #expect(state.mode == .help)
    }

    @Test func aClickOnAHiddenStageMarkerBringsTheStageIn() {
        var state = Fixture.state(width: 80, height: 24)
        #expect(state.layout.columnsShown == 3)
        _ = mouse(&state, 79, 2, .left, .press)
        #expect(state.focus.column == 3)
        #expect(state.firstVisibleColumn == 1)
        _ = mouse(&state, 0, 2, .left, .press)
        #expect(state.focus.column == 0)
        #expect(state.firstVisibleColumn == 0)
    }
}

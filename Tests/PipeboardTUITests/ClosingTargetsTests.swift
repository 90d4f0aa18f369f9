import PipeboardCore
import Testing
@testable import PipeboardTUI

/// Won and lost are statuses: the ends of the pipeline say so, and while a card is being moved (the picker, a drag)
/// Won and Lost are offered beside the stages where the provider can set a deal's status.
@Suite struct ClosingTargetsTests {
    func mouse(_ state: inout AppState, _ x: Int, _ y: Int, _ kind: MouseEvent.Kind) -> [Effect] {
        update(&state, .terminal(.mouse(MouseEvent(x: x, y: y, button: .left, kind: kind))))
    }

    @Test func lOnTheLastStageNamesTheKeyThatWinsAndHOnTheFirstSaysItIsThere() {
        var state = Fixture.state()
        #expect(press(&state, .character("H")).isEmpty)
        #expect(state.status?.text == "Acme Corp — CRM rollout is already in the first stage")
        press(&state, .right, .right, .right)
        #expect(press(&state, .character("L")).first != nil) // Negotiation → Won still moves
        var last = Fixture.state()
        press(&last, .right, .right, .right, .right)
        #expect(press(&last, .character("L")).isEmpty)
        #expect(last.status?.text == "Pied Piper — Data migration is in Won, the last stage: W marks it won")
        // The key named is the key map's own.
        if let index = last.keyMaps.board.bindings.firstIndex(where: { $0.action == .markWon }) {
            last.keyMaps.board.bindings[index].keys = [.function(2)]
        }
        press(&last, .character("L"))
        #expect(last.status?.text.hasSuffix("F2 marks it won") == true)
    }

    @Test func thePickerOffersWonAndLostAfterTheStagesAndChoosingWonMarksTheDeal() {
        var state = Fixture.state()
        press(&state, .character("m"))
        guard case .stagePicker(let picker) = state.mode else { Issue.record("no picker"); return }
        #expect(picker.targets.suffix(2) == [.status(.won), .status(.lost)])
        #expect(view(state).plainText.contains("(status)"))
        press(&state, .down, .down, .down, .down, .down, .down, .down, .up)
        let effects = press(&state, .enter)
        #expect(effects == [.setStatus(id: Fixture.id(1), status: .won, lostReason: nil)])
        #expect(state.mode == .board)
    }

    @Test func withoutStatusesTheProviderCannotSetThePickerOffersOnlyStages() {
        var state = Fixture.state(snapshot: Fixture.snapshot(capabilities: Capabilities.all.subtracting(.setStatus)))
        press(&state, .character("m"))
        guard case .stagePicker(let picker) = state.mode else { Issue.record("no picker"); return }
        #expect(picker.targets.allSatisfy { if case .stage = $0 { true } else { false } })
    }

    @Test func aCardDroppedOnWonInTheStatusBarIsMarkedWon() {
        var state = Fixture.state()
        _ = mouse(&state, 5, 10, .press) // 東京商事, second card of Lead
        _ = mouse(&state, 40, 10, .drag)
        let zones = state.dropZones
        #expect(zones.map(\.status) == [.won, .lost])
        #expect(view(state).plainText.contains("✓ Won"))
        let won = zones[0].cells.lowerBound + 1
        _ = mouse(&state, won, 39, .drag)
        #expect(state.drag?.overStatus == .won)
        let effects = mouse(&state, won, 39, .release)
        #expect(effects == [.setStatus(id: Fixture.id(2), status: .won, lostReason: nil)])
        #expect(state.drag == nil && state.dropZones.isEmpty)
    }

    @Test func theEditFormShowsCustomFieldsToReadChangeAndClear() {
        var card = Fixture.cards[0]
        card.status = .lost
        card.customFields = ["lost_reason": "Budget cut", "region": "EMEA"]
        var cards = Fixture.cards
        cards[0] = card
        var state = Fixture.state(snapshot: Fixture.snapshot(cards: cards))
        press(&state, .character("e"))
        guard case .form(var form) = state.mode else { Issue.record("no form"); return }
        let custom = form.fields.filter { $0.spec.id.hasPrefix("custom.") }
        #expect(custom.map(\.spec.label) == ["lost_reason", "region"])
        #expect(custom.map(\.input.text) == ["Budget cut", "EMEA"])
        #expect(view(state).plainText.contains("Budget cut"))
        let index = try! #require(form.fields.firstIndex { $0.spec.id == "custom.lost_reason" })
        form.fields[index].input = TextField("")
        state.mode = .form(form)
        let effects = press(&state, .enter)
        #expect(effects == [.edit(id: card.id, input: ["custom.lost_reason": ""])])
    }

    @Test func aMovedCardCountsInItsNewHeaderAtOnceWithAgeZero() {
        var state = Fixture.state()
        let lead = state.columns[0], qualified = state.columns[1]
        press(&state, .character("L")) // Acme, 12 days in Lead, to Qualified
        #expect(state.columns[0].openCount == lead.openCount - 1)
        #expect(state.columns[1].openCount == qualified.openCount + 1)
        let usd = qualified.openTotals.microsByCurrency["USD"] ?? 0
        #expect(state.columns[1].openTotals.microsByCurrency["USD"] == usd + 12_500_000_000)
        // Lead keeps its other two open deals (2 and 45 days); Qualified gains one at 0 days.
        #expect(state.columns[0].averageWholeDaysInStage(now: Fixture.now) == 23)
        let before = qualified.averageDaysInStage(now: Fixture.now) ?? 0
        let after = state.columns[1].averageDaysInStage(now: Fixture.now) ?? -1
        #expect(abs(after - before * Double(qualified.openCount) / Double(qualified.openCount + 1)) < 1e-6)
        #expect(state.card(id: Fixture.id(1))?.daysInStage(now: Fixture.now) == 0)
    }
}

import Foundation
import PipeboardCore
import Testing
@testable import PipeboardTUI

/// "Overdue" and "no next step" in the filter form and in saved views, and the next-step order on `s` and in a
/// view: each asks the store for the board with them.
@Suite("Next-step filters and order on the board")
struct NextStepFilterTUITests {
    @Test func theFilterFormTakesOverdueAndNone() {
        var state = Fixture.state()
        press(&state, .character("f"))
        for _ in 0..<6 { press(&state, .tab) }
        type(&state, "overdue, none")
        let effects = press(&state, .enter)
        #expect(state.mode == .board)
        #expect(state.filter == BoardFilter(overdue: true, noNextStep: true))
        guard case .load(let query)? = effects.first else {
            Issue.record("no load: \(effects)")
            return
        }
        #expect(query.filter.overdue && query.filter.noNextStep)
        #expect(view(state).plainText.contains("overdue or no next step"))
        // The form opens again with what is applied.
        press(&state, .character("f"))
        guard case .form(let form) = state.mode else {
            Issue.record("no form")
            return
        }
        #expect(form.fields.first { $0.spec.id == "next_step" }?.input.text == "overdue, none")
    }

    @Test func aWrongWordIsAnErrorInTheFormAndNothingIsApplied() {
        var state = Fixture.state()
        press(&state, .character("f"))
        for _ in 0..<6 { press(&state, .tab) }
        type(&state, "late")
        #expect(press(&state, .enter).isEmpty)
        #expect(state.filter == .none)
        #expect(view(state).plainText.contains("must be overdue, none or both"))
    }

    @Test func sCyclesThroughTheNextStepOrder() {
        var state = Fixture.state()
        var seen: [ColumnSort?] = []
        for _ in 0..<ColumnSort.allCases.count {
            press(&state, .character("s"))
            seen.append(state.sorts["lead"])
        }
        #expect(seen == [.value, .age, .closeDate, .name, .nextStep, nil])
    }

    @Test func aViewWithASortOrdersEveryColumn() {
        var state = Fixture.state()
        state.views = [SavedView(name: "Slipping", filter: BoardFilter(overdue: true), sort: .nextStep)]
        let effects = press(&state, .character("1"))
        guard case .load(let query)? = effects.last else {
            Issue.record("no load: \(effects)")
            return
        }
        #expect(query.filter.overdue)
        #expect(Set(query.sorts.values) == [.nextStep])
        #expect(query.sorts.count == Fixture.pipeline.stages.count)
    }
}

/// A card's stale mark goes once it has a recent note or finished task, as the board's query reads them.
@Suite("Staleness on the board counts activity")
struct StaleActivityOnTheBoardTests {
    @Test func aRecentNoteClearsTheStaleMark() {
        var snapshot = Fixture.snapshot()
        let globex = Fixture.cards[2] // 45 days in Lead, last changed 40 days ago
        #expect(Fixture.state(snapshot: snapshot).staleDays(of: globex) == 40)
        snapshot.columns[0].lastActivity[globex.id] = Fixture.now.addingTimeInterval(-86_400)
        var state = Fixture.state(snapshot: snapshot)
        #expect(state.staleDays(of: globex) == nil)
        state.display.stale.countsActivity = false
        #expect(state.staleDays(of: globex) == 40)
    }
}

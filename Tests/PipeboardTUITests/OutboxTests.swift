import Foundation
import PipeboardCore
import Testing
@testable import PipeboardTUI

/// The outbox on `o`: the list, retry, discard, and a conflict with mine and theirs side by side.
@Suite("Outbox overlay")
struct OutboxOverlayTests {
    static let items: [OutboxItem] = [
        OutboxItem(
            id: 7, account: "agency", opportunityID: Fixture.id(1), cardName: "Acme — Pilot",
            summary: "move to Proposal",
            state: .pending, reason: "temporary failure: HTTP 503: Internal server error", attempts: 2,
            nextTry: Fixture.now.addingTimeInterval(12)),
        OutboxItem(
            id: 9, account: "agency", opportunityID: Fixture.id(2), cardName: "Globex renewal", summary: "edit value",
            state: .failed, reason: "rejected (422): monetaryValue must be a number", attempts: 1),
        OutboxItem(
            id: 12, account: "agency", opportunityID: Fixture.id(3), cardName: "Initech", summary: "move to Won",
            state: .conflict, reason: "conflict: stage changed at the provider too", attempts: 1,
            conflict: ConflictDetail(
                rows: [ConflictDetail.Row(field: "stage", mine: "Won", theirs: "Negotiation")],
                deletedAtProvider: false)),
    ]

    @Test func oOpensTheListAndItsKeysAskForTheRightEffects() {
        var state = Fixture.state()
        #expect(press(&state, .character("o")) == [.loadOutbox])
        #expect(state.mode == .outbox(OutboxListState()))
        #expect(update(&state, .outboxLoaded(Self.items)).isEmpty)
        #expect(press(&state, .character("r")) == [.retryOutbox(id: 7)])
        press(&state, .character("j"))
        #expect(press(&state, .character("d")) == [.discardOutbox(id: 9)])
        // A failed change is not a conflict: Enter says what can be done instead.
        #expect(press(&state, .enter).isEmpty)
        #expect(state.status?.text.contains("Edit the card") == true)
        press(&state, .down, .enter)
        #expect(state.mode == .conflict(Self.items[2]))
        #expect(press(&state, .character("t")) == [.resolveConflict(id: 12, choice: .theirs)])
        #expect(update(&state, .outboxLoaded(Array(Self.items.prefix(2)))).isEmpty)
        #expect(state.mode == .outbox(OutboxListState(items: Array(Self.items.prefix(2)), selection: 0)))
        press(&state, .escape)
        #expect(state.mode == .board)
    }

    @Test func aReloadKeepsTheChosenChange() {
        var state = Fixture.state()
        press(&state, .character("o"))
        _ = update(&state, .outboxLoaded(Self.items))
        press(&state, .down, .down)
        _ = update(&state, .outboxLoaded(Array(Self.items.dropFirst())))
        guard case .outbox(let list) = state.mode else { Issue.record("not in the outbox"); return }
        #expect(list.chosen?.id == 12)
    }

    @Test func listGolden() {
        var state = Fixture.state()
        press(&state, .character("o"))
        _ = update(&state, .outboxLoaded(Self.items))
        assertGolden(view(state), "outbox")
    }

    @Test func conflictGolden() {
        var state = Fixture.state()
        press(&state, .character("o"))
        _ = update(&state, .outboxLoaded(Self.items))
        press(&state, .down, .down, .enter)
        assertGolden(view(state), "conflict")
    }

    @Test func aPausedAccountIsSaidInTheStatusBar() {
        var snapshot = Fixture.snapshot()
        snapshot.attention = "account 'agency' needs attention"
        let state = Fixture.state(snapshot: snapshot)
        #expect(view(state).plainText.contains("paused: check credentials (o)"))
    }
}

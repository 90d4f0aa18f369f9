import Foundation
import PipeboardConfig
import PipeboardCore
import Testing
@testable import PipeboardTUI

/// n, t and x on the board: the forms, the effects they send, the words that come back, and refusals.
@Suite struct NoteAndTaskKeyTests {
    static func state() -> AppState { Fixture.state(snapshot: NextStepCardTests.snapshot()) }

    @Test func nOpensANoteFormAndEnterSendsTheNote() {
        var state = Self.state()
        press(&state, .character("n"))
        guard case .form(let form) = state.mode else { Issue.record("no form: \(state.mode)"); return }
        #expect(form.title == "Note on Acme Corp — CRM rollout")
        // An empty note is refused in the form, and nothing is sent.
        #expect(press(&state, .enter).isEmpty)
        guard case .form(let refused) = state.mode else { Issue.record("the form closed"); return }
        #expect(refused.errors["text"] == "write the note, or Esc to leave it")
        type(&state, "Called, she wants the quote by Friday")
        #expect(press(&state, .enter) == [.addNote(id: Fixture.id(1), text: "Called, she wants the quote by Friday")])
        #expect(state.mode == .board)
        _ = update(&state, .noteAdded(deal: "Acme Corp — CRM rollout"))
        #expect(state.status == .info("Added a note to Acme Corp — CRM rollout (u to undo)"))
    }

    @Test func tReadsTheDueDateAsTypedAndSaysWhatItUnderstands() {
        var state = Self.state()
        press(&state, .character("t"))
        type(&state, "Send the quote")
        press(&state, .tab)
        type(&state, "someday")
        #expect(press(&state, .enter).isEmpty)
        guard case .form(let form) = state.mode else { Issue.record("the form closed"); return }
        #expect(form.errors["due"] == "\"someday\" is not a day: try today, tomorrow, +3d, mon, or 2026-03-14")
        #expect(view(state).plainText.contains("is not a day: try today, tomorrow, +3d, mon"))
        for _ in 0..<7 { press(&state, .backspace) }
        type(&state, "+3d 3pm")
        // Today is 2026-01-01.
        #expect(
            press(&state, .enter) == [
                .addTask(id: Fixture.id(1), title: "Send the quote", due: DueDate(day: "2026-01-04", time: "15:00"))
            ])
        _ = update(&state, .taskAdded(title: "Send the quote", deal: "Acme", due: DueDate(day: "2026-01-04")))
        #expect(state.status == .info("Added “Send the quote” to Acme, due Jan 4 (u to undo)"))
    }

    @Test(arguments: [("today", "2026-01-01"), ("tomorrow", "2026-01-02"), ("mon", "2026-01-05")])
    func dueWordsAreUnderstood(word: String, day: String) {
        var state = Self.state()
        press(&state, .character("t"))
        type(&state, "Call")
        press(&state, .tab)
        type(&state, word)
        #expect(press(&state, .enter) == [.addTask(id: Fixture.id(1), title: "Call", due: DueDate(day: day))])
    }

    @Test func xFinishesTheFocusedCardsNextStep() {
        var state = Self.state()
        #expect(press(&state, .character("x")) == [.setTaskDone(taskID: Fixture.id(901), done: true)])
        #expect(state.pendingCardIDs.contains(Fixture.id(1)))
        _ = update(&state, .taskDone(title: "Call Ana back", done: true))
        #expect(state.status == .info("Done: Call Ana back (u to undo)"))
        _ = update(&state, .taskDone(title: "Call Ana back", done: false))
        #expect(state.status == .info("Reopened: Call Ana back (u to undo)"))
    }

    @Test func xOnACardWithoutAStepSaysHowToAddOne() throws {
        var state = Self.state()
        press(&state, .character("j"))
        #expect(press(&state, .character("x")).isEmpty)
        #expect(state.status == .info("東京商事 — 年間契約の更新 has no next step: t adds one"))
        // The words follow the key map.
        state.keyMaps = try KeyMaps.standard.rebinding(["board": ["add_task": ["+"], "mark_step_done": ["D"]]])
        #expect(press(&state, .character("D")).isEmpty)
        #expect(state.status == .info("東京商事 — 年間契約の更新 has no next step: + adds one"))
        #expect(press(&state, .character("t")).isEmpty)
        #expect(state.mode == .board)
        press(&state, .character("+"))
        guard case .form = state.mode else { Issue.record("+ opened no form"); return }
    }

    /// BrightMove keeps no notes or tasks, Coperniq notes only: the keys say so, as other refused changes do.
    @Test func providersWithoutNotesOrTasksAreRefusedWithTheirReason() {
        var brightMove = Fixture.snapshot(capabilities: [.create, .update, .move, .delete, .search])
        brightMove.providerName = "BrightMove"
        var state = Fixture.state(snapshot: brightMove)
        #expect(press(&state, .character("n")).isEmpty)
        #expect(state.status == .error("BrightMove's API does not offer adding notes"))
        #expect(press(&state, .character("t")).isEmpty)
        #expect(state.status == .error("BrightMove's API does not offer adding tasks"))
        #expect(press(&state, .character("x")).isEmpty)
        #expect(state.status == .error("BrightMove's API does not offer editing tasks"))
        #expect(state.mode == .board)
        let bar = String(view(state).plainText.split(separator: "\n").last ?? "")
        #expect(!bar.contains("n note") && !bar.contains("t task") && !bar.contains("x done"))

        var coperniq = Fixture.snapshot(capabilities: [.create, .update, .move, .delete, .notes])
        coperniq.providerName = "Coperniq"
        state = Fixture.state(snapshot: coperniq)
        press(&state, .character("n"))
        guard case .form = state.mode else { Issue.record("Coperniq keeps notes: n opens the form"); return }
        press(&state, .escape)
        #expect(press(&state, .character("t")).isEmpty)
        #expect(state.status == .error("Coperniq's API does not offer adding tasks"))
    }

    @Test func theBoardAsItWasRefusesThem() {
        var state = Self.state()
        state.asOf = Fixture.now
        #expect(press(&state, .character("x")).isEmpty)
        #expect(state.status?.text.hasPrefix("Finishing a task is off: the board as of") == true)
        #expect(press(&state, .character("n")).isEmpty)
        #expect(state.status?.text.hasPrefix("Adding a note is off") == true)
    }
}

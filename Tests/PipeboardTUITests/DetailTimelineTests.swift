import Foundation
import PipeboardCore
import Testing
@testable import PipeboardTUI

/// A card's details with its notes and tasks, newest first; ↑ ↓ choose a task, Enter marks it done or open, and
/// closes the details when none is chosen.
@Suite struct DetailTimelineTests {
    static func day(_ text: String, hour: Double = 10) -> Date {
        Date(timeIntervalSince1970: Double(ISODay.daysSince1970(of: text)!) * 86_400 + hour * 3_600)
    }

    static let deal = Fixture.id(1)

    static let notes = [
        Note(
            id: Fixture.id(801), account: "agency", opportunityID: deal,
            text: "Ana wants the security questionnaire before the demo, and a second quote with the support plan "
                + "priced per seat rather than per site.",
            createdAt: day("2025-12-31"), author: "Sam"),
        Note(
            id: Fixture.id(802), account: "agency", opportunityID: deal, text: "Intro call: budget approved for Q1",
            createdAt: day("2025-12-10")),
    ]

    static let tasks = [
        DealTask(
            id: Fixture.id(901), account: "agency", opportunityID: deal, title: "Call Ana back",
            due: DueDate(day: "2025-12-30"), createdAt: day("2025-12-27")),
        DealTask(
            id: Fixture.id(902), account: "agency", opportunityID: deal, title: "Send the renewal quote",
            due: DueDate(day: "2026-01-01"), createdAt: day("2025-12-29")),
        DealTask(
            id: Fixture.id(903), account: "agency", opportunityID: deal, title: "Demo to the IT team",
            due: DueDate(day: "2026-01-08", time: "15:30"), owner: "Sam", createdAt: day("2025-12-31", hour: 12)),
        DealTask(
            id: Fixture.id(904), account: "agency", opportunityID: deal, title: "Kick-off call",
            due: DueDate(day: "2025-12-12"), isDone: true, completedAt: day("2025-12-12"),
            createdAt: day("2025-12-05")),
    ]

    /// The details of Acme open, its notes and tasks read.
    static func opened(width: Int = 120, height: Int = 40) -> AppState {
        var state = Fixture.state(width: width, height: height, snapshot: NextStepCardTests.snapshot())
        #expect(press(&state, .enter) == [.loadActivity(id: deal)])
        _ = update(&state, .activityLoaded(id: deal, notes: notes, tasks: tasks))
        return state
    }

    @Test func theTimelineAt120x40() {
        var state = Self.opened()
        press(&state, .down)
        #expect(state.chosenTask == Fixture.id(903))
        assertGolden(view(state), "detail-timeline-120x40")
    }

    /// At 80×24 the empty fields give way, and the timeline scrolls to keep the chosen task in view.
    @Test func theTimelineAt80x24() {
        var state = Self.opened(width: 80, height: 24)
        assertGolden(view(state), "detail-timeline-80x24")
        press(&state, .down, .down, .down, .down)
        #expect(state.chosenTask == Fixture.id(904))
        assertGolden(view(state), "detail-timeline-80x24-last-task")
    }

    @Test func newestFirstAndTheCursorStopsOnTasksOnly() {
        let state = Self.opened()
        let order = state.activity?.entries.map(\.id)
        #expect(
            order == [
                Fixture.id(903), Fixture.id(801), Fixture.id(902), Fixture.id(901), Fixture.id(802),
                Fixture.id(904),
            ])
        #expect(state.activity?.taskOrder == [Fixture.id(903), Fixture.id(902), Fixture.id(901), Fixture.id(904)])
    }

    @Test func enterTogglesTheChosenTaskAndClosesWhenNoneIsChosen() {
        var state = Self.opened()
        press(&state, .down, .down)
        #expect(state.chosenTask == Fixture.id(902))
        #expect(press(&state, .enter) == [.setTaskDone(taskID: Fixture.id(902), done: true)])
        #expect(state.mode == .detail(Self.deal))
        // Shown done at once; the answer and a reload follow.
        #expect(state.activity?.task(id: Fixture.id(902))?.isDone == true)
        #expect(press(&state, .enter) == [.setTaskDone(taskID: Fixture.id(902), done: false)])
        // A done task opens again.
        press(&state, .down, .down)
        #expect(state.chosenTask == Fixture.id(904))
        #expect(press(&state, .enter) == [.setTaskDone(taskID: Fixture.id(904), done: false)])
        // ↑ past the first task chooses none: Enter closes, as it did before there were tasks.
        press(&state, .up, .up, .up, .up)
        #expect(state.chosenTask == nil)
        #expect(press(&state, .enter).isEmpty)
        #expect(state.mode == .board)
    }

    /// Text that reached the cache without passing a provider's reader (a note typed on the command line) still
    /// draws no control character: the screen holds none.
    @Test func controlCharactersInANoteNeverReachTheScreen() {
        var state = Fixture.state(snapshot: NextStepCardTests.snapshot())
        press(&state, .enter)
        let hostile = "\u{1b}]8;;https://evil.example\u{7}Click\u{1b}]8;;\u{7} \u{1b}[31mred\u{9b}1m \u{202e}gnp.exe"
        var note = Self.notes[1]
        note.text = hostile
        _ = update(&state, .activityLoaded(id: Self.deal, notes: [note], tasks: []))
        let text = view(state).plainText
        #expect(text.contains("✎"))
        for scalar: Unicode.Scalar in ["\u{1b}", "\u{7}", "\u{9b}", "\u{202e}"] {
            #expect(!text.unicodeScalars.contains(scalar), "\(scalar.value) reached the screen")
        }
    }

    /// On a done task Enter opens it again, and the hint says so.
    @Test func theHintSaysReopenOnADoneTask() {
        var state = Self.opened()
        press(&state, .down)
        #expect(state.hints.contains("Enter done"))
        press(&state, .down, .down, .down)
        #expect(state.chosenTask == Fixture.id(904))
        #expect(state.hints.contains("Enter reopen"))
    }

    @Test func escAndQStillClose() {
        for key in [Key.escape, .character("q")] {
            var state = Self.opened()
            press(&state, .down)
            press(&state, key)
            #expect(state.mode == .board)
        }
    }

    /// n and t from the details open their forms, and the forms go back to the details.
    @Test func notesAndTasksAddedFromTheDetailsGoBackToThem() {
        var state = Self.opened()
        press(&state, .character("n"))
        type(&state, "Sent it")
        #expect(press(&state, .enter) == [.addNote(id: Self.deal, text: "Sent it")])
        #expect(state.mode == .detail(Self.deal))
        press(&state, .character("t"))
        press(&state, .escape)
        #expect(state.mode == .detail(Self.deal))
    }

    /// A reload while the details are open reads the notes and tasks again; a chosen task that went is let go.
    @Test func aReloadReadsThemAgain() {
        var state = Self.opened()
        press(&state, .down)
        #expect(update(&state, .boardLoaded(NextStepCardTests.snapshot())).contains(.loadActivity(id: Self.deal)))
        _ = update(&state, .activityLoaded(id: Self.deal, notes: [], tasks: Array(Self.tasks.prefix(2))))
        #expect(state.chosenTask == nil)
    }

    @Test func aProviderWithoutNotesOrTasksSaysSo() {
        var board = NextStepCardTests.snapshot(capabilities: .all)
        board.providerName = "BrightMove"
        var state = Fixture.state(snapshot: board)
        #expect(press(&state, .enter).isEmpty)
        #expect(view(state).plainText.contains("Notes and tasks: BrightMove's API offers none"))
        #expect(press(&state, .down).isEmpty)
        #expect(press(&state, .enter).isEmpty)
        #expect(state.mode == .board)
    }

    @Test func noneYetSaysHowToAddThem() {
        var state = Fixture.state(snapshot: NextStepCardTests.snapshot())
        press(&state, .enter)
        #expect(view(state).plainText.contains("Notes and tasks: reading…"))
        _ = update(&state, .activityLoaded(id: Self.deal, notes: [], tasks: []))
        #expect(view(state).plainText.contains("Notes and tasks: none yet · n adds a note, t a task"))
    }

    @Test func theWindowKeepsTheChosenTaskInView() {
        let lines =
            [ActivityLine(kind: .heading, text: "Notes and tasks")]
            + (0..<10).map { ActivityLine(kind: .first, text: "row \($0)", task: Fixture.id(700 + $0)) }
        let top = window(lines, rows: 5, chosen: nil)
        #expect(top.map(\.text) == ["Notes and tasks", "row 0", "row 1", "row 2", "… 7 more rows"])
        let middle = window(lines, rows: 5, chosen: Fixture.id(705))
        #expect(middle.map(\.text) == ["Notes and tasks", "… 4 more rows", "row 4", "row 5", "… 4 more rows"])
        let last = window(lines, rows: 5, chosen: Fixture.id(709))
        #expect(last.map(\.text) == ["Notes and tasks", "… 7 more rows", "row 7", "row 8", "row 9"])
    }
}

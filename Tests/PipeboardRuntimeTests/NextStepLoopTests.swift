import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import PipeboardTUI
import Testing

/// Notes and next steps through the whole loop: keys, the real service, its outbox and undo, over a local
/// workspace.
@Suite(.serialized) struct NextStepLoopTests {
    /// The focused card's third row, where its next step shows.
    static func stepRow(_ screen: Screen) -> String {
        String(screen.plainText.split(separator: "\n", omittingEmptySubsequences: false)[7])
    }

    @Test func aTaskDueYesterdayIsOverdueThenDoneThenBackWithUndo() async throws {
        let board = try await RunningBoard()
        defer { board.cleanUp() }
        let card = try #require(board.first.columns.first?.cards.first)
        let opened = try await board.settledScreen()
        #expect(Self.stepRow(opened).hasPrefix("│ ∅ no next step"))

        board.terminal.press(.character("t"))
        board.terminal.type("Call Lena back")
        board.terminal.press(.tab)
        board.terminal.type("yesterday")
        board.terminal.press(.enter)
        // RunningBoard.now is 2026-09-21.
        let added = try await board.settledScreen { $0.plainText.contains("Added “Call Lena back”") }
        assertGolden(added, "next-step-overdue-120x40")
        #expect(Self.stepRow(added).hasPrefix("│ ▲ Sep 20 Call Lena…"))
        let task = try #require(try await board.service.tasks(of: card.id).first)
        #expect(task.due == DueDate(day: "2026-09-20"))
        #expect(task.remoteID != nil) // delivered to the workspace

        board.terminal.press(.character("x"))
        let done = try await board.settledScreen { $0.plainText.contains("Done: Call Lena back (u to undo)") }
        #expect(Self.stepRow(done).hasPrefix("│ ∅ no next step"))
        #expect(try await board.service.tasks(of: card.id).first?.isDone == true)

        board.terminal.press(.character("u"))
        let undone = try await board.settledScreen { $0.plainText.contains("Undid") }
        #expect(Self.stepRow(undone).hasPrefix("│ ▲ Sep 20 Call Lena…"))
        #expect(try await board.service.tasks(of: card.id).first?.isDone == false)
        #expect(try board.quit())
    }

    @Test func aNoteIsSavedAndUndoTakesItBack() async throws {
        let board = try await RunningBoard(width: 80, height: 24)
        defer { board.cleanUp() }
        let card = try #require(board.first.columns.first?.cards.first)
        // The starter deal's own notes, which stay.
        let earlier = try await board.service.notes(of: card.id).map(\.text)
        _ = try await board.settledScreen()
        board.terminal.press(.character("n"))
        board.terminal.type("Asked for the security questionnaire")
        board.terminal.press(.enter)
        _ = try await board.settledScreen { $0.plainText.contains("Added a note to") }
        #expect(
            try await board.service.notes(of: card.id).map(\.text) == ["Asked for the security questionnaire"] + earlier
        )
        board.terminal.press(.character("u"))
        _ = try await board.settledScreen { $0.plainText.contains("Undid") }
        #expect(try await board.service.notes(of: card.id).map(\.text) == earlier)
        #expect(try board.quit())
    }

    /// Enter on a card shows its notes and tasks; ↓ chooses the task and Enter marks it done, through the service.
    @Test func theDetailsShowTheTimelineAndEnterFinishesTheChosenTask() async throws {
        let board = try await RunningBoard()
        defer { board.cleanUp() }
        let card = try #require(board.first.columns.first?.cards.first)
        _ = try await board.settledScreen()
        board.terminal.press(.character("n"))
        board.terminal.type("Lena asked for references")
        board.terminal.press(.enter)
        _ = try await board.settledScreen { $0.plainText.contains("Added a note") }
        board.terminal.press(.character("t"))
        board.terminal.type("Send two references")
        board.terminal.press(.tab)
        board.terminal.type("tomorrow")
        board.terminal.press(.enter)
        _ = try await board.settledScreen { $0.plainText.contains("Added “Send two references”") }

        board.terminal.press(.enter)
        let details = try await board.settledScreen { $0.plainText.contains("Lena asked for references") }
        assertGolden(details, "details-timeline-120x40")
        board.terminal.press(.down, .enter)
        let done = try await board.settledScreen { $0.plainText.contains("Done: Send two references") }
        #expect(done.plainText.contains("✓ Send two references · done"))
        #expect(try await board.service.tasks(of: card.id).first?.isDone == true)
        board.terminal.press(.escape)
        #expect(try board.quit())
    }
}

import Foundation
import PipeboardCore
import PipeboardService
import PipeboardTUI
import Testing

/// The agenda through the whole loop: the service's groups on screen, and Enter going to the deal's card,
/// scrolled into sight and focused, whatever the column.
@Suite(.serialized) struct AgendaLoopTests {
    @Test func enterOnAnOverdueStepFocusesItsCardOnTheBoard() async throws {
        let board = try await RunningBoard(width: 80, height: 24)
        defer { board.cleanUp() }
        // The last card of the longest column: not the one focused at the start.
        let column = try #require(board.first.columns.max { $0.count < $1.count })
        let card = try #require(column.cards.last)
        #expect(card.id != board.first.columns.first?.cards.first?.id)
        // Due before any of the starter deals' steps, so that it comes first in the agenda.
        let monthAgo = ISODay.string(from: RunningBoard.now.addingTimeInterval(-30 * 86_400))
        try await board.service.addTask(to: card.id, title: "Chase the signed order", due: DueDate(day: monthAgo))
        // Delivered here: the board's own delivery runs only after its own changes.
        _ = await board.service.pushAll()
        _ = try await board.settledScreen()

        board.terminal.press(.character("N"))
        let agenda = try await board.settledScreen { $0.plainText.contains("Chase the signed") }
        let overdue = try await board.service.nextSteps(account: nil).entries(in: .overdue)
        #expect(overdue.first?.opportunity.id == card.id)
        #expect(agenda.plainText.contains("▲ Overdue · \(overdue.count)"))
        #expect(agenda.plainText.contains("Agenda · local"))

        board.terminal.press(.enter)
        _ = try await board.settledScreen { !$0.plainText.contains("Agenda · local") }
        // Enter on the board now opens the focused card's details: the deal the agenda named.
        board.terminal.press(.enter)
        let details = try await board.settledScreen { $0.plainText.contains("Close date") }
        let nameRow = details.plainText.split(separator: "\n").first { $0.contains("│ Name ") }
        #expect(nameRow?.contains(String(card.name.prefix(20))) == true, "\(details.plainText)")
        board.terminal.press(.escape)
        #expect(try board.quit())
    }
}

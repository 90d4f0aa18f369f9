import Foundation
import PipeboardCore
import PipeboardStore
import PipeboardTUI
import Testing

/// Cards chosen together and changed together, through the whole loop: a preview first, then one save and one undo.
@Suite(.serialized) struct BulkLoopTests {
    @Test func selectTwoCardsAndMoveThemTogetherAfterThePreview() async throws {
        let board = try await RunningBoard()
        defer { board.cleanUp() }
        let (leads, next) = (board.first.columns[0], board.first.columns[1])
        let ids = leads.cards.prefix(2).map(\.id)
        try #require(ids.count == 2)
        func stages() throws -> [String?] {
            let store = try CacheStore(path: board.cachePath)
            return try ids.map { try store.opportunity(id: $0)?.stageID }
        }
        _ = try await board.settledScreen()

        // The first two cards of Lead: select, down, select (Space works like v).
        board.terminal.press(.character("v"), .character("j"), .character(" "))
        _ = try await board.settledScreen { $0.plainText.contains("2 selected") }
        board.terminal.press(.character("L"))
        let preview = try await board.settledScreen { $0.plainText.contains("Move to the next stage") }
        assertGolden(preview, "bulk-preview")
        // Nothing is saved while the preview shows.
        #expect(try stages() == [leads.stage.id, leads.stage.id])

        board.terminal.press(.character("y"))
        let moved = try await board.settledScreen { $0.plainText.contains("Changed 2 deals") }
        assertGolden(moved, "bulk-moved")
        #expect(try stages() == [next.stage.id, next.stage.id])

        // One undo takes the whole change back.
        board.terminal.press(.character("u"))
        _ = try await board.settledScreen { $0.plainText.contains("Undid") }
        #expect(try stages() == [leads.stage.id, leads.stage.id])
        #expect(try board.quit())
    }
}

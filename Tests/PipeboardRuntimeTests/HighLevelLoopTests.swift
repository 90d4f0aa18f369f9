import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardStore
import PipeboardTUI
import ProviderFakes
import Testing

/// The loop on a HighLevel account, its client talking real HTTP to the HighLevel fake on loopback: a key press
/// reaches the provider.
@Suite(.serialized) struct HighLevelLoopTests {
    @Test func lMovesTheCardAtHighLevel() async throws {
        try await withHighLevelBoard { fake, board in
            let columns = board.first.columns
            let card = try #require(columns.first?.cards.first)
            let remoteID = try #require(card.remoteID)
            let opened = try await board.settledScreen()
            assertGolden(opened, "highlevel-open")

            board.terminal.press(.character("L"))
            let moved = try await board.settledScreen()
            // The card's stage age comes back from the fake's clock, so the screen is checked by column, not golden.
            #expect(!text(of: moved, columns: 0...28).contains(card.name))
            #expect(text(of: moved, columns: 30...58).contains(card.name))
            #expect(fake.opportunity(id: remoteID)?.pipelineStageId == columns[1].stage.id)
            let cached = try #require(try CacheStore(path: board.cachePath).opportunity(id: card.id))
            #expect(cached.stageID == columns[1].stage.id)
            #expect(try board.quit())
        }
    }

    /// Quick-add on HighLevel: the fields HighLevel treats its own way say so, the Stage is a picker of the
    /// pipeline's stages (a contact typed one field too far changes nothing), and the deal is made in the stage
    /// picked, at the fake.
    @Test func quickAddPicksTheStageAndSaysWhatHighLevelDoesWithTheContact() async throws {
        try await withHighLevelBoard { fake, board in
            let stages = board.first.columns.map(\.stage)
            _ = try await board.settledScreen()

            board.terminal.press(.character("a"))
            board.terminal.type("Newcomer deal")
            board.terminal.press(.tab, .tab)
            _ = try await board.settledScreen { $0.plainText.contains("Contact: a HighLevel contact: found by email") }
            board.terminal.press(.tab)
            board.terminal.type("Pat Newcomer")
            let typed = try await board.settledScreen { $0.plainText.contains("Stage takes no typing") }
            assertGolden(typed, "highlevel-quick-add-stage")
            #expect(!typed.plainText.contains("Pat Newcomer"))
            board.terminal.press(.right, .enter)
            _ = try await board.settledScreen { $0.plainText.contains("Added Newcomer deal") }
            let made = try #require(fake.opportunities.first { $0.name == "Newcomer deal" })
            #expect(made.pipelineStageId == stages[1].id)
            #expect(try board.quit())
        }
    }
}

/// What `screen` shows in the given columns, row by row.
private func text(of screen: Screen, columns: ClosedRange<Int>) -> String {
    (0..<screen.height).map { y in columns.map { screen[$0, y].text }.joined() }.joined(separator: "\n")
}

import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import PipeboardTUI
import Testing

/// Keys into the runtime's loop, with the real service over a temporary cache and local workspace; the last
/// screen against a golden, and the files against what the screen says.
@Suite(.serialized) struct WholeLoopTests {
    @Test func theBoardOpensWithTheStarterDeals() async throws {
        let board = try await RunningBoard()
        defer { board.cleanUp() }
        let screen = try await board.settledScreen()
        assertGolden(screen, "open-120x40")
        #expect(try board.quit())
        #expect(board.terminal.wasStopped)
    }

    @Test func aResizeRedrawsTheBoardForTheNewSize() async throws {
        let board = try await RunningBoard()
        defer { board.cleanUp() }
        _ = try await board.settledScreen()
        board.terminal.send([.resize(width: 80, height: 24)])
        let screen = try await board.settledScreen { $0.width == 80 && $0.height == 24 }
        assertGolden(screen, "resized-80x24")
        #expect(try board.quit())
    }

    @Test func lMovesTheFocusedCardToTheNextStageAndSavesIt() async throws {
        let board = try await RunningBoard()
        defer { board.cleanUp() }
        let columns = board.first.columns
        let card = try #require(columns.first?.cards.first)
        _ = try await board.settledScreen()

        board.terminal.press(.character("L"))
        let screen = try await board.settledScreen { _ in true }
        assertGolden(screen, "moved-right")
        #expect(try board.quit())

        // The cache file and the workspace's own file both hold the card in the next stage.
        let cached = try #require(try CacheStore(path: board.cachePath).opportunity(id: card.id))
        #expect(cached.stageID == columns[1].stage.id)
        let remoteID = try #require(cached.remoteID)
        let delivered = try await LocalWorkspaceProvider(path: board.workspacePath).fetch(remoteID: remoteID)
        #expect(delivered?.stageID == columns[1].stage.id)
    }

    @Test func uUndoesTheMove() async throws {
        let board = try await RunningBoard()
        defer { board.cleanUp() }
        let columns = board.first.columns
        let card = try #require(columns.first?.cards.first)
        let opened = try await board.settledScreen()

        board.terminal.press(.character("L"))
        _ = try await board.settledScreen()
        board.terminal.press(.character("u"))
        let screen = try await board.settledScreen { $0.plainText.contains("Undid") }
        assertGolden(screen, "move-undone")
        // Only the status line differs from the board as it opened.
        let rows = { (screen: Screen) in screen.plainText.split(separator: "\n", omittingEmptySubsequences: false) }
        #expect(rows(screen).dropLast(2) == rows(opened).dropLast(2))
        #expect(try board.quit())

        let cached = try #require(try CacheStore(path: board.cachePath).opportunity(id: card.id))
        #expect(cached.stageID == columns[0].stage.id)
    }

    /// A move starts the card's age in its stage again and keeps it once delivered and read back with r; undo brings
    /// the old age and its stale mark back.
    @Test func aMovedCardShowsZeroDaysAndUndoBringsTheOldAgeAndTheStaleMarkBack() async throws {
        let board = try await RunningBoard()
        defer { board.cleanUp() }
        let (leads, next) = (board.first.columns[0], board.first.columns[1])
        let index = try #require(leads.cards.firstIndex { $0.daysInStage(now: RunningBoard.now) >= 30 })
        let old = leads.cards[index]
        let mark = "◷\(old.daysInStage(now: RunningBoard.now))d"
        #expect(try await board.settledScreen().plainText.contains(mark))

        board.terminal.send(Array(repeating: .key(.character("j")), count: index) + [.key(.character("L"))])
        _ = try await board.settledScreen()
        let moved = try #require(try CacheStore(path: board.cachePath).opportunity(id: old.id))
        #expect(moved.stageID == next.stage.id)
        #expect(moved.daysInStage(now: RunningBoard.now) == 0)
        #expect(moved.stageChangedAt != old.stageChangedAt)
        // A refresh reads the card back from the cache and the workspace: still no mark.
        board.terminal.press(.character("r"))
        let refreshed = try await board.settledScreen { $0.plainText.contains("Up to date") }
        #expect(!refreshed.plainText.contains(mark), "the moved card still shows its old age")

        board.terminal.press(.character("u"))
        let undone = try await board.settledScreen { $0.plainText.contains("Undid") }
        #expect(undone.plainText.contains(mark))
        let back = try #require(try CacheStore(path: board.cachePath).opportunity(id: old.id))
        #expect(back.stageID == leads.stage.id)
        #expect(back.stageChangedAt == old.stageChangedAt)
        #expect(try board.quit())
    }

    /// X asks for a reason; the card is saved lost with it, leaves the open board and comes back with C.
    @Test func lostWithAReasonHidesTheCardUntilClosedDealsAreShown() async throws {
        let board = try await RunningBoard()
        defer { board.cleanUp() }
        let card = try #require(board.first.columns.first?.cards.first)
        // What a card shows of its name: the first 17 characters, which no other card starts with.
        let prefix = String(card.name.prefix(17))
        let columns = { (screen: Screen) in screen.plainText.split(separator: "\n").dropLast().joined(separator: "\n") }
        #expect(columns(try await board.settledScreen()).contains(prefix))

        board.terminal.press(.character("X"))
        let prompt = try await board.settledScreen { $0.plainText.contains("Mark lost") }
        #expect(prompt.plainText.contains("Reason"))
        board.terminal.type("Budget frozen")
        board.terminal.press(.enter)
        // The status bar names the card ("Marked … lost"): the columns no longer show it.
        let hidden = try await board.settledScreen { $0.plainText.contains("lost") && !columns($0).contains(prefix) }
        assertGolden(hidden, "marked-lost")
        let saved = try #require(try CacheStore(path: board.cachePath).opportunity(id: card.id))
        #expect(saved.status == .lost)
        #expect(saved.customFields["lost_reason"] == "Budget frozen")

        board.terminal.press(.character("C"))
        let shown = try await board.settledScreen { $0.plainText.contains("closed shown") }
        #expect(columns(shown).contains(prefix))
        #expect(try board.quit())
    }

    @Test func quickAddPutsANewCardInTheFocusedColumn() async throws {
        let board = try await RunningBoard()
        defer { board.cleanUp() }
        _ = try await board.settledScreen()

        board.terminal.press(.character("a"))
        board.terminal.type("Umbrella Corp")
        board.terminal.press(.tab)
        board.terminal.type("4500")
        let form = try await board.settledScreen { $0.plainText.contains("4500") }
        assertGolden(form, "quick-add-form")
        board.terminal.press(.enter)
        let screen = try await board.settledScreen { $0.plainText.contains("Added Umbrella Corp") }
        assertGolden(screen, "quick-added")
        #expect(try board.quit())

        let cards = try await board.service.list(account: nil, pipeline: nil, stage: nil)
        let added = cards.filter { $0.name == "Umbrella Corp" }
        #expect(added.count == 1)
        #expect(added.first?.stageID == board.first.columns[0].stage.id)
        #expect(added.first?.value == Money(micros: 4_500_000_000, currency: "USD"))
    }
}

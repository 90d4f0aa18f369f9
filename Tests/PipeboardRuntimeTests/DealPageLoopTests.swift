import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardTUI
import Testing

/// `b` on the running board: the card's page opened with the browser the environment names, or the page (or why
/// there is none) in the status bar.
@Suite(.serialized) struct DealPageLoopTests {
    static let template = try! CardTemplate("https://crm.example/d/{{remote_id}}")

    @Test func aLocalCardHasNoPageAndTheStatusBarSaysWhy() async throws {
        let board = try await RunningBoard { $0.dealPages = ["local": try! DealPages.page(for: .local)] }
        defer { board.cleanUp() }
        _ = try await board.settledScreen()
        let card = try #require(board.first.columns.first?.cards.first)
        board.terminal.press(.character("b"))
        let screen = try await board.settledScreen { $0.plainText.contains("no page to open") }
        #expect(screen.plainText.contains("\(card.name): no page to open: the local workspace keeps its deals here"))
        #expect(try board.quit())
    }

    @Test func theBrowserGetsTheCardsPageWithoutHoldingUpTheBoard() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-page-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let opened = folder.appendingPathComponent("opened").path
        // A "browser" that writes down the page it was given, then stays open a while as a real one does.
        let browser = folder.appendingPathComponent("browser").path
        let script = "#!/bin/sh\nprintf '%s' \"$1\" > '\(opened)'\nsleep 30\n"
        #expect(FileManager.default.createFile(atPath: browser, contents: Data(script.utf8)))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser)

        let board = try await RunningBoard {
            $0.dealPages = ["local": .at(Self.template)]
            $0.environment = ["BROWSER": browser, "PATH": "/usr/bin:/bin"]
        }
        defer { board.cleanUp() }
        _ = try await board.settledScreen()
        let card = try #require(board.first.columns.first?.cards.first)
        let url = "https://crm.example/d/\(try #require(card.remoteID))"
        board.terminal.press(.character("b"))
        let screen = try await board.settledScreen { $0.plainText.contains("Opening") }
        #expect(screen.plainText.contains("Opening \(url) ($BROWSER)"))
        // The board answers the next key while the browser is still open.
        board.terminal.press(.character("j"))
        _ = try await board.settledScreen { !$0.plainText.contains("Opening") }
        let deadline = Date().addingTimeInterval(5)
        while (try? String(contentsOfFile: opened, encoding: .utf8)) != url, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try String(contentsOfFile: opened, encoding: .utf8) == url)
        #expect(try board.quit())
    }

    @Test func withNoBrowserTheStatusBarShowsThePage() async throws {
        let board = try await RunningBoard {
            $0.dealPages = ["local": .at(Self.template)]
            $0.environment = ["PATH": "/nonexistent"]
        }
        defer { board.cleanUp() }
        _ = try await board.settledScreen()
        let card = try #require(board.first.columns.first?.cards.first)
        board.terminal.press(.character("b"))
        let screen = try await board.settledScreen { $0.plainText.contains("No browser") }
        #expect(
            screen.plainText.contains(
                "No browser to open it (set $BROWSER or install xdg-open): https://crm.example/d/\(card.remoteID!)"))
        #expect(try board.quit())
    }
}

import Foundation
import PipeboardCore
import PipeboardTUI
import Testing

/// `[[commands]]` on the running board: a real shell runs each card's line, its output shows in the overlay and
/// its exit status in the status bar.
@Suite(.serialized) struct CustomCommandLoopTests {
    static func board(_ commands: [CustomCommand]) async throws -> RunningBoard {
        try await RunningBoard {
            $0.keyMaps.commands = commands
            $0.environment = ["PATH": "/usr/bin:/bin"]
        }
    }

    static func command(_ key: Character, _ line: String, output: CustomCommand.Output = .overlay) throws
        -> CustomCommand
    {
        CustomCommand(key: .character(key), name: "show", template: try CardTemplate(line), output: output)
    }

    @Test func aCommandsOutputShowsInTheOverlayAndItsExitStatusInTheStatusBar() async throws {
        let board = try await Self.board([try Self.command("D", "printf 'deal %s in %s\\n' {{name}} {{stage}}")])
        defer { board.cleanUp() }
        _ = try await board.settledScreen()
        let column = try #require(board.first.columns.first)
        let card = try #require(column.cards.first)
        board.terminal.press(.character("D"))
        let screen = try await board.settledScreen { $0.plainText.contains("show: exit 0") }
        let text = screen.plainText
        #expect(text.contains("show · \(card.name)"))
        #expect(text.contains("deal \(card.name) in \(column.stage.name)"))
        // Esc closes it; the board is as it was.
        board.terminal.press(.escape)
        let closed = try await board.settledScreen { !$0.plainText.contains("deal \(card.name)") }
        #expect(!closed.plainText.contains("show ·"))
        // The help lists it beside the board's keys.
        board.terminal.press(.character("?"))
        var help = try await board.settledScreen()
        for _ in 0..<3 where !help.plainText.contains("Your commands") {
            board.terminal.press(.pageDown)
            help = try await board.settledScreen()
        }
        #expect(help.plainText.contains("Your commands"))
        #expect(help.plainText.contains("D  show"))
        board.terminal.press(.escape)
        #expect(try board.quit())
    }

    @Test func onSelectedCardsItRunsOncePerCardAndAFailureIsReportedWithItsStandardError() async throws {
        let board = try await Self.board([
            try Self.command("D", "printf 'on %s\\n' {{name}}; echo no >&2; exit 3")
        ])
        defer { board.cleanUp() }
        _ = try await board.settledScreen()
        let cards = try #require(board.first.columns.first?.cards.prefix(2))
        board.terminal.press(.character("v"), .character("j"), .character("v"))
        board.terminal.press(.character("D"))
        let screen = try await board.settledScreen { $0.plainText.contains("show on 2 deals") }
        let text = screen.plainText
        #expect(text.contains("show on 2 deals: 0 exit 0, 2 failed (\(cards.first!.name): exit 3)"))
        for card in cards {
            #expect(text.contains("── \(card.name): exit 3 ──"))
            #expect(text.contains("on \(card.name)"))
        }
        #expect(text.contains("no"))
        board.terminal.press(.escape)
        #expect(try board.quit())
    }

    /// A command still running when the board closes is ended with what it started, rather than outliving it.
    @Test func aCommandStillRunningWhenTheBoardClosesEndsWithIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("pid").path
        let board = try await Self.board([try Self.command("D", "sleep 60 & echo $! > \(pidFile); wait")])
        defer { board.cleanUp() }
        _ = try await board.settledScreen()
        board.terminal.press(.character("D"))
        var started: pid_t?
        for _ in 0..<100 where started == nil {
            try await Task.sleep(for: .milliseconds(50))
            started = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap {
                pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        let pid = try #require(started, "the command did not start")
        #expect(Self.isRunning(pid))
        #expect(try board.quit())
        #expect(!Self.isRunning(pid), "the command's sleep \(pid) outlived the board")
        if Self.isRunning(pid) { kill(pid, SIGKILL) }
    }

    /// Whether `pid` is a live process (one that ended but was not waited for is a zombie: not running).
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let state = stat.split(separator: ")").last?.split(separator: " ").first
        else { return false }
        return state != "Z" && state != "X"
    }

    /// A deal named to break out of the quoting is printed as its name, and nothing else runs.
    @Test func aHostileDealNameIsOneWordAndRunsNothing() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pwned = folder.appendingPathComponent("PWNED").path
        let hostile = "x'; touch \(pwned); echo '$(touch \(pwned))`touch \(pwned)`"
        let board = try await Self.board([try Self.command("D", "printf 'name=%s\\n' {{name}}")])
        defer { board.cleanUp() }
        _ = try await board.settledScreen()
        let card = try #require(board.first.columns.first?.cards.first)
        _ = try await board.service.edit(id: card.id, input: ["name": hostile])
        board.terminal.press(.character("r"))
        _ = try await board.settledScreen { $0.plainText.contains("Up to date") }
        board.terminal.press(.character("D"))
        let screen = try await board.settledScreen { $0.plainText.contains("show: exit 0") }
        #expect(screen.plainText.contains("name=x'; touch"))
        #expect(!FileManager.default.fileExists(atPath: pwned))
        board.terminal.press(.escape)
        #expect(try board.quit())
    }

    @Test func aLongOutputScrolls() async throws {
        let board = try await Self.board([try Self.command("D", "seq 1 200")])
        defer { board.cleanUp() }
        _ = try await board.settledScreen()
        board.terminal.press(.character("D"))
        let first = try await board.settledScreen { $0.plainText.contains("lines 1-33 of 200") }
        #expect(first.plainText.contains(" 33 "))
        board.terminal.press(.character("G"))
        let last = try await board.settledScreen { $0.plainText.contains("lines 168-200 of 200") }
        #expect(last.plainText.contains(" 200 "))
        board.terminal.press(.character("k"))
        _ = try await board.settledScreen { $0.plainText.contains("lines 167-199 of 200") }
        board.terminal.press(.escape)
        #expect(try board.quit())
    }
}

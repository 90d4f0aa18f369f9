import Foundation
import Testing

/// The tmux helper cleans up after itself: a full run used to leave a socket file per test in the temporary folder.
@Suite struct TmuxTests {
    @Test func stopRemovesTheSocketWhetherTheServerStillRunsOrNot() throws {
        for (command, endsItself) in [("sleep 30", false), ("sleep 0.3", true)] {
            let tmux = Tmux()
            try tmux.start(command, environment: [:])
            let socket = try tmux.tmux(["display-message", "-p", "#{socket_path}"])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(FileManager.default.fileExists(atPath: socket))
            if endsItself { #expect(tmux.waitForExit()) }
            tmux.stop()
            #expect(!FileManager.default.fileExists(atPath: socket), "\(command): \(socket) is left behind")
            #expect(!tmux.isRunning)
        }
    }
}

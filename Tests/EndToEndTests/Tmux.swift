import Foundation

/// A tmux server of the test's own (its own socket), with one window running a command: keys in, screen out.
struct Tmux {
    let socket = "pipeboard-e2e-\(UUID().uuidString.prefix(8))"

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", socket] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw HarnessError("tmux \(arguments.first ?? "") failed") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Starts `command` in a detached session of the given size, with `environment` exported.
    func start(_ command: String, environment: [String: String], width: Int = 120, height: Int = 40) throws {
        let exports = environment.map { "\($0.key)=\(shellQuoted($0.value))" }.sorted().joined(separator: " ")
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "env \(exports) TERM=tmux-256color \(command)"])
    }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "0"] + keys) }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "0", "-l", text]) }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "0"]) }

    /// Waits until the screen satisfies `condition`, or fails with the last screen after `timeout` seconds.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 15, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = (try? screen()) ?? ""
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw HarnessError("timed out waiting for \(what); the screen was:\n\(last)")
    }

    /// True while the session's command is still running.
    var isRunning: Bool { (try? tmux(["has-session"])) != nil }

    func stop() { _ = try? tmux(["kill-server"]) }

    private func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

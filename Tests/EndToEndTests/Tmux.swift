import Foundation

/// A tmux server of the test's own (its own socket), with one window running a command: keys in, screen out.
/// `stop` ends the server and removes its socket, which tmux leaves behind when it exits.
struct Tmux {
    let socket = FileManager.default.temporaryDirectory
        .appendingPathComponent("pipeboard-e2e-\(UUID().uuidString.prefix(8)).tmux").path

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-S", socket] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw HarnessError("tmux \(arguments.first ?? "") failed") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Starts `command` in a detached session of the given size, with `environment` exported.
    func start(_ command: String, environment: [String: String], width: Int = 120, height: Int = 40) throws {
        let exports = environment.map { "\($0.key)=\(shellQuoted($0.value))" }.sorted().joined(separator: " ")
        let status = spawnAndWait([
            "tmux", "-S", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
            "env \(exports) TERM=tmux-256color \(command)",
        ])
        guard status == 0 else { throw HarnessError("tmux new-session failed with status \(status)") }
    }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "0"] + keys) }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "0", "-l", "--", text]) }

    /// The screen's text; with `styled`, with the escape sequences of its colours and attributes too.
    func screen(styled: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "0"] + (styled ? ["-e"] : []))
    }

    /// Waits until the screen satisfies `condition`, or fails with the last screen after `timeout` seconds.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 15, styled: Bool = false, _ condition: (String) -> Bool) throws
        -> String
    {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = (try? screen(styled: styled)) ?? ""
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw HarnessError("timed out waiting for \(what); the screen was:\n\(last)")
    }

    /// Waits up to `timeout` seconds for the session's command to end; true when it did.
    func waitForExit(timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        return !isRunning
    }

    /// True while the session's command is still running.
    var isRunning: Bool { (try? tmux(["has-session"])) != nil }

    /// Kills the server if it still runs (its command may have ended it already) and removes the socket.
    func stop() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    private func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

/// Starts a command with every standard stream on /dev/null and waits for it. The tmux server that
/// `new-session` leaves behind inherits these streams, so no pipe of ours is held open by it.
func spawnAndWait(_ arguments: [String]) -> Int32 {
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] {
        posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    // The tmux server inherits the spawning thread's signal mask, and the test runner's threads block most
    // signals: without an empty mask the server never sees the SIGTERM that kill-server sends it.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t(), all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    guard posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, environ) == 0 else { return -1 }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
}

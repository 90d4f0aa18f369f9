import Foundation
import PipeboardTUI

/// Runs a custom command's shell lines, one card after another, with `/bin/sh -c`.
package enum CommandRunner {
    /// At most this much of the output is kept (over every card); the rest is read and dropped.
    package static let outputLimit = 1 << 20

    /// Runs each line with nothing on standard input and its output and errors collected, for the overlay; each
    /// is one of the `running` commands while it runs.
    package static func capture(_ run: CommandRun, environment: [String: String], running: RunningCommands)
        -> CommandResult
    {
        var budget = outputLimit
        let outcomes = run.lines.map { line in
            let (status, data) = captureOne(
                line.shell, name: run.name, environment: environment, running: running, keep: budget)
            budget -= data.count
            var output = String(decoding: data, as: UTF8.self)
            if budget <= 0 { output += "\n… the output was cut at \(outputLimit >> 20) MiB" }
            return CommandResult.Outcome(card: line.card, status: status, output: output)
        }
        return CommandResult(name: run.name, output: run.output, outcomes: outcomes)
    }

    /// Runs each line on the terminal (the board suspended by the caller), then waits for Enter, so that what the
    /// command printed can be read before the board comes back.
    package static func inTerminal(_ run: CommandRun, environment: [String: String]) -> CommandResult {
        var outcomes: [CommandResult.Outcome] = []
        for line in run.lines {
            if run.lines.count > 1 { say("── \(run.name): \(line.card) ──\n") }
            let status: ExitStatus
            do {
                status = ChildProcess.wait(
                    try ChildProcess.spawn(["/bin/sh", "-c", line.shell], environment: environment, streams: .inherit))
            } catch {
                status = .notStarted(String(describing: error))
            }
            outcomes.append(CommandResult.Outcome(card: line.card, status: status))
        }
        let summary = outcomes.map(\.status.description).joined(separator: ", ")
        say("\n[\(run.name): \(summary)] Press Enter to return to pipeboard")
        var byte: UInt8 = 0
        while read(STDIN_FILENO, &byte, 1) == 1, byte != 0x0A, byte != 0x0D {}
        return CommandResult(name: run.name, output: run.output, outcomes: outcomes)
    }

    private static func say(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// One line's exit status and up to `keep` bytes of what it wrote to standard output and error.
    private static func captureOne(
        _ shell: String, name: String, environment: [String: String], running: RunningCommands, keep: Int
    ) -> (ExitStatus, Data) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return (.notStarted("cannot make a pipe for its output"), Data()) }
        // Both ends stay the board's: the child gets the write end as its output and error only.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let started = Result {
            try running.start(name) {
                try ChildProcess.spawn(["/bin/sh", "-c", shell], environment: environment, streams: .capture(fds[1]))
            }
        }
        close(fds[1])
        guard case .success(let spawned) = started, let pid = spawned else {
            close(fds[0])
            if case .failure(let error) = started { return (.notStarted(String(describing: error)), Data()) }
            return (.notStarted("the board was closing"), Data())
        }
        var kept = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(fds[0], &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            // Read to the end whatever is kept, so that the command is never blocked on a full pipe.
            if kept.count < keep { kept.append(contentsOf: buffer[0..<min(count, keep - kept.count)]) }
        }
        close(fds[0])
        running.ended(pid)
        return (ChildProcess.wait(pid), kept)
    }
}

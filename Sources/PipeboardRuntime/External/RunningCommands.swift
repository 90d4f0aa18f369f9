import Foundation
import Synchronization

/// The custom commands running in the background (overlay and quiet ones), each the leader of a process group of
/// its own, so that those still running when the board closes end with everything they started instead of
/// outliving it.
package final class RunningCommands: Sendable {
    private struct State {
        var names: [pid_t: String] = [:]
        var closed = false
    }
    private let state = Mutex(State())

    package init() {}

    /// Starts a command with `spawn` and remembers it under `name`; nil once the board is closing.
    func start(_ name: String, _ spawn: () throws -> pid_t) throws -> pid_t? {
        try state.withLock { state in
            guard !state.closed else { return nil }
            let pid = try spawn()
            state.names[pid] = name
            return pid
        }
    }

    /// Forgets a command whose output has ended, before it is waited for: once waited for, its number may be
    /// given to another process, which must never be signalled.
    func ended(_ pid: pid_t) {
        state.withLock { _ = $0.names.removeValue(forKey: pid) }
    }

    /// Closes: gives the commands still running `grace` seconds to end, then sends their groups SIGTERM, and
    /// SIGKILL a second later to those still there. Returns the names of those it ended.
    package func stopAll(grace: Duration = .seconds(2)) -> [String] {
        state.withLock { $0.closed = true }
        if waitUntilNoneRun(within: grace) { return [] }
        let stopped = signalAll(SIGTERM)
        if !waitUntilNoneRun(within: .seconds(1)) { _ = signalAll(SIGKILL) }
        return stopped
    }

    private func signalAll(_ signal: Int32) -> [String] {
        state.withLock { state in
            for pid in state.names.keys { kill(-pid, signal) }
            return state.names.values.sorted()
        }
    }

    /// Whether every command ended within `limit`.
    private func waitUntilNoneRun(within limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        while !state.withLock({ $0.names.isEmpty }) {
            guard ContinuousClock.now < deadline else { return false }
            usleep(20_000)
        }
        return true
    }
}

import Foundation

import PipeboardTUI

/// Programs started with posix_spawn: a shell line for a custom command, a browser for a page. The child gets the
/// default action for the signals the board handles itself, an empty signal mask, and none of the board's open
/// files besides the three it is given.
package enum ChildProcess {
    /// Where the child's standard input, output and error go.
    package enum Streams {
        /// The board's own: the terminal, for a program that takes it over while the board is suspended.
        case inherit
        /// Nothing in, output thrown away, in a session of its own (a browser that outlives the board).
        case detached
        /// Nothing in; output and error both into `fd` (a pipe's write end); the leader of a process group of its
        /// own, so that the board can end it with what it started.
        case capture(Int32)
    }

    /// Starts `arguments` (the first is the program's path) with `environment`; throws the reason it could not.
    package static func spawn(_ arguments: [String], environment: [String: String], streams: Streams) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        switch streams {
        case .inherit:
            break
        case .detached:
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            flags |= spawnSetSID
        case .capture(let fd):
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, fd, 1)
            posix_spawn_file_actions_adddup2(&actions, fd, 2)
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
        }
        // Files the board holds open without close-on-exec (the cache, its pipes) stay the board's.
        for fd in inheritableDescriptors() { posix_spawn_file_actions_addclose(&actions, fd) }

        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGTSTP, SIGWINCH, SIGCHLD] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw ChildProcessError(program: arguments[0], reason: String(cString: strerror(result)))
        }
        return pid
    }

    /// glibc's POSIX_SPAWN_SETSID (2.26 and later), which Swift does not see: it is declared for _GNU_SOURCE only.
    private static let spawnSetSID: Int32 = 0x80

    /// Waits for the child to end.
    package static func wait(_ pid: pid_t) -> ExitStatus {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return .exited(-1) }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }

    /// The descriptors above standard error that a new program would inherit.
    private static func inheritableDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap(Int32.init).filter { fd in
            guard fd > 2 else { return false }
            let flags = fcntl(fd, F_GETFD)
            return flags >= 0 && flags & FD_CLOEXEC == 0
        }
    }

    /// `PATH`'s first executable named `name`, if any.
    package static func find(_ name: String, path: String?) -> String? {
        for folder in (path ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// A program that could not be started.
package struct ChildProcessError: Error, CustomStringConvertible {
    package var program: String
    package var reason: String
    package var description: String { "cannot start \(program): \(reason)" }
}

import CNcurses
import Glibc
import Synchronization

/// Puts the terminal back the way it was, exactly once, from wherever the program ends: `Terminal.stop()`,
/// `atexit`, a termination signal, or a crash. Signal handlers restore and then re-raise the signal with
/// whatever handler was there before (the default action, or the crash report's handler), so the
/// process still dies the way it would have and a crash still reports.
enum TerminalRestore {
    private static let active = Atomic<Bool>(false)
    private static let mouseDragOn = Atomic<Bool>(false)
    private static let hooksInstalled = Atomic<Bool>(false)
    /// Written once by `installHooks` before any handler can run, then only read (from handlers).
    nonisolated(unsafe) private static let previousActions = UnsafeMutablePointer<sigaction>.allocate(
        capacity: Int(NSIG))

    /// Ctrl-C (SIGINT: the terminal stays in cbreak mode, so ISIG is on), SIGTERM and SIGHUP end the program
    /// with the terminal restored; the rest are crashes.
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE]

    /// Installs the signal handlers and the atexit hook (once per process). Call before `newterm`, so ncurses
    /// sees handlers in place and does not install its own for SIGINT and SIGTERM.
    static func installHooks() {
        guard !hooksInstalled.exchange(true, ordering: .sequentiallyConsistent) else { return }
        for number in signals {
            pb_install_signal_handler(number, { TerminalRestore.handle($0) }, previousActions + Int(number))
        }
        atexit { TerminalRestore.restore() }
    }

    /// The terminal is in curses mode from now on.
    static func markActive() { active.store(true, ordering: .sequentiallyConsistent) }

    /// Switches xterm's button-event mouse tracking (mode 1002, for drags) on or off. ncurses does not know
    /// about it, so it is written straight to the terminal (not through stdio, whose buffer would hold it back
    /// until exit) and switched off again in `restore()`.
    static func setMouseDrag(_ on: Bool) {
        guard mouseDragOn.exchange(on, ordering: .sequentiallyConsistent) != on else { return }
        let sequence = on ? mouseDragOnSequence : mouseDragOffSequence
        _ = write(STDOUT_FILENO, sequence.utf8Start, sequence.utf8CodeUnitCount)
    }

    private static let mouseDragOnSequence: StaticString = "\u{1B}[?1002h"
    private static let mouseDragOffSequence: StaticString = "\u{1B}[?1002l"

    /// Leaves curses mode if it is on. Safe to call any number of times, from any path.
    static func restore() {
        guard active.exchange(false, ordering: .sequentiallyConsistent) else { return }
        if mouseDragOn.exchange(false, ordering: .sequentiallyConsistent) {
            _ = write(STDOUT_FILENO, mouseDragOffSequence.utf8Start, mouseDragOffSequence.utf8CodeUnitCount)
        }
        endwin()
    }

    private static func handle(_ number: Int32) {
        restore()
        // The signal is blocked while this handler runs: raise() leaves it pending, and it is delivered to the
        // previous action as soon as this returns.
        pb_restore_signal_action(number, previousActions + Int(number))
        raise(number)
    }
}

import CCrashReport
import Foundation

/// Swift's crash backtracer prints, by default, the bytes around every register as hex and text: memory that
/// may hold an account's token. Its settings are read only from SWIFT_BACKTRACE at process start, so changing
/// them would take a second start of the process (an exec, about 15 ms of every command). Instead pipeboard
/// puts its own crash handler in place of the backtracer's (see `pb_crash_report_install`): it names the signal
/// and lists the crashed thread's frames, unsymbolicated, for `addr2line`. A user who sets SWIFT_BACKTRACE
/// keeps Swift's backtracer with their settings.
enum CrashOutput {
    static func hideMemoryFromBacktraces() {
        guard ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil else { return }
        pb_crash_report_install()
    }
}

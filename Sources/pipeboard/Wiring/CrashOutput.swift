import Foundation

/// Swift's crash backtracer prints, by default, the bytes around every register as hex and text: memory that
/// may hold an account's token. Before anything is read, pipeboard re-executes itself once with the register
/// dump off, unless the user set SWIFT_BACKTRACE themselves (the runtime reads it only at start, hence the
/// exec). Frames are left unsymbolicated: symbolicating an async process here took longer than people wait
/// for a crashed terminal program; the addresses and the images they fall in are kept for `addr2line`.
enum CrashOutput {
    static let setting = "enable=yes,registers=none,images=mentioned,symbolicate=off,threads=crashed,sanitize=yes"

    static func hideMemoryFromBacktraces() {
        guard ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil else { return }
        setenv("SWIFT_BACKTRACE", setting, 1)
        var arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        // The binary's real path, so that the process keeps its name.
        let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "/proc/self/exe"
        execv(binary, &arguments)
        // exec failed (no /proc): carry on; the setting is then only inherited by child processes.
        arguments.forEach { free($0) }
    }
}

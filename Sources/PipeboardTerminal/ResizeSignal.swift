import CNcurses
import Glibc
import Synchronization

/// Makes a resize wake the input wait. ncurses' SIGWINCH handler only sets a flag that the next `get_wch`
/// turns into KEY_RESIZE; a resize that lands while the app is drawing would then wait for the next key.
/// This handler runs ncurses' handler and also writes a byte to a pipe that `waitForInput` polls.
enum ResizeSignal {
    private static let writeEnd = Atomic<Int32>(-1)
    private static let readEnd = Atomic<Int32>(-1)
    /// ncurses' handler; written once before ours is installed, then only read.
    nonisolated(unsafe) private static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 1)

    /// Call after `newterm`, so ncurses' own handler is in place to chain to. Returns the descriptor to poll.
    static func install() -> Int32? {
        if readEnd.load(ordering: .sequentiallyConsistent) >= 0 {
            return readEnd.load(ordering: .sequentiallyConsistent)
        }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        writeEnd.store(fds[1], ordering: .sequentiallyConsistent)
        readEnd.store(fds[0], ordering: .sequentiallyConsistent)
        guard pb_install_signal_handler(SIGWINCH, { ResizeSignal.handle($0) }, previous) == 0 else { return nil }
        return fds[0]
    }

    /// Empties the pipe after poll() saw it readable.
    static func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readEnd.load(ordering: .sequentiallyConsistent), &buffer, buffer.count) > 0 {}
    }

    private static func handle(_ number: Int32) {
        let savedErrno = errno // a handler must not disturb the code it interrupted
        pb_call_signal_handler(number, previous)
        var byte: UInt8 = 1
        _ = write(writeEnd.load(ordering: .sequentiallyConsistent), &byte, 1)
        errno = savedErrno
    }
}

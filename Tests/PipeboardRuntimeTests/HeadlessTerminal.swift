import Foundation
import PipeboardRuntime
import PipeboardTUI
import Synchronization

/// A terminal without a screen, for whole-loop tests: the test scripts keys and resizes, and reads the last
/// Screen the loop drew. The loop's thread and the test's share it, so all it holds is behind one lock; a pipe
/// wakes the loop's wait when the test sends something, as a key press wakes the real terminal's poll().
final class HeadlessTerminal: TerminalBackend, Sendable {
    private struct Held {
        var size: (width: Int, height: Int)
        var waiting: [TerminalEvent] = []
        var lastScreen: Screen?
        var frames = 0
        var gone = false
        var stopped = false
        var suspensions = 0
        var suspended = false
    }

    private let held: Mutex<Held>
    private let pipe: (read: Int32, write: Int32)
    let charset: Charset

    init(width: Int, height: Int, charset: Charset = .unicode) {
        held = Mutex(Held(size: (width, height)))
        self.charset = charset
        var fds: [Int32] = [0, 0]
        precondition(Foundation.pipe(&fds) == 0, "cannot create the headless terminal's pipe")
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        pipe = (fds[0], fds[1])
    }

    deinit {
        close(pipe.read)
        close(pipe.write)
    }

    // MARK: The test's side

    /// Queues input for the loop, as typed; a resize also changes `size`, as a real window's does.
    func send(_ events: [TerminalEvent]) {
        held.withLock { held in
            for event in events {
                if case let .resize(width, height) = event { held.size = (width, height) }
                held.waiting.append(event)
            }
        }
        wake()
    }

    func press(_ keys: Key...) { send(keys.map(TerminalEvent.key)) }

    /// Types `text` one character at a time.
    func type(_ text: String) { send(text.map { .key(.character($0)) }) }

    /// The window closes, as when the terminal hangs up.
    func hangUp() {
        held.withLock { $0.gone = true }
        wake()
    }

    /// The last Screen drawn and how many frames have been drawn so far.
    var lastFrame: (screen: Screen?, count: Int) { held.withLock { ($0.lastScreen, $0.frames) } }

    var wasStopped: Bool { held.withLock { $0.stopped } }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(pipe.write, &byte, 1)
    }

    // MARK: TerminalBackend, the loop's side

    var size: (width: Int, height: Int) { held.withLock { $0.size } }

    func draw(_ screen: Screen, theme: Theme) {
        held.withLock { held in
            held.lastScreen = screen
            held.frames += 1
        }
    }

    func waitForInput(wakeFD: Int32?) -> Bool {
        var fds = [pollfd(fd: pipe.read, events: Int16(POLLIN), revents: 0)]
        if let wakeFD { fds.append(pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)) }
        while poll(&fds, nfds_t(fds.count), -1) < 0 && errno == EINTR {}
        return fds[0].revents != 0
    }

    func readEvents() -> [TerminalEvent] {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(pipe.read, &buffer, buffer.count) > 0 {}
        return held.withLock { held in
            defer { held.waiting.removeAll() }
            return held.waiting
        }
    }

    var isGone: Bool { held.withLock { $0.gone } }

    func stop() { held.withLock { $0.stopped = true } }

    func suspend() {
        held.withLock { held in
            held.suspensions += 1
            held.suspended = true
        }
    }

    func resume() { held.withLock { $0.suspended = false } }

    /// How many times the loop stepped aside for a program, and whether it is aside now.
    var suspensions: (count: Int, now: Bool) { held.withLock { ($0.suspensions, $0.suspended) } }
}

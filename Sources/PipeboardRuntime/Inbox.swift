import Foundation
import PipeboardCore
import PipeboardTUI
import Synchronization

/// Messages from background work to the board's loop, with a pipe that wakes the loop from poll().
final class Inbox: Sendable {
    enum Message: Sendable {
        case app(AppEvent)
        /// A board the loop asked for, to be shown if no change was asked for since (`EffectRunner.isCurrent`).
        case loaded(LoadedBoard)
        /// A change was saved: load the board again with the loop's current query.
        case reload
        /// The outbox may have changed: load its list again if it is on screen.
        case outboxChanged
    }

    private let messages = Mutex<[Message]>([])
    private let pipe: (read: Int32, write: Int32)

    init() throws {
        var fds: [Int32] = [0, 0]
        guard Foundation.pipe(&fds) == 0 else { throw BoardLoopError("cannot create the board's wake-up pipe") }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        pipe = (fds[0], fds[1])
    }

    deinit {
        close(pipe.read)
        close(pipe.write)
    }

    /// The descriptor the loop polls beside stdin.
    var wakeDescriptor: Int32 { pipe.read }

    func post(_ message: Message) {
        messages.withLock { $0.append(message) }
        var byte: UInt8 = 1
        _ = write(pipe.write, &byte, 1)
    }

    /// Everything posted so far, oldest first.
    func drain() -> [Message] {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(pipe.read, &buffer, buffer.count) > 0 {}
        return messages.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
    }
}

/// A board as loaded, with the number of changes asked for before the load was.
struct LoadedBoard: Sendable {
    var snapshot: BoardSnapshot
    var changesBefore: Int
}

/// Why the board's loop could not start.
package struct BoardLoopError: Error, CustomStringConvertible {
    package let description: String
    init(_ description: String) { self.description = description }
}

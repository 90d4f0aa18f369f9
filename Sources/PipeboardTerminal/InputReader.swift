import CNcurses
import Glibc
import Synchronization
import PipeboardTUI

/// Reads keys, mouse reports and resizes from ncurses without blocking; waits for them with poll().
struct InputReader {
    private var escapes = EscapeSequenceParser()
    /// Shifted arrows that terminfo lists under extended names (kUP, kDN, kLFT, kRIT): ncurses gives them key
    /// codes above KEY_MAX, which differ per terminal, so they are looked up once the terminal is set up.
    private let extendedKeys: [Int32: Key]
    /// Readable after a SIGWINCH (see `ResizeSignal`).
    private let resizeFD: Int32?

    init() {
        resizeFD = ResizeSignal.install()
        var keys: [Int32: Key] = [:]
        for (name, key) in [("kUP", Key.shiftUp), ("kDN", .shiftDown), ("kLFT", .shiftLeft), ("kRIT", .shiftRight)] {
            guard let sequence = pb_tigetstr(name) else { continue }
            let code = key_defined(sequence)
            if code > 0 { keys[code] = key }
        }
        extendedKeys = keys
    }

    /// Blocks until the terminal has input or was resized, or `wakeFD` is readable. Returns false when only
    /// `wakeFD` woke it. Never reads from `wakeFD`: its owner drains it. A terminal that went away (its window
    /// closed, the connection dropped) sets `TerminalGone`, since poll would otherwise wake at once forever.
    func waitForInput(wakeFD: Int32?) -> Bool {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
        if let resizeFD { fds.append(pollfd(fd: resizeFD, events: Int16(POLLIN), revents: 0)) }
        if let wakeFD { fds.append(pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)) }
        if poll(&fds, nfds_t(fds.count), -1) < 0 { return true } // EINTR: a signal; let readEvents look
        if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            TerminalGone.flag.store(true, ordering: .relaxed)
        }
        let resized = resizeFD != nil && fds[1].revents != 0
        if resized { ResizeSignal.drain() }
        return fds[0].revents != 0 || resized
    }

    /// Everything that is waiting, in order; never blocks (stdscr is in nodelay mode) except for ncurses'
    /// short ESCDELAY wait after a lone ESC.
    mutating func readEvents() -> [TerminalEvent] {
        var events: [TerminalEvent] = []
        var character: wint_t = 0
        while true {
            let result = wget_wch(pb_stdscr(), &character)
            if result == pb_err() { break }
            guard result == pb_key_code_yes() else {
                events += escapes.feed(character).map(TerminalEvent.key)
                continue
            }
            let code = Int32(bitPattern: character)
            switch code {
            case KEY_RESIZE:
                events.append(.resize(width: Int(pb_cols()), height: Int(pb_lines())))
            case KEY_MOUSE:
                events += Self.queuedMouseEvents().map(TerminalEvent.mouse)
            default:
                if let key = extendedKeys[code] ?? KeyTranslator.key(forCode: code, isFunctionKey: true) {
                    events.append(.key(key))
                }
            }
        }
        events += escapes.endOfInput().map(TerminalEvent.key)
        return events
    }

    /// Every mouse report ncurses holds, oldest first. Reports read in one batch (a press and the motion right
    /// after it, over a slow link or while the board was busy) come with a single KEY_MOUSE, and `getmouse`
    /// hands them back newest first; taking only one would lose the press that starts a drag.
    static func queuedMouseEvents() -> [MouseEvent] {
        var reports: [MEVENT] = []
        var report = MEVENT()
        while reports.count < 64, getmouse(&report) == pb_ok() { reports.append(report) }
        return reports.reversed().compactMap { MouseTranslator.event(x: Int($0.x), y: Int($0.y), state: $0.bstate) }
    }
}

/// Set once the terminal hangs up; the board then ends as if the user had quit.
enum TerminalGone {
    static let flag = Atomic<Bool>(false)
}

import CNcurses
import Glibc
import PipeboardTUI

package enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case cannotStart(term: String)

    package var description: String {
        switch self {
        case .notATerminal:
            "the board needs a terminal; run it interactively, or use the list/add/move commands in scripts"
        case .cannotStart(let term):
            "ncurses cannot drive TERM=\(term); set TERM to a known terminal such as xterm-256color"
        }
    }
}

/// The screen and keyboard, through ncurses. Starting it enters curses mode; `stop()`, process exit, Ctrl-C,
/// SIGTERM, SIGHUP and crash signals all restore the terminal.
///
/// ncurses is single-threaded, so a Terminal must be created and used on one thread only; it is deliberately
/// not Sendable, which keeps the compiler from letting it cross threads.
package final class Terminal {
    /// The colour depth in use, from NO_COLOR and the terminfo entry (see `ColorDepthDetection`).
    package let colorDepth: ColorDepth
    package private(set) var mouseEnabled = false
    private var renderer: Renderer
    private var input: InputReader
    private var stopped = false
    private var dragReportingPending = false

    /// Enters curses mode. Ctrl-C keeps its usual meaning (SIGINT quits at once, terminal restored), since
    /// everything the board saves is committed before it counts as saved.
    /// - Parameter mouse: report clicks, drags and the wheel (false leaves the terminal's own selection alone).
    package init(mouse: Bool = true) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        setlocale(LC_ALL, "") // before ncurses starts, or wide characters come out as bytes
        TerminalRestore.installHooks()
        guard pb_newterm() != nil else {
            throw TerminalError.cannotStart(term: getenv("TERM").map { String(cString: $0) } ?? "")
        }
        TerminalRestore.markActive()
        let window = pb_stdscr()
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true) // readEvents drains without blocking; waiting happens in poll()
        curs_set(0)
        set_escdelay(25)

        let noColor = getenv("NO_COLOR").map { String(cString: $0) }
        let wantsColor = has_colors() && (noColor ?? "").isEmpty
        if wantsColor { start_color() }
        colorDepth = ColorDepthDetection.depth(noColor: noColor, hasColors: has_colors(), colors: Int(pb_colors()))
        // The theme decides when to paint a background; everywhere else the terminal's own colours show.
        let hasDefaultColors = wantsColor && use_default_colors() == pb_ok()
        renderer = Renderer(depth: colorDepth, hasDefaultColors: hasDefaultColors)
        input = InputReader()
        setMouse(mouse)
        // ncurses writes out after every cursor movement until the screen has been suspended and resumed once
        // (its "initial" state is meant for low-level terminfo programs): a frame left in some 60 write calls,
        // each a wake-up for the terminal. Leaving and re-entering curses mode now makes a frame one write.
        endwin()
        doupdate()
    }

    deinit { stop() }

    /// Leaves curses mode and restores the terminal. Safe to call more than once.
    package func stop() {
        guard !stopped else { return }
        stopped = true
        TerminalRestore.restore()
    }

    /// Leaves curses mode for a program that takes the terminal over. Ctrl-C and Ctrl-\\ are the program's while it
    /// runs: the board ignores them, so they end the program, not the board.
    package func suspend() {
        guard !stopped, !suspended else { return }
        suspended = true
        TerminalRestore.setMouseDrag(false)
        endwin()
        for (index, signal) in Self.programSignals.enumerated() {
            pb_ignore_signal(signal, Self.savedActions + index)
        }
    }

    /// Back in curses mode after `suspend()`, with the whole screen to be drawn again.
    package func resume() {
        guard !stopped, suspended else { return }
        suspended = false
        for (index, signal) in Self.programSignals.enumerated() {
            pb_restore_signal_action(signal, Self.savedActions + index)
        }
        // ncurses' idea of the screen is stale: the program drew over it.
        clearok(pb_curscr(), true)
        doupdate()
        renderer.invalidate()
        dragReportingPending = mouseEnabled
    }

    private var suspended = false
    private static let programSignals = [SIGINT, SIGQUIT]
    /// The board's own actions for `programSignals` while a program runs; one terminal per process.
    nonisolated(unsafe) private static let savedActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 2)

    /// Columns and rows of the terminal now.
    package var size: (width: Int, height: Int) { (Int(pb_cols()), Int(pb_lines())) }

    /// Turns mouse reporting on or off. Presses, releases and the wheel come through ncurses' xterm mouse
    /// support; drags need button-event tracking (mode 1002), switched on here, rather than the any-motion
    /// mode 1003, which would send a report for every mouse movement.
    package func setMouse(_ enabled: Bool) {
        guard !stopped else { return }
        if enabled {
            mouseinterval(0) // report press and release at once instead of waiting to merge them into clicks
            mouseEnabled = mousemask(pb_mouse_events(), nil) != 0
            dragReportingPending = mouseEnabled
        } else {
            mousemask(0, nil)
            TerminalRestore.setMouseDrag(false)
            mouseEnabled = false
            dragReportingPending = false
        }
    }

    /// Draws `screen`, sending the terminal only the cells that changed since the last frame.
    package func draw(_ screen: Screen, theme: Theme) {
        guard !stopped else { return }
        renderer.draw(screen, theme: theme)
        if dragReportingPending {
            // Only now: ncurses sends its own mouse mode (1000, which would cancel 1002) with the first update.
            dragReportingPending = false
            TerminalRestore.setMouseDrag(true)
        }
    }

    /// Sleeps until there is terminal input, `wakeFD` becomes readable, or a signal such as a resize arrives,
    /// using no CPU meanwhile. Returns true if the terminal may have input (call `readEvents()`); false if
    /// only `wakeFD` fired. The caller drains `wakeFD` itself.
    @discardableResult
    package func waitForInput(wakeFD: Int32? = nil) -> Bool {
        input.waitForInput(wakeFD: wakeFD)
    }

    /// True once the terminal has gone away (hung up): nothing can be read or shown any more.
    package var isGone: Bool { TerminalGone.flag.load(ordering: .relaxed) }

    /// All input waiting now, translated; never blocks. After a `.resize` the next `draw` repaints everything.
    package func readEvents() -> [TerminalEvent] {
        guard !stopped else { return [] }
        let events = input.readEvents()
        if events.contains(where: { if case .resize = $0 { true } else { false } }) {
            renderer.invalidate()
        }
        return events
    }
}

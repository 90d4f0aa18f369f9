import PipeboardTUI

/// What the board's loop needs from a terminal, and no more: PipeboardTerminal implements it over ncurses,
/// the runtime's tests with scripted events and the last Screen kept.
///
/// The loop calls it from one thread only (ncurses is single-threaded), so it need not be Sendable.
package protocol TerminalBackend: AnyObject {
    /// Columns and rows now.
    var size: (width: Int, height: Int) { get }
    /// The characters it can show: lines and arrows in Unicode, or their ASCII stand-ins.
    var charset: Charset { get }
    /// Shows `screen` in `theme`.
    func draw(_ screen: Screen, theme: Theme)
    /// Sleeps until there is input, `wakeFD` becomes readable or a signal such as a resize arrives. Returns true
    /// if there may be input (call `readEvents()`); false if only `wakeFD` fired. The caller drains `wakeFD`.
    @discardableResult
    func waitForInput(wakeFD: Int32?) -> Bool
    /// All input waiting now, translated; never blocks.
    func readEvents() -> [TerminalEvent]
    /// True once the terminal has gone away (hung up): nothing can be read or shown any more.
    var isGone: Bool { get }
    /// Gives the terminal back as it was. Safe to call more than once.
    func stop()
    /// Steps aside for a program that takes the terminal over: the screen as the shell left it, the keyboard the
    /// program's, Ctrl-C the program's alone.
    func suspend()
    /// Takes the terminal back after `suspend()`; the next `draw` repaints everything.
    func resume()
}

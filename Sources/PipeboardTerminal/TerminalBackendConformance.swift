import Foundation
import PipeboardRuntime
import PipeboardTUI

/// The board's loop draws and reads through the ncurses terminal.
extension Terminal: TerminalBackend {
    /// From the locale, as the C library decides it (see `Charset.detect`).
    package var charset: Charset { Charset.detect(environment: ProcessInfo.processInfo.environment) }
}

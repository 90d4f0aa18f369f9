import Foundation
import PipeboardTUI
import Synchronization

/// Shows long work as it goes: on a terminal one line redrawn in place (bar, pages, records, rate, time left),
/// otherwise a plain line at most once a second, so a pipe or a log gets readable text and no control characters.
final class ProgressMeter: Sendable {
    /// `start` is the first report, so a meter made before its phase begins still measures the phase's rate.
    private struct Drawn { var start: Date?; var lastDraw: Date?; var lastLength = 0; var shown = false }

    private let handle: FileHandle
    private let isTerminal: Bool
    private let descriptor: Int32
    private let charset: Charset
    private let unit: String
    private let drawn = Mutex(Drawn())

    init(
        handle: FileHandle, descriptor: Int32, unit: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.handle = handle
        isTerminal = isatty(descriptor) == 1
        self.descriptor = descriptor
        charset = Charset.detect(environment: environment)
        self.unit = unit
    }

    /// Reports progress; drawn at most 10 times a second on a terminal, once a second otherwise (and always when
    /// `force`).
    func update(done: Int, fraction: Double?, pages: Int? = nil, force: Bool = false) {
        let now = Date()
        drawn.withLock { drawn in
            let start = drawn.start ?? now
            drawn.start = start
            let text = ProgressText(
                done: done, fraction: fraction, pages: pages, unit: unit, elapsed: now.timeIntervalSince(start))
            let interval = isTerminal ? 0.1 : 1.0
            // Nothing has happened yet: a "0 pages, 0 records" line would say nothing.
            if !force, done == 0, (pages ?? 0) == 0 { return }
            if !force, let last = drawn.lastDraw, now.timeIntervalSince(last) < interval { return }
            drawn.lastDraw = now
            drawn.shown = true
            if isTerminal {
                // Never wider than the terminal: a wrapped line could not be redrawn in place.
                let columns = terminalColumns()
                let line = String(
                    text.line(charset: charset, barWidth: columns < 100 ? 12 : 24).prefix(max(10, columns - 1)))
                let padding = String(repeating: " ", count: max(0, drawn.lastLength - line.count))
                drawn.lastLength = line.count
                handle.write(Data(("\r" + line + padding).utf8))
            } else {
                handle.write(Data((text.plainLine + "\n").utf8))
            }
        }
    }

    /// Clears the progress line on a terminal so the next output starts on a clean line.
    func finish() {
        drawn.withLock { drawn in
            guard isTerminal, drawn.shown else { return }
            handle.write(Data(("\r" + String(repeating: " ", count: drawn.lastLength) + "\r").utf8))
            drawn.shown = false
            drawn.lastLength = 0
        }
    }

    private func terminalColumns() -> Int {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}

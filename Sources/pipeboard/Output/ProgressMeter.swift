import Foundation
import PipeboardTUI
import Synchronization

/// Shows long work as it goes: on a terminal one line redrawn in place (bar, pages, records, rate, time left),
/// otherwise a plain line at most once a second, so a pipe or a log gets readable text and no control characters.
final class ProgressMeter: Sendable {
    private struct Drawn { var lastDraw: Date?; var lastLength = 0; var shown = false }

    private let handle: FileHandle
    private let isTerminal: Bool
    private let charset: Charset
    private let unit: String
    private let start: Date
    private let drawn = Mutex(Drawn())

    init(handle: FileHandle, descriptor: Int32, unit: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.handle = handle
        isTerminal = isatty(descriptor) == 1
        charset = Charset.detect(environment: environment)
        self.unit = unit
        start = Date()
    }

    /// Reports progress; drawn at most 10 times a second on a terminal, once a second otherwise (and always when `force`).
    func update(done: Int, fraction: Double?, pages: Int? = nil, force: Bool = false) {
        let now = Date()
        let text = ProgressText(done: done, fraction: fraction, pages: pages, unit: unit, elapsed: now.timeIntervalSince(start))
        drawn.withLock { drawn in
            let interval = isTerminal ? 0.1 : 1.0
            if !force, let last = drawn.lastDraw, now.timeIntervalSince(last) < interval { return }
            drawn.lastDraw = now
            drawn.shown = true
            if isTerminal {
                let line = text.line(charset: charset)
                let padding = String(repeating: " ", count: max(0, drawn.lastLength - line.count))
                drawn.lastLength = line.count
                handle.write(Data(("\r" + line + padding).utf8))
            } else {
                handle.write(Data((text.plainLine + "\n").utf8))
            }
        }
    }

    /// Ends the progress line on a terminal so the next output starts on a fresh line.
    func finish() {
        drawn.withLock { drawn in
            guard isTerminal, drawn.shown else { return }
            handle.write(Data(("\r" + String(repeating: " ", count: drawn.lastLength) + "\r").utf8))
        }
    }
}

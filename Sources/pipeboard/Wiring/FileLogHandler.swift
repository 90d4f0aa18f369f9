import Foundation
import Logging
import Synchronization

/// swift-log to a file in the data folder: log lines never reach the screen, where they would tear the board.
/// Provider clients redact secrets before they log.
struct FileLogHandler: LogHandler {
    private let sink: Sink
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    private let label: String

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let details =
            merged.isEmpty
            ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let stamp = Date().formatted(.iso8601)
        // Clients redact their own secrets; this catches any other layer that might quote one.
        sink.write(SecretRedaction.shared("\(stamp) \(event.level) \(label): \(event.message)\(details)\n"))
    }

    /// Sends every logger of the process to `path` (appending), or nowhere when the file cannot be opened.
    static func bootstrap(path: String) {
        let sink = Sink(path: path)
        LoggingSystem.bootstrap { label in FileLogHandler(sink: sink, label: label) }
    }

    private init(sink: Sink, label: String) {
        self.sink = sink
        self.label = label
    }

    /// One append-only file shared by every logger; writes are serialised.
    final class Sink: Sendable {
        private let handle: Mutex<FileHandle?>

        init(path: String) {
            let exists =
                FileManager.default.fileExists(atPath: path)
                || FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            let file = exists ? FileHandle(forWritingAtPath: path) : nil
            _ = try? file?.seekToEnd()
            handle = Mutex(file)
        }

        func write(_ line: String) {
            handle.withLock { file in try? file?.write(contentsOf: Data(line.utf8)) }
        }
    }
}

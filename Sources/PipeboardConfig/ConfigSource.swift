import Foundation
import PipeboardCore
import TOMLKit

/// A config file's name and text: turns an error's key path into the file and line a user should open.
package struct ConfigSource: Hashable, Sendable {
    package var file: String
    package var text: String

    package init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    /// The TOML table of `text`, after the precheck that keeps the parser from aborting on inputs it cannot
    /// take; a syntax error names its line. `quoting: false` leaves the parser's words out, since they may
    /// quote the line (a credentials line holds a token).
    static func table(of text: String, file: String, quoting: Bool = true) throws -> TOMLTable {
        if let problem = TOMLPrecheck.problem(in: text) {
            throw ConfigError(file: file, line: problem.line, message: problem.message)
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let message =
                quoting ? "is not valid TOML: \(error.description)" : "is not valid TOML; fix the syntax on this line"
            throw ConfigError(file: file, line: Int(error.source.begin.line), message: message)
        }
    }

    /// The error with this file, and the line of its key path when it has one and no line yet.
    package func locate(_ error: ConfigError) -> ConfigError {
        var located = error
        if located.file == nil { located.file = file }
        if located.line == nil, let keyPath = error.keyPath {
            located.line = TOMLKeyLocator(source: text).line(of: keyPath)
        }
        return located
    }

    package func error(at keyPath: String, _ message: String) -> ConfigError {
        locate(ConfigError(file: file, keyPath: keyPath, message: message))
    }

    /// 1-based line of the first byte that is not UTF-8, for a file saved in another encoding.
    static func lineOfFirstInvalidUTF8(in data: Data) -> Int? {
        var line = 1
        var lineStart = data.startIndex
        for index in data.indices where data[index] == 0x0A || index == data.endIndex - 1 {
            let end = data[index] == 0x0A ? index : data.endIndex
            if String(validating: data[lineStart..<end], as: UTF8.self) == nil { return line }
            line += 1
            lineStart = index + 1
        }
        return nil
    }
}

/// "did you mean" for a mistyped key or name, else the list to choose from.
enum Suggestion {
    static func fix(for word: String, among known: Set<String>, removable: Bool = true) -> String {
        let sorted = known.sorted()
        if let close = Spelling.closest(to: word, among: sorted) {
            return "did you mean '\(close)'? (one of: \(sorted.joined(separator: ", ")))"
        }
        return (removable ? "remove it, or use one of: " : "use one of: ") + sorted.joined(separator: ", ")
    }
}

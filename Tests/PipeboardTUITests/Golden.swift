import Foundation
import PipeboardCore
import Testing
import TestSupport
@testable import PipeboardTUI

/// Compares a rendered screen with Tests/PipeboardTUITests/Golden/<name>.txt: its text, then where the focus and
/// the selection are (see `highlights`).
/// With UPDATE_GOLDEN=1 in the environment the file is (re)written instead of compared; review the diff before
/// committing. A missing golden file fails the test rather than passing silently.
func assertGolden(_ screen: Screen, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    expectWellFormed(screen, sourceLocation: sourceLocation)
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent("\(name).txt")
    let actual = ([screen.plainText, "-- highlights"] + highlights(of: screen)).joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(throws: Never.self, sourceLocation: sourceLocation) {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record(
            "Missing golden file Golden/\(name).txt; run with UPDATE_GOLDEN=1 to create it",
            sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "screen differs from Golden/\(name).txt:\n\(actual)", sourceLocation: sourceLocation)
}

/// Every row is exactly `width` cells: each glyph is 1 or 2 cells wide and every wide glyph owns its continuation.
func expectWellFormed(_ screen: Screen, sourceLocation: SourceLocation = #_sourceLocation) {
    for y in 0..<screen.height {
        var x = 0
        while x < screen.width {
            let cell = screen[x, y]
            let cells = TextWidth.cells(cell.text)
            #expect(!cell.isContinuation, "orphan continuation at \(x),\(y)", sourceLocation: sourceLocation)
            #expect(
                cells == 1 || cells == 2, "cell \(x),\(y) holds \(cell.text.debugDescription)",
                sourceLocation: sourceLocation)
            if cells == 2 {
                #expect(
                    x + 1 < screen.width && screen[x + 1, y].isContinuation, "split wide glyph at \(x),\(y)",
                    sourceLocation: sourceLocation)
                x += 2
            } else {
                x += 1
            }
        }
    }
}

import Foundation
import PipeboardTUI
import Testing
import TestSupport

/// Compares a screen the loop drew with Tests/PipeboardRuntimeTests/Golden/<name>.txt, in the TUI goldens'
/// form: its text, then where the focus and the selection are. UPDATE_GOLDEN=1 (re)writes the file instead;
/// a missing file fails.
func assertGolden(_ screen: Screen, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent("\(name).txt")
    let actual = ([screen.plainText, "-- highlights"] + highlights(of: screen)).joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        #expect(throws: Never.self, sourceLocation: sourceLocation) {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("Missing golden file Golden/\(name).txt; run with UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "screen differs from Golden/\(name).txt:\n\(actual)", sourceLocation: sourceLocation)
}

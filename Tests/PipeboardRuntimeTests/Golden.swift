import Foundation
import PipeboardTUI
import Testing

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

/// For each highlight role, the rectangles its cells cover, as "role: x 3-24, y 6-8" (0-based, inclusive).
func highlights(of screen: Screen) -> [String] {
    [ColorRole.columnHeaderFocused, .cardFocused, .cardSelected, .inputFocused].flatMap { role in
        func covered(_ x: Int, _ y: Int) -> Bool { screen[x, y].style.role == role || screen[x, y].style.on == role }
        var boxes: [(x: ClosedRange<Int>, y: ClosedRange<Int>)] = []
        for y in 0..<screen.height {
            var x = 0
            while x < screen.width {
                guard covered(x, y) else {
                    x += 1
                    continue
                }
                let start = x
                while x < screen.width, covered(x, y) { x += 1 }
                let run = start...(x - 1)
                if let above = boxes.lastIndex(where: { $0.x == run && $0.y.upperBound == y - 1 }) {
                    boxes[above].y = boxes[above].y.lowerBound...y
                } else {
                    boxes.append((run, y...y))
                }
            }
        }
        return boxes.map { "\(role): x \($0.x.lowerBound)-\($0.x.upperBound), y \($0.y.lowerBound)-\($0.y.upperBound)" }
    }
}

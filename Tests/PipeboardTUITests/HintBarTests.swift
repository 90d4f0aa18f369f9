import PipeboardCore
import Testing

@testable import PipeboardTUI

/// The board's key hints choose what fits: help and quit, then add and edit, then the rest by how often they are
/// wanted; the agenda's N shows where there is room.
@Suite struct HintBarTests {
    static func bar(width: Int, height: Int) -> String {
        let state = Fixture.state(width: width, height: height, snapshot: NextStepCardTests.snapshot())
        return String(view(state).plainText.split(separator: "\n").last ?? "")
    }

    @Test func at80ColumnsAddEditAndHelpKeepTheirRoom() {
        let bar = Self.bar(width: 80, height: 24)
        for hint in ["a add", "e edit", "? help", "q quit"] { #expect(bar.contains(hint), "\(bar)") }
        #expect(!bar.contains("n note"), "\(bar)")
    }

    /// Beside "1 pending  1 failed" not every hint fits at 120 either: the next-step keys and the agenda do.
    @Test func at120ColumnsTheNextStepKeysAndTheAgendaShow() {
        let bar = Self.bar(width: 120, height: 40)
        for hint in ["a add", "e edit", "t task", "x done", "N agenda", "/ search", "f filter", "? help", "q quit"] {
            #expect(bar.contains(hint), "\(bar)")
        }
    }

    /// A board whose provider keeps no tasks has no agenda hint, as it has no t or x.
    @Test func withoutTasksThereIsNoAgendaHint() {
        let state = Fixture.state(snapshot: Fixture.snapshot(capabilities: .all))
        let bar = String(view(state).plainText.split(separator: "\n").last ?? "")
        #expect(!bar.contains("N agenda") && !bar.contains("t task"), "\(bar)")
        #expect(bar.contains("a add"))
    }
}

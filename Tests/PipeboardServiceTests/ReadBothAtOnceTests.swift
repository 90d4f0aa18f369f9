import Foundation
import Testing
@testable import PipeboardService

@Suite struct ReadBothAtOnceTests {
    private struct Refused: Error, Equatable { var which: String }

    @Test func bothRunAtOnceAndBothResultsComeBack() throws {
        // Each waits for the other to have started: both waits succeed only if the two really run side by side.
        let mainStarted = DispatchSemaphore(value: 0), sideStarted = DispatchSemaphore(value: 0)
        let (main, side) = try readBothAtOnce(
            { () -> (String, Bool) in
                mainStarted.signal()
                return ("columns", sideStarted.wait(timeout: .now() + 10) == .success)
            },
            { () -> (Int, Bool) in
                sideStarted.signal()
                return (12, mainStarted.wait(timeout: .now() + 10) == .success)
            })
        #expect(main.0 == "columns" && main.1, "main never saw side start")
        #expect(side.0 == 12 && side.1, "side never saw main start")
    }

    @Test func anErrorOnEitherSideIsThrownAndMainsComesFirst() {
        #expect(throws: Refused(which: "side")) {
            try readBothAtOnce({ 1 }, { () -> Int in throw Refused(which: "side") })
        }
        #expect(throws: Refused(which: "main")) {
            try readBothAtOnce({ () -> Int in throw Refused(which: "main") }, { 2 })
        }
        #expect(throws: Refused(which: "main")) {
            try readBothAtOnce(
                { () -> Int in throw Refused(which: "main") }, { () -> Int in throw Refused(which: "side") })
        }
    }
}

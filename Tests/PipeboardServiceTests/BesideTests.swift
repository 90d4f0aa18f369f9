import Foundation
import Synchronization
import Testing
@testable import PipeboardService

@Suite struct BesideTests {
    private struct Refused: Error, Equatable { var which: String }

    @Test func bothRunAtOnceAndBothResultsComeBack() throws {
        // Each waits for the other to have started: this returns only if the two really run side by side.
        let started = DispatchSemaphore(value: 0), otherStarted = DispatchSemaphore(value: 0)
        let (main, side) = try beside({ () -> String in
            started.signal()
            #expect(otherStarted.wait(timeout: .now() + 10) == .success)
            return "columns"
        }, { () -> Int in
            otherStarted.signal()
            #expect(started.wait(timeout: .now() + 10) == .success)
            return 12
        })
        #expect(main == "columns")
        #expect(side == 12)
    }

    @Test func anErrorOnEitherSideIsThrownAndMainsComesFirst() {
        #expect(throws: Refused(which: "side")) { try beside({ 1 }, { () -> Int in throw Refused(which: "side") }) }
        #expect(throws: Refused(which: "main")) { try beside({ () -> Int in throw Refused(which: "main") }, { 2 }) }
        #expect(throws: Refused(which: "main")) {
            try beside({ () -> Int in throw Refused(which: "main") }, { () -> Int in throw Refused(which: "side") })
        }
    }
}

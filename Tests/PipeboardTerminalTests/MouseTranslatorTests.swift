import CNcurses
import Testing
@testable import PipeboardTerminal
import PipeboardTUI

@Suite struct MouseTranslatorTests {
    @Test func pressAndReleaseOfEachButton() {
        #expect(
            MouseTranslator.event(x: 3, y: 4, state: pb_button1_pressed())
                == MouseEvent(x: 3, y: 4, button: .left, kind: .press))
        #expect(
            MouseTranslator.event(x: 3, y: 4, state: pb_button1_released())
                == MouseEvent(x: 3, y: 4, button: .left, kind: .release))
        #expect(MouseTranslator.event(x: 0, y: 0, state: pb_button2_pressed())?.button == .middle)
        #expect(
            MouseTranslator.event(x: 0, y: 0, state: pb_button3_released())
                == MouseEvent(x: 0, y: 0, button: .right, kind: .release))
    }

    @Test func wheel() {
        #expect(
            MouseTranslator.event(x: 1, y: 2, state: pb_button4_pressed())
                == MouseEvent(x: 1, y: 2, button: .wheelUp, kind: .press))
        #expect(
            MouseTranslator.event(x: 1, y: 2, state: pb_button5_pressed())
                == MouseEvent(x: 1, y: 2, button: .wheelDown, kind: .press))
    }

    @Test func motionIsADrag() {
        #expect(
            MouseTranslator.event(x: 5, y: 6, state: pb_report_mouse_position())
                == MouseEvent(x: 5, y: 6, button: .left, kind: .drag))
        #expect(
            MouseTranslator.event(x: 5, y: 6, state: pb_report_mouse_position() | pb_button3_pressed())?.button
                == .right)
    }

    @Test func unknownReportsAreDropped() {
        #expect(MouseTranslator.event(x: 0, y: 0, state: 0) == nil)
    }
}

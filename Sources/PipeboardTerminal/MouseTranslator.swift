import CNcurses
import PipeboardTUI

/// Turns an ncurses mouse report (`MEVENT.bstate`) into a `MouseEvent`.
enum MouseTranslator {
    private static let buttons: [(pressed: mmask_t, released: mmask_t, button: MouseButton)] = [
        (pb_button1_pressed(), pb_button1_released(), .left),
        (pb_button2_pressed(), pb_button2_released(), .middle),
        (pb_button3_pressed(), pb_button3_released(), .right),
    ]

    static func event(x: Int, y: Int, state: mmask_t) -> MouseEvent? {
        // Motion is only reported while a button is held (xterm mode 1002), so any motion is a drag.
        if state & pb_report_mouse_position() != 0 {
            let held = buttons.first { state & $0.pressed != 0 }?.button ?? .left
            return MouseEvent(x: x, y: y, button: held, kind: .drag)
        }
        if state & pb_button4_pressed() != 0 { return MouseEvent(x: x, y: y, button: .wheelUp, kind: .press) }
        if state & pb_button5_pressed() != 0 { return MouseEvent(x: x, y: y, button: .wheelDown, kind: .press) }
        for entry in buttons {
            if state & entry.pressed != 0 { return MouseEvent(x: x, y: y, button: entry.button, kind: .press) }
            if state & entry.released != 0 { return MouseEvent(x: x, y: y, button: entry.button, kind: .release) }
        }
        return nil
    }
}

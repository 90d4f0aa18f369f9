import PipeboardTUI

/// The focus and the selection are colours, which plain text cannot show: for each highlight role, the
/// rectangles its cells cover (cells drawn on it count too), as "role: x 3-24, y 6-8", 0-based and inclusive.
public func highlights(of screen: Screen) -> [String] {
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

import PipeboardCore

/// A text input in one row: scrolled so that the cursor stays in view, the cursor cell in reverse when focused.
func drawInput(_ field: TextField, focused: Bool, in rect: Rect, into screen: inout Screen) {
    guard rect.width > 0 else { return }
    let style = CellStyle(focused ? .inputFocused : .input)
    screen.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: style)
    let characters = field.characters
    // Leave one cell for the cursor after the last character.
    var start = 0
    while start < field.cursor,
        characters[start..<field.cursor].reduce(0, { $0 + TextWidth.cells($1) }) > rect.width - 1
    { start += 1 }
    var x = rect.x
    for index in start..<characters.count {
        let cells = TextWidth.cells(characters[index])
        guard x + cells <= rect.maxX else { break }
        let atCursor = focused && index == field.cursor
        x += screen.write(
            String(characters[index]), x: x, y: rect.y, width: rect.maxX - x,
            style: CellStyle(style.role, reverse: atCursor))
    }
    if focused && field.cursor == characters.count {
        let cursorX = rect.x + characters[start..<characters.count].reduce(0) { $0 + TextWidth.cells($1) }
        if cursorX < rect.maxX {
            screen.write(" ", x: cursorX, y: rect.y, width: 1, style: CellStyle(style.role, reverse: true))
        }
    }
}

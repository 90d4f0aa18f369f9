/// The smallest screen the board is drawn in; below it, a "Terminal too small" message (`pipeboard doctor`).
package enum BoardMinimumSize {
    package static let columns = BoardLayout.minWidth
    package static let rows = BoardLayout.minHeight
}

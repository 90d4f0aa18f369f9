/// The smallest screen the board is drawn in; below it, a "Terminal too small" message (`pipeboard doctor`).
public enum BoardMinimumSize {
    public static let columns = BoardLayout.minWidth
    public static let rows = BoardLayout.minHeight
}

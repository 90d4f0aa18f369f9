import Foundation
import PipeboardCore

/// How the board looks, as the config says: when a deal reads as stale, what its card shows, which themes
/// `T` cycles through and which one is on.
public struct BoardDisplay: Hashable, Sendable {
    public var stale: StalePolicy
    public var cards: CardLayouts
    /// The themes `T` cycles through, in order.
    public var themes: [String]
    public var theme: String

    public init(
        stale: StalePolicy = .standard, cards: CardLayouts = CardLayouts(),
        themes: [String] = BoardDisplay.shippedThemes, theme: String = "default"
    ) {
        self.stale = stale
        self.cards = cards
        self.themes = themes
        self.theme = theme
    }

    /// The themes in themes/.
    public static let shippedThemes = ["default", "light", "solarized-dark", "high-contrast", "mono"]

    /// The theme after the current one.
    var nextTheme: String {
        guard let index = themes.firstIndex(of: theme) else { return themes.first ?? theme }
        return themes[(index + 1) % themes.count]
    }
}

/// A card held down with the mouse: where it started and the column it is over now.
public struct CardDrag: Hashable, Sendable {
    public var cardID: UUID
    public var fromColumn: Int
    public var overColumn: Int
    /// Over the Won or Lost drop zone of the status bar, rather than a column.
    public var overStatus: OpportunityStatus?
}

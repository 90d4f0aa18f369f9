import Foundation
import PipeboardCore

/// How the board looks, as the config says: when a deal reads as stale, what its card shows, which themes
/// `T` cycles through and which one is on.
package struct BoardDisplay: Hashable, Sendable {
    package var stale: StalePolicy
    package var cards: CardLayouts
    /// The themes `T` cycles through, in order.
    package var themes: [String]
    package var theme: String

    package init(
        stale: StalePolicy = .standard, cards: CardLayouts = CardLayouts(),
        themes: [String] = BoardDisplay.shippedThemes, theme: String = "default"
    ) {
        self.stale = stale
        self.cards = cards
        self.themes = themes
        self.theme = theme
    }

    /// The themes in themes/.
    package static let shippedThemes = ["default", "light", "solarized-dark", "high-contrast", "mono"]

    /// The theme after the current one.
    var nextTheme: String {
        guard let index = themes.firstIndex(of: theme) else { return themes.first ?? theme }
        return themes[(index + 1) % themes.count]
    }
}

/// A card held down with the mouse: where it started and the column it is over now.
package struct CardDrag: Hashable, Sendable {
    package var cardID: UUID
    package var fromColumn: Int
    package var overColumn: Int
    /// Over the Won or Lost drop zone of the status bar, rather than a column.
    package var overStatus: OpportunityStatus?
}

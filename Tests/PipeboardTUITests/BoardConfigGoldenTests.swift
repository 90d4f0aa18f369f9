import Foundation
import PipeboardConfig
import PipeboardCore
import Testing
@testable import PipeboardTUI

/// Golden screens of what the config changes: stale marks, card layouts, merged boards, rebound keys, a drag.
@Suite("Golden screens from the config")
struct BoardConfigGoldenTests {
    @Test func staleCardsByStageThreshold() {
        var state = Fixture.state()
        // Lead goes stale after 10 days, Proposal after 20; Negotiation never.
        state.display.stale = StalePolicy(defaultDays: 30, stageDays: ["lead": 10, "proposal": 20, "negotiation": 0])
        assertGolden(view(state), "stale-by-stage")
    }

    @Test func oneLineCards() {
        var state = Fixture.state(width: 120, height: 24)
        state.display.cards = CardLayouts(standard: CardLayout(lines: [[.name, .value]]))
        assertGolden(view(state), "cards-one-line")
    }

    @Test func threeLineCardsWithChosenFields() {
        var state = Fixture.state(width: 120, height: 24)
        state.display.cards = CardLayouts(byPipeline: [
            "sales": CardLayout(lines: [[.value, .name], [.closeDate, .probability], [.tags, .age]])
        ])
        assertGolden(view(state), "cards-three-lines-chosen-fields")
    }

    @Test func mergedBoardWithBadges() {
        assertGolden(view(Fixture.state(snapshot: mergedSnapshot())), "merged-board-badges")
    }

    @Test func mergedBoardWithOneLineCards() {
        var state = Fixture.state(width: 120, height: 24, snapshot: mergedSnapshot())
        state.display.cards = CardLayouts(standard: CardLayout(lines: [[.name]]))
        assertGolden(view(state), "merged-board-one-line")
    }

    @Test func helpFromAReboundKeyMap() throws {
        var state = Fixture.state()
        state.keyMaps = try KeyMaps.standard.rebinding([
            "board": [
                "quit": ["y", "ctrl-q"], "help": ["F1"], "move_card_left": ["<"], "move_card_right": [">"],
                "next_theme": ["w", "T"],
            ],
            "form": ["save": ["ctrl-s"]],
        ])
        press(&state, .function(1))
        assertGolden(view(state), "help-rebound")
    }

    @Test func dragInProgress() {
        var state = Fixture.state()
        _ = update(&state, .terminal(.mouse(MouseEvent(x: 5, y: 6, button: .left, kind: .press))))
        _ = update(&state, .terminal(.mouse(MouseEvent(x: 76, y: 6, button: .left, kind: .drag))))
        assertGolden(view(state), "mouse-drag-over-negotiation")
    }
}

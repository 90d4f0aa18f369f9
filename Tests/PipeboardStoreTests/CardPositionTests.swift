import Foundation
import PipeboardCore
import Testing
@testable import PipeboardStore

/// Where a card stands in its column, as the board would show it: the agenda's Enter loads the window around it.
@Suite("A card's position in its column")
struct CardPositionTests {
    @Test func theIndexFollowsTheColumnsOrderAndTheFilter() throws {
        let store = try CacheStore.inMemory()
        let cards = [
            card("Delta", rank: 0, value: usd(100)), card("alpha", rank: 1, value: usd(900)),
            card("Charlie", rank: 2, value: usd(500)), card("bravo", rank: 3, status: .won),
            card("Echo", stage: "qualified", rank: 0),
        ]
        try store.seed(cards)
        let position = { (index: Int, sort: ColumnSort, statuses: Set<OpportunityStatus>, filter: BoardFilter) in
            try store.position(of: cards[index], statuses: statuses, filter: filter, sort: sort, now: referenceNow)
        }
        #expect(try position(2, .manual, [], .none) == 2)
        #expect(try position(2, .value, [], .none) == 1)
        #expect(try position(1, .name, [], .none) == 0)
        #expect(try position(0, .name, [], .none) == 3)
        // The won card is not among the open ones; a filter that hides a card gives nil.
        #expect(try position(3, .manual, [.open], .none) == nil)
        #expect(try position(2, .manual, [.open], BoardFilter(search: "charlie")) == 0)
        #expect(try position(0, .manual, [.open], BoardFilter(search: "charlie")) == nil)
        // Another column counts on its own.
        #expect(try position(4, .manual, [], .none) == 0)
    }
}

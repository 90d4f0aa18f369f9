import Foundation
import PipeboardCore
import Testing

/// The first run's past (`DemoHistory.firstRun`) agrees with each starter card: its moves chain from the first
/// stage into the stage it is in, entered at its stage time; a closed deal closes at its status time; nothing
/// happens after the card's own times.
@Suite struct FirstRunHistoryTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let stages = DemoData.pipeline.stages.map(\.id)

    @Test(arguments: [1, 2, 3, 42] as [UInt64])
    func everyPastEndsWhereTheCardIs(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let cards = DemoData.opportunities(count: 200, seed: seed, account: "local", now: Self.now)
        var moved = 0
        for card in cards {
            let changes = DemoHistory.firstRun(for: card, stages: Self.stages, random: &random)
            #expect(changes.allSatisfy { $0.at >= card.createdAt && $0.at <= card.lastActivityAt }, "\(card.name)")
            let moves = changes.filter { $0.field == .stage }
            if card.stageChangedAt.timeIntervalSince(card.createdAt) < 86_400 {
                #expect(moves.isEmpty)
            } else {
                moved += 1
                #expect(moves.first?.from == Self.stages[0] && moves.first?.since == card.createdAt)
                #expect(moves.last?.to == card.stageID && moves.last?.at == card.stageChangedAt)
                for (earlier, later) in zip(moves, moves.dropFirst()) {
                    #expect(later.from == earlier.to && later.since == earlier.at && later.at >= earlier.at)
                }
                #expect(moves.allSatisfy { $0.from != $0.to })
            }
            let statuses = changes.filter { $0.field == .status }
            if card.status.isClosed {
                #expect(statuses.count == 1)
                #expect(statuses.first?.to == card.status.rawValue && statuses.first?.from == "open")
                #expect(statuses.first?.at == card.statusChangedAt ?? card.updatedAt)
            } else {
                #expect(statuses.isEmpty)
            }
        }
        #expect(moved > cards.count / 2)
    }

    @Test func mostMovesGoForwardOneStage() {
        var random = SplitMix64(seed: 5)
        var forward = 0
        var back = 0
        for current in 0..<4 {
            for _ in 0..<50 {
                let path = DemoHistory.firstRunPath(to: current, of: 4, open: true, random: &random)
                #expect(path.first == 0 && path.last == current)
                for (from, to) in zip(path, path.dropFirst()) {
                    #expect(to - from <= 2 && to - from >= -1 && to != from)
                    if to > from { forward += 1 } else { back += 1 }
                }
            }
        }
        #expect(forward > 3 * back)
    }
}

/// `demo --history`'s past (`DemoHistory.changes`) agrees with each card too: its last move enters the card's stage
/// at the card's stage time, and nothing happens after the card's own last change.
@Suite struct DemoHistoryTests {
    @Test(arguments: [2, 6, 10])
    func everyPastEndsWhereTheCardIsAtItsOwnTimes(perDeal: Int) {
        var random = SplitMix64(seed: 11)
        let cards = DemoData.opportunities(count: 300, seed: 4, account: "local", now: FirstRunHistoryTests.now)
        for card in cards {
            let changes = DemoHistory.changes(
                for: card, stages: FirstRunHistoryTests.stages, perDeal: perDeal, now: FirstRunHistoryTests.now,
                random: &random)
            #expect(changes.allSatisfy { $0.at >= card.createdAt && $0.at <= card.lastActivityAt }, "\(card.name)")
            let moves = changes.filter { $0.field == .stage }.sorted { $0.at < $1.at }
            if let last = moves.last {
                #expect(last.to == card.stageID && last.at == card.stageChangedAt, "\(card.name)")
            }
            for (earlier, later) in zip(moves, moves.dropFirst()) {
                #expect(later.from == earlier.to && later.since == earlier.at)
            }
            let values = changes.filter { $0.field == .value }.sorted { $0.at < $1.at }
            #expect(values.last.map { $0.to == DealChange.text(of: card.value) } ?? true)
        }
    }
}

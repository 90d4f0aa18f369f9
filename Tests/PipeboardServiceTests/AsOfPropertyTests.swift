import Foundation
import PipeboardCore
import PipeboardService
import PipeboardStore
import Synchronization
import Testing

/// A clock the test sets: each generated change happens at a chosen moment.
final class SetClock: Sendable {
    private let time: Mutex<Date>
    init(_ start: Date) { time = Mutex(start) }
    func set(_ date: Date) { time.withLock { $0 = date } }
    func callAsFunction() -> Date { time.withLock { $0 } }
}

/// Deterministic pseudo-random numbers (SplitMix64), so a failure can be replayed from its seed.
struct SplitMix {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

@Suite("The board as it was, replayed")
struct AsOfPropertyTests {
    /// What the board shows of a card: its stage, status and value.
    struct Shown: Hashable {
        var stage: String
        var status: OpportunityStatus
        var value: Money?
        init(_ card: Opportunity) { (stage, status, value) = (card.stageID, card.status, card.value) }
    }

    /// The board as it was keeps what it read while the history and the cards stay as they were, so scrolling it
    /// reads only its windows; a card made before its day (or any change) is seen at the next load.
    @Test func theBoardAsItWasIsReadAgainOnceTheCardsChange() async throws {
        let day0 = Date(timeIntervalSince1970: 1_790_000_000 - 1_790_000_000.truncatingRemainder(dividingBy: 86_400))
        let clock = SetClock(day0.addingTimeInterval(-86_400 * 3))
        let bench = try await Workbench(clock: { clock() }).seeded()
        defer { bench.cleanUp() }
        func past(offset: Int) async throws -> BoardSnapshot {
            var query = BoardQuery(defaultWindow: CardWindow(offset: offset, limit: 1_000))
            query.asOf = day0.addingTimeInterval(86_400)
            return try await bench.service.board(query)
        }
        let before = try await past(offset: 0)
        let shown = before.columns.map(\.count).reduce(0, +)
        #expect(shown > 0)
        #expect(try await past(offset: 1).columns.map(\.count) == before.columns.map(\.count))
        clock.set(day0.addingTimeInterval(3_600))
        let made = try await bench.service.create(account: nil, pipeline: nil, input: ["name": "Made then"])
        let after = try await past(offset: 0)
        #expect(after.columns.map(\.count).reduce(0, +) == shown + 1)
        #expect(after.columns.contains { $0.cards.contains { $0.id == made.id } })
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func theBoardAsOfEachDayIsTheStateThatDayHad(seed: UInt64) async throws {
        var random = SplitMix(state: seed)
        let day0 = Date(timeIntervalSince1970: 1_790_000_000 - 1_790_000_000.truncatingRemainder(dividingBy: 86_400))
        let clock = SetClock(day0.addingTimeInterval(-86_400 * 3))
        let bench = try await Workbench(clock: { clock() }).seeded()
        defer { bench.cleanUp() }
        let stages = ["Lead", "Qualified", "Proposal", "Negotiation"]
        // The model: every card's state at the end of each day, as the changes left it.
        var model: [UUID: Shown] = [:]
        for card in try await bench.service.list(account: nil, pipeline: nil, stage: nil) {
            model[card.id] = Shown(card)
        }
        var days: [(String, [UUID: Shown])] = []
        for day in 0..<8 {
            let start = day0.addingTimeInterval(Double(day) * 86_400)
            for step in 0..<(1 + random.next(6)) {
                clock.set(start.addingTimeInterval(Double(step + 1) * 3_600 + Double(random.next(3_000))))
                let ids = model.keys.sorted { $0.uuidString < $1.uuidString }
                guard !ids.isEmpty else { continue }
                let id = ids[random.next(ids.count)]
                let changed: Opportunity?
                switch random.next(7) {
                case 0, 1:
                    changed = try await bench.service.move(id: id, toStage: stages[random.next(stages.count)])
                case 2:
                    let statuses: [OpportunityStatus] = [.open, .won, .lost]
                    changed = try await bench.service.setStatus(id: id, statuses[random.next(statuses.count)])
                case 3:
                    changed = try await bench.service.edit(id: id, input: ["value": "\(100 * (1 + random.next(50)))"])
                case 4:
                    changed = try await bench.service.create(
                        account: nil, pipeline: nil, input: ["name": "New \(day)-\(step)", "value": "10"])
                case 5:
                    try await bench.service.delete(id: id)
                    model[id] = nil
                    changed = nil
                default:
                    // Undo takes back the newest change, whichever card it was: read every card again.
                    _ = try? await bench.service.undo()
                    changed = nil
                    model = [:]
                    for card in try await bench.service.list(account: nil, pipeline: nil, stage: nil) {
                        model[card.id] = Shown(card)
                    }
                }
                if let changed { model[changed.id] = Shown(changed) }
            }
            days.append((ISODay.string(from: start), model))
        }
        // The days differ from one another: the replay has something to check.
        #expect(Set(days.map { $0.1 }).count > 4, "seed \(seed)")
        for (day, expected) in days {
            let cutoff = try #require(AsOf.endOfDay(day))
            let past = try await bench.service.list(
                account: nil, pipeline: nil, stage: nil, statuses: [], filter: .none, asOf: cutoff)
            var shown: [UUID: Shown] = [:]
            for card in past { shown[card.id] = Shown(card) }
            let wrong = Set(shown.keys).union(expected.keys).filter { shown[$0] != expected[$0] }
            let example = wrong.first.map { id in
                "\(shown[id].map { "\($0)" } ?? "absent") instead of \(expected[id].map { "\($0)" } ?? "absent")"
            }
            #expect(wrong.isEmpty, "seed \(seed), \(day): \(wrong.count) cards differ, e.g. \(example ?? "")")
            // The board's columns hold the same cards, each in the column of its stage then.
            let board = try await bench.service.board(
                {
                    var query = BoardQuery(defaultWindow: CardWindow(offset: 0, limit: 1_000))
                    query.asOf = cutoff
                    return query
                }())
            #expect(board.asOf == cutoff && board.capabilities.isEmpty)
            for column in board.columns {
                #expect(column.count == expected.values.filter { $0.stage == column.stage.id }.count)
                #expect(column.cards.allSatisfy { expected[$0.id]?.stage == column.stage.id })
            }
        }
    }
}

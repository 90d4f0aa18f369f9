import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes
import Synchronization
import TestSupport
import Testing

/// Generated sequences of creates, moves (the board's path by stage id, the command line's by name), bulk moves,
/// status changes, undo, redo and pulls that move a card at the provider, on the local workspace and on the
/// HighLevel fake. After every step each card's stage, status and stage time, the board's headers, the summary
/// line's totals and `report --format json` equal what a model of the cards, kept apart from the service, gives.
@Suite(.serialized) struct StageAgePropertyTests {
    static let steps = Int(ProcessInfo.processInfo.environment["AGE_STEPS"] ?? "") ?? 45

    @Test(arguments: [(Subject.local, UInt64(11)), (.local, 12), (.highLevel, 21), (.highLevel, 22)])
    func agesAndFiguresFollowTheModel(_ subject: Subject, seed: UInt64) async throws {
        try await withHarness(subject, count: 8) { harness in
            var run = try await Run(harness: harness, seed: seed)
            for step in 0..<Self.steps {
                let done = try await run.step()
                try await run.check(Comment(rawValue: "seed \(seed), step \(step): \(done)"))
            }
        }
    }
}

/// A clock of whole seconds the test moves, so times survive every encoding exactly.
final class StepClock: Sendable {
    private let now = Mutex(Date(timeIntervalSinceReferenceDate: 820_000_000))
    var date: Date { now.withLock { $0 } }
    func advance(seconds: Int) { now.withLock { $0 = $0.addingTimeInterval(TimeInterval(seconds)) } }
}

/// One generated run: the service under test and the model it is held to.
private struct Run {
    struct Card: Equatable {
        var stageID: String
        var status: OpportunityStatus
        var value: Money?
        var stageChangedAt: Date
    }

    /// What an undoable step did: the cards as they were before and after (nil: not there).
    struct Change {
        var before: [UUID: Card?]
        var after: [UUID: Card?]
    }

    let harness: Harness
    let service: BoardService
    let store: CacheStore
    let clock = StepClock()
    let closing: ClosingStages
    var pipeline: Pipeline
    var random: SplitMix64
    var cards: [UUID: Card] = [:]
    var undo: [Change] = []
    var redo: [Change] = []

    init(harness: Harness, seed: UInt64) async throws {
        self.harness = harness
        random = SplitMix64(seed: seed)
        store = try CacheStore.inMemory()
        // The local workspace's last stage is named as closing, so moves into it win the deal too.
        var settings: [String: ConfigValue] = [:]
        if harness.subject == .local { settings["won_stages"] = .list(["Won"]) }
        let config = AccountConfig(name: "crm", provider: harness.subject.kind, settings: settings)
        closing = config.closingStages
        let clock = clock
        service = BoardService(
            store: store, accounts: [Account(config: config, provider: harness.provider)],
            clock: { clock.date })
        try await service.pull(account: "crm")
        pipeline = try await service.pipelines(account: "crm")[0]
        for card in try all() {
            cards[card.id] = Card(
                stageID: card.stageID, status: card.status, value: card.value,
                stageChangedAt: card.stageChangedAt)
        }
    }

    func all() throws -> [Opportunity] {
        try store.opportunities(account: "crm", pipelineID: pipeline.id, stageID: nil, statuses: [])
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    mutating func roll(_ sides: UInt64) -> Int { Int(random.next() % sides) }

    // MARK: Steps

    /// Does one generated step on the service and the model; returns what it did.
    mutating func step() async throws -> String {
        clock.advance(seconds: 3_600 + roll(3 * 86_400))
        let ids = cards.keys.sorted { $0.uuidString < $1.uuidString }
        let done: String
        switch roll(10) {
        case 0:
            let stage = pick(pipeline.stages)
            let created = try await service.create(
                account: "crm", pipeline: nil,
                input: [
                    // A name of its own: a provider may take a record of the same name for the same create sent again.
                    "name": "Generated \(Int(clock.date.timeIntervalSinceReferenceDate))",
                    "value": "\(100 + roll(9_900))",
                    "stage": stage.id,
                ])
            record(
                Change(
                    before: [created.id: nil],
                    after: [
                        created.id: Card(
                            stageID: stage.id, status: .open, value: created.value, stageChangedAt: clock.date)
                    ]))
            done = "create in \(stage.name)"
        case 1, 2:
            let id = pick(ids)
            let stage = pick(pipeline.stages)
            // The board sends the stage's id; `pipeboard move` its name.
            _ = try await service.move(id: id, toStage: roll(2) == 0 ? stage.id : stage.name)
            if cards[id]?.stageID != stage.id { record(moved([id], to: stage)) }
            done = "move to \(stage.name)"
        case 3:
            let chosen = Array(Set((0..<(1 + roll(3))).map { _ in pick(ids) })).sorted { $0.uuidString < $1.uuidString }
            if roll(2) == 0 {
                let stage = pick(pipeline.stages)
                _ = try await service.apply(.move(toStageID: stage.id), to: chosen)
                let changed = chosen.filter { cards[$0]?.stageID != stage.id }
                if !changed.isEmpty { record(moved(changed, to: stage)) }
                done = "bulk move of \(chosen.count) to \(stage.name)"
            } else {
                let offset = roll(2) == 0 ? -1 : 1
                _ = try await service.apply(.shift(by: offset), to: chosen)
                var change = Change(before: [:], after: [:])
                for id in chosen {
                    guard let index = pipeline.index(ofStage: cards[id]!.stageID),
                        pipeline.stages.indices.contains(index + offset)
                    else { continue }
                    let one = moved([id], to: pipeline.stages[index + offset])
                    change.before.merge(one.before) { first, _ in first }
                    change.after.merge(one.after) { first, _ in first }
                }
                if !change.after.isEmpty { record(change) }
                done = "bulk shift of \(chosen.count) by \(offset)"
            }
        case 4, 5:
            let id = pick(ids)
            let status = pick(OpportunityStatus.allCases)
            _ = try await service.setStatus(id: id, status)
            if cards[id]?.status != status {
                var after = cards[id]!
                after.status = status
                record(Change(before: [id: cards[id]], after: [id: after]))
            }
            done = "mark \(status.rawValue)"
        case 6:
            guard let change = undo.popLast() else { done = "nothing to undo"; break }
            _ = try await service.undo()
            apply(change.before)
            redo.append(change)
            done = "undo"
        case 7:
            guard let change = redo.popLast() else { done = "nothing to redo"; break }
            _ = try await service.redo()
            apply(change.after)
            undo.append(change)
            done = "redo"
        default:
            done = try await pullAMove()
        }
        _ = try await service.push(account: "crm")
        return done
    }

    /// A card moved at the provider by someone else, then a pull: the card takes the provider's time of the move.
    /// Cards that undo or redo would take back are left alone (their history is the user's).
    mutating func pullAMove() async throws -> String {
        let held = Set((undo + redo).flatMap { $0.before.keys })
        let free = try all().filter { !held.contains($0.id) && $0.remoteID != nil }
            .sorted { $0.id.uuidString < $1.id.uuidString }
        guard !free.isEmpty else { _ = try await service.pull(account: "crm"); return "pull, nothing moved" }
        let card = pick(free)
        let target = pick(pipeline.stages.filter { $0.id != card.stageID })
        let movedAt = clock.date.addingTimeInterval(-TimeInterval(60 * (1 + roll(600))))
        switch harness.subject {
        case .highLevel:
            let fake = try #require(harness.highLevel)
            let stamp = movedAt.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            #expect(
                fake.edit(id: card.remoteID!) {
                    $0.pipelineStageId = target.id; $0.lastStageChangeAt = stamp
                })
        default:
            var theirs = card
            theirs.stageChangedAt = movedAt
            theirs.updatedAt = movedAt
            _ = try await harness.provider.update(
                remoteID: card.remoteID!, patch: OpportunityPatch(stageID: target.id),
                current: theirs)
        }
        _ = try await service.pull(account: "crm")
        cards[card.id]?.stageID = target.id
        cards[card.id]?.stageChangedAt = movedAt
        return "pull of a move to \(target.name)"
    }

    /// The model of a move at this step's time: the stage, its time, and a closing stage's status.
    func moved(_ ids: [UUID], to stage: Stage) -> Change {
        var change = Change(before: [:], after: [:])
        for id in ids {
            guard var card = cards[id] else { continue }
            change.before[id] = card
            let from = pipeline.stages.first { $0.id == card.stageID }
            let probe = Opportunity(
                account: "crm", pipelineID: pipeline.id, stageID: card.stageID, name: "",
                status: card.status, createdAt: card.stageChangedAt)
            if let status = closing.statusChange(for: probe, from: from, to: stage) { card.status = status }
            card.stageID = stage.id
            card.stageChangedAt = clock.date
            change.after[id] = card
        }
        return change
    }

    mutating func record(_ change: Change) {
        apply(change.after)
        undo.append(change)
        redo = []
    }

    mutating func apply(_ state: [UUID: Card?]) {
        for (id, card) in state { cards[id] = card }
    }

    // MARK: Checks

    /// The service's cards and figures against the model's, recomputed from the model's cards.
    func check(_ comment: Comment) async throws {
        let now = clock.date
        let stored = Dictionary(uniqueKeysWithValues: try all().map { ($0.id, $0) })
        #expect(Set(stored.keys) == Set(cards.keys), comment)
        for (id, card) in cards {
            guard let found = stored[id] else { continue }
            #expect(found.stageID == card.stageID, comment)
            #expect(found.status == card.status, comment)
            #expect(found.stageChangedAt == card.stageChangedAt, "\(comment): \(found.name) entered \(found.stageID)")
            #expect(found.daysInStage(now: now) == Int(now.timeIntervalSince(card.stageChangedAt) / 86_400), comment)
        }

        let board = try await service.board(BoardQuery(account: "crm", pipelineID: pipeline.id))
        let figures = try await service.figures(account: "crm", pipeline: pipeline.id)
        let json = try FiguresReport.json(figures)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let reportStages = try #require(report["stages"] as? [[String: Any]])
        var open = MoneyTotals(), weighted = MoneyTotals()
        for (index, stage) in pipeline.stages.enumerated() {
            let expected = Header(stage: stage, cards: cards.values.filter { $0.stageID == stage.id }, now: now)
            let column = try #require(board.columns.first { $0.stage.id == stage.id })
            #expect(column.count == expected.count, comment)
            #expect(column.openCount == expected.openCount, comment)
            #expect(column.openTotals == expected.open, comment)
            #expect(column.weighted == expected.weighted, comment)
            #expect(
                column.averageWholeDaysInStage(now: now) == expected.averageDays.map { Int($0) },
                "\(comment): \(stage.name)")
            let line = reportStages[index]
            #expect(line["count"] as? Int == expected.count, comment)
            #expect(line["open_count"] as? Int == expected.openCount, comment)
            #expect(line["open"] as? [String: String] == expected.open.decimalStrings, comment)
            #expect(line["weighted"] as? [String: String] == expected.weighted.decimalStrings, comment)
            let tenths = expected.averageDays.map { ($0 * 10).rounded() / 10 }
            #expect(line["average_days_in_stage"] as? Double == tenths, comment)
            for amount in expected.open.amounts { open.add(amount) }
            for amount in expected.weighted.amounts { weighted.add(amount) }
        }
        // The summary line's open and weighted totals, and the report's.
        #expect(figures.openTotals == open, comment)
        #expect(figures.weightedTotals == weighted, comment)
        #expect(report["open"] as? [String: String] == open.decimalStrings, comment)
        #expect(report["weighted"] as? [String: String] == weighted.decimalStrings, comment)
    }

    /// A column's figures from the model's cards alone.
    struct Header {
        var count = 0
        var openCount = 0
        var open = MoneyTotals()
        var weighted = MoneyTotals()
        var averageDays: Double?

        init(stage: Stage, cards: [Card], now: Date) {
            count = cards.count
            let openCards = cards.filter { $0.status == .open }
            openCount = openCards.count
            var byCurrency: [String: Int64] = [:]
            for card in openCards {
                guard let value = card.value else { continue }
                open.add(value)
                byCurrency[value.currency, default: 0] += value.micros
            }
            for (currency, micros) in byCurrency {
                let micros = Weighting.weightedMicros(
                    ownWeighted: 0, withoutOwn: micros,
                    stageProbability: stage.probability)
                weighted.add(Money(micros: micros, currency: currency))
            }
            guard openCount > 0 else { return }
            let seconds = openCards.reduce(0.0) { $0 + $1.stageChangedAt.timeIntervalSinceReferenceDate }
            let entered = seconds / Double(openCount)
            averageDays = max(0, now.timeIntervalSinceReferenceDate - entered) / 86_400
        }
    }
}

private extension MoneyTotals {
    var decimalStrings: [String: String] {
        Dictionary(uniqueKeysWithValues: amounts.map { ($0.currency, $0.decimalString) })
    }
}

import Foundation
import GRDB
import ProviderFakes
import Testing

/// SIGKILL at random moments during a stream of edits and syncs against a provider's fake on loopback (HighLevel,
/// Twenty, Coperniq). After every kill: nothing acknowledged is lost, the fake holds no duplicate, the cache passes
/// `PRAGMA integrity_check`, and once the outbox has drained and a pull has run, local equals remote.
///
/// PIPEBOARD_CRASH_KILLS sets the number of kills per provider (default 200; about three minutes each on a loaded
/// 2-core machine); PIPEBOARD_CRASH_SEED replays a run.
@Suite(.serialized) struct CrashTests {
    @Test(arguments: CrashProvider.allCases)
    func sigkillAtRandomMomentsLosesNothingAndDuplicatesNothing(_ provider: CrashProvider) async throws {
        let environment = ProcessInfo.processInfo.environment
        let kills = environment["PIPEBOARD_CRASH_KILLS"].flatMap(Int.init) ?? 200
        let seed = environment["PIPEBOARD_CRASH_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64(UInt32.max))
        var random = SplitMix64(seed: seed)

        let token = "crash-test-token-\(UUID().uuidString)"
        var harness = try Harness()
        defer { harness.cleanUp() }
        let site = try await CrashSite.start(provider, token: token, harness: &harness)
        defer { Task { await site.stop() } }
        // A little latency, so that kills land while requests are in flight as well as between them.
        site.faults.latency = .milliseconds(4)
        let first = try harness.run(["sync"])
        try #require(first.status == 0, "\(first.stderr)")
        let stages = site.stages
        try #require(!stages.isEmpty)
        let cache = harness.home.appendingPathComponent("cache.sqlite").path
        let arguments = { (command: CrashCommand) in command.arguments(newDealFields: site.newDealFields) }

        var model = CrashModel()
        model.stageIDs = Dictionary(stages.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        for card in try LocalCards.read(cache) { model.cards[card.id] = CardModel(name: card.name, acked: card.state) }
        var figures = CrashFigures()
        let started = ContinuousClock.now

        while figures.kills < kills {
            figures.iterations += 1
            // Commands run one after another; one of them, chosen at random, is killed at a random moment.
            var killed = false
            // Some runs first pile up changes while the provider refuses the token (the account pauses, the
            // changes wait), then the token works again and the sync that drains the backlog is the one killed.
            let backlog = random.next(below: 100) < 40 ? 3 + random.next(below: 6) : 0
            if backlog > 0 {
                site.faults.tokenRevoked = true
                for _ in 0..<backlog {
                    var command = model.randomCommand(stages: stages.map(\.name), random: &random)
                    if case .sync = command {
                        command = .edit(id: model.anyLiveID(&random) ?? "", value: 100 + random.next(below: 100_000))
                    }
                    if case .edit(let id, _) = command, id.isEmpty { continue }
                    let outcome = try Killable.run(harness, arguments(command), killAfter: nil)
                    figures.commands += 1
                    #expect(
                        outcome.status == 0,
                        "\(arguments(command).joined(separator: " ")) while paused: \(outcome.stderr)")
                    if outcome.status == 0 {
                        figures.acknowledged += 1; model.acknowledged(command, stdout: outcome.stdout)
                    }
                }
                figures.maxBacklog = max(figures.maxBacklog, try LocalCards.outboxCount(cache))
                site.faults.tokenRevoked = false
            }
            let killAt = backlog > 0 ? 0 : random.next(below: 4)
            for index in 0...killAt {
                let command = backlog > 0 ? .sync : model.randomCommand(stages: stages.map(\.name), random: &random)
                let killDelay: Duration? = index == killAt ? .microseconds(Int64(random.next(below: 150_000))) : nil
                let outcome = try Killable.run(harness, arguments(command), killAfter: killDelay)
                figures.commands += 1
                if outcome.killed {
                    killed = true
                    figures.kills += 1
                    model.unacknowledged(command)
                } else if outcome.status == 0 {
                    figures.acknowledged += 1
                    model.acknowledged(command, stdout: outcome.stdout)
                } else {
                    Issue.record("\(arguments(command).joined(separator: " ")) failed: \(outcome.stderr)")
                    model.unacknowledged(command)
                }
            }

            // The chosen command finished before its kill came: the stream goes on.
            guard killed else { continue }

            // Right after the kill: the file is sound and every acknowledged change is there, delivered or waiting.
            let integrity = try LocalCards.integrityCheck(cache)
            #expect(integrity == "ok", "integrity_check after kill \(figures.kills): \(integrity)")
            let afterKill = try LocalCards.read(cache)
            figures.maxBacklogAtKill = max(figures.maxBacklogAtKill, try LocalCards.outboxCount(cache))
            for problem in model.check(afterKill) { Issue.record("kill \(figures.kills) (seed \(seed)): \(problem)") }
            #expect(
                site.duplicateNames().isEmpty,
                "duplicates at the fake after kill \(figures.kills): \(site.duplicateNames())")

            // Drain and pull; then local equals remote.
            var rounds = 0
            repeat {
                rounds += 1
                if rounds > 1 { _ = try harness.run(["outbox", "retry", "--all"]) }
                let sync = try harness.run(["sync"])
                #expect(sync.status == 0, "sync after kill \(figures.kills): \(sync.stderr)")
            } while try LocalCards.outboxCount(cache) > 0 && rounds < 4
            figures.drainRounds += rounds
            #expect(try LocalCards.outboxCount(cache) == 0, "the outbox did not drain after kill \(figures.kills)")
            let local = try LocalCards.read(cache)
            let remote = site.cards()
            let localSet = Set(
                local.map { RemoteCard(remoteID: $0.remoteID ?? "none", name: $0.name, state: $0.state) })
            #expect(
                localSet == remote,
                """
                local differs from remote after kill \(figures.kills) (seed \(seed)): \
                only local \(localSet.subtracting(remote)), only remote \(remote.subtracting(localSet))
                """
            )
            #expect(site.duplicateNames().isEmpty)
            if localSet != remote { break }
            model.settle(local)
        }

        let elapsed = ContinuousClock.now - started
        print(
            """
            crash test (\(provider)): \(figures.kills) SIGKILLs in \(figures.iterations) runs, \
            \(figures.commands) commands (\(figures.acknowledged) acknowledged), \
            \(model.cards.count) cards at the end, largest backlog \(figures.maxBacklog), \
            largest outbox left by a kill \(figures.maxBacklogAtKill), drain rounds \(figures.drainRounds), \
            \(site.requestCount()) requests at the fake, \
            \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))) (seed \(seed))
            """)
        await site.stop()
    }
}

/// What one card should look like: present in a stage with a value, or deleted.
enum CardState: Hashable, CustomStringConvertible {
    case present(stageID: String, micros: Int64?)
    case deleted

    var description: String {
        switch self {
        case let .present(stage, micros): return "\(stage)/\(micros.map(String.init) ?? "-")"
        case .deleted: return "deleted"
        }
    }
}

struct CardModel {
    var name: String
    /// The last acknowledged state.
    var acked: CardState
    /// States a killed command may have committed after it.
    var maybe: Set<CardState> = []
}

enum CrashCommand {
    case add(name: String, stage: String, value: Int)
    case edit(id: String, value: Int)
    case move(id: String, stage: String)
    case delete(id: String)
    case sync

    /// The command line; `newDealFields` are what the provider needs besides name, stage and value to add a card.
    func arguments(newDealFields: [String]) -> [String] {
        switch self {
        case let .add(name, stage, value):
            return ["add", "--name", name, "--stage", stage, "--value", String(value)] + newDealFields
        case let .edit(id, value): return ["edit", id, "--set", "value=\(value)"]
        case let .move(id, stage): return ["move", id, "--stage", stage]
        case let .delete(id): return ["delete", id]
        case .sync: return ["sync"]
        }
    }
}

struct CrashModel {
    var cards: [String: CardModel] = [:]
    /// Names of adds that were killed: the card may or may not exist.
    var maybeAdded: [String: CardState] = [:]
    /// Stage ids by name, learned from the cache.
    var stageIDs: [String: String] = [:]

    func anyLiveID(_ random: inout SplitMix64) -> String? {
        let live = cards.filter { if case .present = $0.value.acked { return true } else { return false } }.keys
            .sorted()
        return live.isEmpty ? nil : live[random.next(below: live.count)]
    }

    func randomCommand(stages: [String], random: inout SplitMix64) -> CrashCommand {
        let live = cards.filter { if case .present = $0.value.acked { return true } else { return false } }.keys
            .sorted()
        let roll = random.next(below: 100)
        if live.isEmpty || roll < 22 {
            return .add(
                name: "crash-\(UUID().uuidString.prefix(8).lowercased())",
                stage: stages[random.next(below: stages.count)],
                value: 100 + random.next(below: 100_000))
        }
        let id = live[random.next(below: live.count)]
        switch roll {
        case 22..<48: return .edit(id: id, value: 100 + random.next(below: 100_000))
        case 48..<74: return .move(id: id, stage: stages[random.next(below: stages.count)])
        case 74..<79: return .delete(id: id)
        default: return .sync
        }
    }

    mutating func acknowledged(_ command: CrashCommand, stdout: String) {
        switch command {
        case let .add(name, stage, value):
            let id = stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            cards[id] = CardModel(name: name, acked: .present(stageID: stage, micros: Int64(value) * 1_000_000))
        case let .edit(id, value):
            if case .present(let stage, _) = cards[id]?.acked {
                cards[id]?.acked = .present(stageID: stage, micros: Int64(value) * 1_000_000)
            }
        case let .move(id, stage):
            if case .present(_, let micros) = cards[id]?.acked {
                cards[id]?.acked = .present(stageID: stage, micros: micros)
            }
        case let .delete(id):
            cards[id]?.acked = .deleted
        case .sync:
            break
        }
        // Another command succeeded after the kill, so whatever the killed one did is settled by the next check.
    }

    mutating func unacknowledged(_ command: CrashCommand) {
        switch command {
        case let .add(name, stage, value):
            maybeAdded[name] = .present(stageID: stage, micros: Int64(value) * 1_000_000)
        case let .edit(id, value):
            if case .present(let stage, _) = cards[id]?.acked {
                cards[id]?.maybe.insert(.present(stageID: stage, micros: Int64(value) * 1_000_000))
            }
        case let .move(id, stage):
            if case .present(_, let micros) = cards[id]?.acked {
                cards[id]?.maybe.insert(.present(stageID: stage, micros: micros))
            }
        case let .delete(id):
            cards[id]?.maybe.insert(.deleted)
        case .sync:
            break
        }
    }

    /// Problems with the cache right after a kill: an acknowledged change missing, or a state nobody asked for.
    mutating func check(_ local: [LocalCard]) -> [String] {
        var problems: [String] = []
        var byID: [String: LocalCard] = [:]
        for card in local { byID[card.id] = card }
        for (id, card) in cards {
            // Stage names in the model are resolved to ids on first sight (the commands take names).
            let found = byID[id].map { CardState.present(stageID: $0.stageID, micros: $0.micros) } ?? .deleted
            let allowed = Set([card.acked] + Array(card.maybe)).map { resolve($0) }
            if !allowed.contains(found) {
                problems.append("\(card.name) (\(id.prefix(8))) is \(found), expected one of \(allowed)")
            }
        }
        for card in local where cards[card.id] == nil {
            if let expected = maybeAdded[card.name], resolve(expected) == card.state { continue }
            problems.append("\(card.name) (\(card.id.prefix(8))) appeared from nowhere as \(card.state)")
        }
        return problems
    }

    private func resolve(_ state: CardState) -> CardState {
        guard case let .present(stage, micros) = state else { return state }
        return .present(stageID: stageIDs[stage] ?? stage, micros: micros)
    }

    /// After a drain: what the cache holds now is what the next kill is checked against.
    mutating func settle(_ local: [LocalCard]) {
        cards = Dictionary(uniqueKeysWithValues: local.map { ($0.id, CardModel(name: $0.name, acked: $0.state)) })
        maybeAdded = [:]
    }
}

struct LocalCard {
    var id: String
    var remoteID: String?
    var name: String
    var stageID: String
    var micros: Int64?
    var state: CardState { .present(stageID: stageID, micros: micros) }
}

struct RemoteCard: Hashable {
    var remoteID: String
    var name: String
    var state: CardState
}

/// The cache file as the killed process left it.
enum LocalCards {
    static func open(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    static func integrityCheck(_ path: String) throws -> String {
        try open(path).read { try String.fetchAll($0, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    static func outboxCount(_ path: String) throws -> Int {
        try open(path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
    }

    static func read(_ path: String) throws -> [LocalCard] {
        try open(path).read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, remote_id, name, stage_id, value_micros FROM opportunity WHERE account = 'agency'"
            ).map {
                LocalCard(
                    id: $0["id"], remoteID: $0["remote_id"], name: $0["name"], stageID: $0["stage_id"],
                    micros: $0["value_micros"])
            }
        }
    }
}

struct CrashFigures {
    var kills = 0
    var iterations = 0
    var commands = 0
    var acknowledged = 0
    var maxBacklog = 0
    var maxBacklogAtKill = 0
    var drainRounds = 0
}

/// Runs the binary and, when asked, kills it with SIGKILL after `killAfter`.
enum Killable {
    struct Outcome {
        var status: Int32
        var killed: Bool
        var stdout: String
        var stderr: String
    }

    static func run(_ harness: Harness, _ arguments: [String], killAfter delay: Duration?) throws -> Outcome {
        let process = Process()
        process.executableURL = Harness.binary
        process.arguments = arguments
        process.environment = harness.environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Only this child is ever signalled, and the kill is called off once it has exited.
        let pid = process.processIdentifier
        let killer = DispatchWorkItem { if process.isRunning { kill(pid, SIGKILL) } }
        if let delay {
            let nanos = delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanos)), execute: killer)
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        killer.cancel()
        let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        return Outcome(
            status: process.terminationStatus, killed: killed, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// A small seeded generator, so a failing run can be replayed with PIPEBOARD_CRASH_SEED.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
}

import Benchmark
import Foundation
import PipeboardCore
import PipeboardService
import PipeboardTUI

/// The deals' history at 100k deals and about ten changes each (1M rows): the board's first query and a key still
/// within their targets, `report` with velocity, `list --as-of` and the board as it was a month ago.
func historyBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident], warmupIterations: 1, maxDuration: .seconds(10),
        maxIterations: 50)

    Benchmark("History 100k/1M: board query", configuration: configuration) { benchmark in
        let fixture = try await HistoryFixture.shared()
        for _ in benchmark.scaledIterations {
            blackHole(try await fixture.board.service.board(fixture.board.state.boardQuery))
        }
    } setup: {
        _ = try await HistoryFixture.shared()
    }

    Benchmark("History 100k/1M: key to frame", configuration: configuration) { benchmark in
        let fixture = try await HistoryFixture.shared()
        for _ in benchmark.scaledIterations {
            var state = fixture.board.state
            blackHole(update(&state, .terminal(.key(.right))))
            blackHole(view(state))
        }
    } setup: {
        _ = try await HistoryFixture.shared()
    }

    // What `pipeboard report` reads: the figures' board (with the forecast's sums) and velocity over all time.
    Benchmark("History 100k/1M: report with velocity", configuration: configuration) { benchmark in
        let fixture = try await HistoryFixture.shared()
        let service = fixture.board.service
        let query = BoardQuery(defaultWindow: CardWindow(offset: 0, limit: 0), includeForecast: true)
        for _ in benchmark.scaledIterations {
            blackHole(PipelineFigures(snapshot: try await service.board(query), now: Date()))
            blackHole(try await service.velocity(account: nil, pipeline: nil))
        }
    } setup: {
        _ = try await HistoryFixture.shared()
    }

    // What `pipeboard list --as-of` reads: every card as it was, in board order.
    Benchmark("History 100k/1M: list as of 30 days ago", configuration: configuration) { benchmark in
        let fixture = try await HistoryFixture.shared()
        let cutoff = AsOf.endOfDay(ISODay.string(from: Date().addingTimeInterval(-30 * 86_400)))!
        for _ in benchmark.scaledIterations {
            blackHole(
                try await fixture.board.service.list(
                    account: nil, pipeline: nil, stage: nil, statuses: [], filter: .none, asOf: cutoff))
        }
    } setup: {
        _ = try await HistoryFixture.shared()
    }

    Benchmark("History 100k/1M: board as of 30 days ago", configuration: configuration) { benchmark in
        let fixture = try await HistoryFixture.shared()
        var query = fixture.board.state.boardQuery
        query.asOf = AsOf.endOfDay(ISODay.string(from: Date().addingTimeInterval(-30 * 86_400)))
        for _ in benchmark.scaledIterations {
            var state = fixture.board.state
            state.asOf = query.asOf
            _ = update(&state, .boardLoaded(try await fixture.board.service.board(query)))
            blackHole(view(state))
        }
    } setup: {
        _ = try await HistoryFixture.shared()
    }
}

/// The 100k board fixture with about ten past changes per deal.
final class HistoryFixture: @unchecked Sendable {
    let board: BoardFixture
    let changes: Int

    private init(board: BoardFixture, changes: Int) {
        self.board = board
        self.changes = changes
    }

    static func shared() async throws -> HistoryFixture {
        if let made = made.withLock({ $0 }) { return made }
        let board = try await BoardFixture.shared(count: 100_000)
        let changes = try await board.service.fillDemoHistory(account: nil, perDeal: 10)
        print("history fixture: 100000 deals, \(changes) changes")
        let fixture = HistoryFixture(board: board, changes: changes)
        made.withLock { $0 = fixture }
        return fixture
    }

    private static let made = LockedValue<HistoryFixture?>(nil)
}

import Benchmark
import Foundation
import PipeboardCore
import PipeboardTUI

/// The board at 10k, 100k and 300k cached deals: the query the board sends, the frame it draws, a key, a move.
func boardBenchmarks() {
    let sizes = [10_000, 100_000, 300_000]
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 3, maxDuration: .seconds(5), maxIterations: 2_000)

    for count in sizes {
        Benchmark("Board query \(label(count))", configuration: configuration) { benchmark in
            let fixture = try await BoardFixture.shared(count: count)
            let query = fixture.state.boardQuery
            for _ in benchmark.scaledIterations {
                blackHole(try await fixture.service.board(query))
            }
        } setup: {
            _ = try await BoardFixture.shared(count: count)
        }

        Benchmark("Render \(label(count))", configuration: configuration) { benchmark in
            let fixture = try await BoardFixture.shared(count: count)
            let state = fixture.state
            for _ in benchmark.scaledIterations {
                blackHole(view(state))
            }
        } setup: {
            _ = try await BoardFixture.shared(count: count)
        }
    }

    // A key as the loop handles it: update the state, draw the frame (the terminal's diff is measured by bench.sh).
    for (name, key) in [("change column", Key.right), ("next card", Key.down), ("open the form", Key.character("a"))] {
        Benchmark("Key to frame 100k: \(name)", configuration: configuration) { benchmark in
            let fixture = try await BoardFixture.shared(count: 100_000)
            for _ in benchmark.scaledIterations {
                var state = fixture.state
                blackHole(update(&state, .terminal(.key(key))))
                blackHole(view(state))
            }
        } setup: {
            _ = try await BoardFixture.shared(count: 100_000)
        }
    }

    // A move as the board does it: the optimistic frame, the write (row + outbox + undo step), the reload and
    // its frame. The card goes back and forth between the first two stages.
    Benchmark("Move a card 100k", configuration: configuration) { benchmark in
        let fixture = try await BoardFixture.shared(count: 100_000)
        guard let card = fixture.focusedCard else { throw BenchmarkFailure("no focused card") }
        let stages = DemoData.pipeline.stages.map(\.id)
        var state = fixture.state
        for iteration in benchmark.scaledIterations {
            let target = stages[iteration % 2 == 0 ? 1 : 0]
            blackHole(view(state))
            _ = try await fixture.service.move(id: card.id, toStage: target)
            _ = update(&state, .boardLoaded(try await fixture.service.board(state.boardQuery)))
            blackHole(view(state))
        }
    } setup: {
        _ = try await BoardFixture.shared(count: 100_000)
    }
}

func label(_ count: Int) -> String { count >= 1_000 ? "\(count / 1_000)k" : "\(count)" }

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

import Benchmark
import Foundation
import PipeboardCore
import PipeboardTUI

/// The board at 100k deals with about 200k tasks and 100k notes (`demo --tasks 2`): the board's query with its
/// next steps and the stale clock's activity, the frame, the next-step filters and sort, and the agenda.
func nextStepBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 3, maxDuration: .seconds(5), maxIterations: 2_000)
    let shared = { try await BoardFixture.shared(count: 100_000, tasksPerDeal: 2) }
    let name = "100k, 200k tasks"

    Benchmark("Board query \(name)", configuration: configuration) { benchmark in
        let fixture = try await shared()
        let query = fixture.state.boardQuery
        for _ in benchmark.scaledIterations {
            blackHole(try await fixture.service.board(query))
        }
    } setup: {
        _ = try await shared()
    }

    Benchmark("Render \(name)", configuration: configuration) { benchmark in
        let state = try await shared().state
        for _ in benchmark.scaledIterations {
            blackHole(view(state))
        }
    } setup: {
        _ = try await shared()
    }

    // The filters `f` sets (next step: overdue, none) and the sort `s` sets on the first, largest column.
    let variants: [(String, (inout BoardQuery) -> Void)] = [
        ("next step overdue", { $0.filter.overdue = true }),
        ("no next step", { $0.filter.noNextStep = true }),
        ("sorted by next step", { $0.sorts[DemoData.pipeline.stages[0].id] = .nextStep }),
    ]
    for (label, change) in variants {
        Benchmark("Board query \(name): \(label)", configuration: configuration) { benchmark in
            let fixture = try await shared()
            var query = fixture.state.boardQuery
            change(&query)
            for _ in benchmark.scaledIterations {
                blackHole(try await fixture.service.board(query))
            }
        } setup: {
            _ = try await shared()
        }
    }

    Benchmark("Agenda \(name)", configuration: configuration) { benchmark in
        let fixture = try await shared()
        for _ in benchmark.scaledIterations {
            blackHole(try await fixture.service.nextSteps(account: "local"))
        }
    } setup: {
        _ = try await shared()
    }
}

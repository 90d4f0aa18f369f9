import Benchmark

let benchmarks: @Sendable () -> Void = {
    boardBenchmarks()
    syncBenchmarks()
    twentySyncBenchmarks()
    pullStageBenchmarks()
    historyBenchmarks()
    nextStepBenchmarks()
}

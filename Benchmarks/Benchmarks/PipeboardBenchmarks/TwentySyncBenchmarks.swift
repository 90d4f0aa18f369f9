import AsyncHTTPClient
import Benchmark
import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes

/// Pulls from the Twenty fake at its documented 100 requests a minute, through the real client, service and
/// cache: 10k in pages of 200 on a current server and of 60 on an old one, and 100k in pages of 200.
///
/// Twenty counts the limit as a token bucket: 100 requests at once, then one every 0.6 s. So n requests cannot
/// all have been taken before (n − 100) × 0.6 s (`bucketFloor`); 100k in pages of 200 is 501 requests (the metadata
/// read and 500 pages), a floor of 401 × 0.6 s = 240.6 s. PIPEBOARD_BENCH_TWENTY_WINDOW (seconds, default 60)
/// scales the window of both the fake and the client's pacer: 100 requests per 6 s checks the same ratio to the
/// floor in a tenth of the time (the fixed costs, the cache's writes among them, weigh ten times more there).
func twentySyncBenchmarks() {
    let floorMetric = BenchmarkMetric.custom("floor (ms)", polarity: .prefersSmaller, useScalingFactor: false)
    let requestsMetric = BenchmarkMetric.custom("requests", polarity: .prefersSmaller, useScalingFactor: false)
    let refusedMetric = BenchmarkMetric.custom("429s", polarity: .prefersSmaller, useScalingFactor: false)
    let overMetric = BenchmarkMetric.custom("over floor (‰)", polarity: .prefersSmaller, useScalingFactor: false)
    let limited = Benchmark.Configuration(
        metrics: [.wallClock, floorMetric, requestsMetric, refusedMetric, overMetric], warmupIterations: 0,
        maxDuration: .seconds(1_200), maxIterations: 1)
    let window = ProcessInfo.processInfo.environment["PIPEBOARD_BENCH_TWENTY_WINDOW"].flatMap(Int.init) ?? 60
    let limit = RateLimit(limit: TwentyFake.perMinute.limit, interval: .seconds(window))

    for (count, old) in [(10_000, nil), (10_000, TwentyFake.OldServer.refusesLargePages), (100_000, nil)] {
        let pages = old == nil ? "pages of 200" : "old server, pages of 60"
        Benchmark(
            "Pull \(count / 1_000)k from Twenty, 100 requests per \(window) s, \(pages)", configuration: limited
        ) { benchmark in
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("pipeboard-bench-twenty-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let fake = try await TwentyFake.start(
                token: SyncRig.token, count: count, rateLimit: limit, lifetime: .seconds(3_600))
            fake.oldServer = old
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
                let client = TwentyClient(
                    baseURL: fake.baseURL, token: SyncRig.token, defaultCurrency: "USD",
                    http: http, pacer: Pacer(tokens: limit.limit, refilledOver: limit.interval))
                let config = AccountConfig(name: "twenty", provider: .twenty, baseURL: fake.baseURL)
                let service = BoardService(store: store, accounts: [Account(config: config, provider: client)])
                let started = ContinuousClock.now
                let cpuBefore = processCPUMicros()
                benchmark.startMeasurement()
                let report = try await service.pull(account: "twenty")
                benchmark.stopMeasurement()
                let took = ContinuousClock.now - started
                let cpu = Double(processCPUMicros() - cpuBefore) / 1e6
                guard report.received == count else { throw BenchmarkFailure("pulled \(report.received) of \(count)") }
                let requests = fake.requests.count
                let refused = fake.refusedForRate
                let least = bucketFloor(requests: requests - refused, limit: limit)
                let over = least > .zero ? (took.seconds / least.seconds - 1) * 100 : 0
                benchmark.measurement(floorMetric, Int(least.seconds * 1_000))
                benchmark.measurement(requestsMetric, requests)
                benchmark.measurement(refusedMetric, refused)
                benchmark.measurement(overMetric, Int((over * 10).rounded()))
                let figures = String(
                    format: "%d requests (%d refused), %.1f s (CPU %.1f s), floor %.1f s: %+.1f %%",
                    requests, refused, took.seconds, cpu, least.seconds, over)
                let line = "\(count / 1_000)k from Twenty at 100 per \(window) s, \(pages): \(figures)\n"
                FileHandle.standardError.write(Data(line.utf8))
            } catch {
                try? await http.shutdown()
                await fake.stop()
                throw error
            }
            try await http.shutdown()
            await fake.stop()
        }
    }
}

/// The least time a token bucket of `limit.limit` tokens, refilled at `limit.limit` per `limit.interval`, needs to
/// take `requests`: the first `limit.limit` at once, then one per `limit.interval / limit.limit`.
func bucketFloor(requests: Int, limit: RateLimit) -> Duration {
    limit.interval / limit.limit * max(requests - limit.limit, 0)
}

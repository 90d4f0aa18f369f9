import AsyncHTTPClient
import Benchmark
import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes

/// A 10k pull from the Twenty fake at its documented 100 requests a minute, through the real client, service and
/// cache: pages of 200 on a current server, of 60 on an old one. The floor is set by the requests each needs.
func twentySyncBenchmarks() {
    let floorMetric = BenchmarkMetric.custom("floor (ms)", polarity: .prefersSmaller, useScalingFactor: false)
    let requestsMetric = BenchmarkMetric.custom("requests", polarity: .prefersSmaller, useScalingFactor: false)
    let limited = Benchmark.Configuration(
        metrics: [.wallClock, floorMetric, requestsMetric], warmupIterations: 0, maxDuration: .seconds(600),
        maxIterations: 1)

    for old in [nil, TwentyFake.OldServer.refusesLargePages] {
        let name = old == nil ? "pages of 200" : "old server, pages of 60"
        Benchmark("Pull 10k from Twenty, rate limit on, \(name)", configuration: limited) { benchmark in
            let limit = TwentyFake.perMinute
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("pipeboard-bench-twenty-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let fake = try await TwentyFake.start(token: SyncRig.token, count: 10_000, rateLimit: limit)
            fake.oldServer = old
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
                let client = TwentyClient(
                    baseURL: fake.baseURL, token: SyncRig.token, defaultCurrency: "USD",
                    http: http, pacer: .twenty())
                let config = AccountConfig(name: "twenty", provider: .twenty, baseURL: fake.baseURL)
                let service = BoardService(store: store, accounts: [Account(config: config, provider: client)])
                benchmark.startMeasurement()
                let report = try await service.pull(account: "twenty")
                benchmark.stopMeasurement()
                guard report.received == 10_000 else { throw BenchmarkFailure("pulled \(report.received) of 10000") }
                let least = floor(requests: fake.requests.count, limit: limit)
                benchmark.measurement(floorMetric, Int(least.seconds * 1_000))
                benchmark.measurement(requestsMetric, fake.requests.count)
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

import AsyncHTTPClient
import Benchmark
import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes

/// Pulls and an outbox drain against the HighLevel fake on loopback, through the real client, service and cache.
///
/// With the rate limit on, the limit alone sets a floor: n requests at `limit` per `interval` cannot finish
/// before ⌊(n − 1) / limit⌋ intervals have passed. Each benchmark reports that floor and how far above it it ended.
func syncBenchmarks() {
    let floorMetric = BenchmarkMetric.custom("floor (ms)", polarity: .prefersSmaller, useScalingFactor: false)
    let overMetric = BenchmarkMetric.custom("over the floor (%)", polarity: .prefersSmaller, useScalingFactor: false)
    let rateMetric = BenchmarkMetric.custom("stored per second", polarity: .prefersLarger, useScalingFactor: false)
    let cpuMetric = BenchmarkMetric.custom(
        "CPU µs per 100 stored (fake included)", polarity: .prefersSmaller, useScalingFactor: false)
    let limited = Benchmark.Configuration(
        metrics: [.wallClock, floorMetric, overMetric], warmupIterations: 0, maxDuration: .seconds(600),
        maxIterations: 1)

    Benchmark("Pull 10k from HighLevel, rate limit on", configuration: limited) { benchmark in
        let limit = HighLevelFake.burst
        try await SyncRig.with(count: 10_000, rateLimit: limit, pacer: .highLevel()) { rig in
            let before = rig.fake.requests.count
            let started = ContinuousClock.now
            benchmark.startMeasurement()
            let report = try await rig.service.pull(account: "highlevel")
            benchmark.stopMeasurement()
            let took = ContinuousClock.now - started
            guard report.received == 10_000 else { throw BenchmarkFailure("pulled \(report.received) of 10000") }
            recordFloor(
                floor(requests: rig.fake.requests.count - before, limit: limit), took: took,
                into: benchmark, floorMetric: floorMetric, overMetric: overMetric)
        }
    }

    Benchmark("Outbox drain of 1,000 moves to HighLevel, rate limit on", configuration: limited) { benchmark in
        let limit = HighLevelFake.burst
        try await SyncRig.with(count: 1_000, rateLimit: limit, pacer: .highLevel()) { rig in
            try await rig.service.pull(account: "highlevel")
            guard let pipeline = try await rig.service.pipelines(account: "highlevel").first, pipeline.stages.count > 1
            else {
                throw BenchmarkFailure("the fake has no pipeline")
            }
            let cards = try await rig.service.list(account: "highlevel", pipeline: nil, stage: nil)
            for card in cards {
                let target = pipeline.stages.first { $0.id != card.stageID }!
                _ = try await rig.service.move(id: card.id, toStage: target.id)
            }
            // Start from an empty window on both sides: the set-up pull used some of it.
            try await Task.sleep(for: limit.interval + .milliseconds(500))
            let drainer = try await rig.freshService()
            let before = rig.fake.requests.count
            let started = ContinuousClock.now
            benchmark.startMeasurement()
            let delivered = try await drainer.push(account: "highlevel")
            benchmark.stopMeasurement()
            let took = ContinuousClock.now - started
            guard delivered.delivered == cards.count, cards.count == 1_000 else {
                throw BenchmarkFailure("delivered \(delivered.delivered) of \(cards.count)")
            }
            recordFloor(
                floor(requests: rig.fake.requests.count - before, limit: limit), took: took,
                into: benchmark, floorMetric: floorMetric, overMetric: overMetric)
        }
    }

    let count = 50_000
    Benchmark(
        "Pull \(label(count)) from a fake with no limit",
        configuration: .init(
            metrics: [.wallClock, rateMetric, cpuMetric, .peakMemoryResident], warmupIterations: 0,
            maxDuration: .seconds(600), maxIterations: 3)
    ) { benchmark in
        let unlimited = RateLimit(limit: 1_000_000_000, interval: .seconds(1))
        try await SyncRig.with(count: count, rateLimit: unlimited, pacer: Pacer(limit: 1_000_000_000, per: .seconds(1)))
        { rig in
            let started = ContinuousClock.now
            let cpuBefore = processCPUMicros()
            benchmark.startMeasurement()
            let report = try await rig.service.pull(account: "highlevel")
            benchmark.stopMeasurement()
            let took = ContinuousClock.now - started
            let cpu = processCPUMicros() - cpuBefore
            guard report.written == count else { throw BenchmarkFailure("stored \(report.written) of \(count)") }
            benchmark.measurement(rateMetric, Int(Double(count) / took.seconds))
            benchmark.measurement(cpuMetric, cpu * 100 / count)
        }
    }
}

/// ⌊(requests − 1) / limit⌋ whole intervals: the earliest the last request may be sent.
func floor(requests: Int, limit: RateLimit) -> Duration {
    limit.interval * ((max(requests, 1) - 1) / limit.limit)
}

private func recordFloor(
    _ floor: Duration, took: Duration, into benchmark: Benchmark,
    floorMetric: BenchmarkMetric, overMetric: BenchmarkMetric
) {
    benchmark.measurement(floorMetric, Int(floor.seconds * 1_000))
    benchmark.measurement(overMetric, floor > .zero ? Int(((took.seconds / floor.seconds) - 1) * 100) : 0)
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// The HighLevel fake, a client of it and a service whose cache is a file in a temporary folder.
struct SyncRig {
    static let token = "bench-token"
    let fake: HighLevelFake
    let http: HTTPClient
    let service: BoardService
    let store: CacheStore
    let client: HighLevelClient
    let pacer: @Sendable () -> Pacer

    static func with(
        count: Int, rateLimit: RateLimit, pacer: @autoclosure @escaping @Sendable () -> Pacer,
        _ body: (SyncRig) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-bench-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fake = try await HighLevelFake.start(token: token, count: count, rateLimit: rateLimit)
        // The fake's own first pass over its seed (sorting, writing each record's JSON) is not the client's cost.
        fake.prepareSearch()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
            let client = Self.client(fake: fake, http: http, pacer: pacer())
            let rig = SyncRig(
                fake: fake, http: http, service: Self.service(store: store, client: client, fake: fake),
                store: store, client: client, pacer: pacer)
            try await body(rig)
        } catch {
            try? await http.shutdown()
            await fake.stop()
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        try await http.shutdown()
        await fake.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A second service on the same cache with a client that has its own, unused pacer.
    func freshService() async throws -> BoardService {
        Self.service(store: store, client: Self.client(fake: fake, http: http, pacer: pacer()), fake: fake)
    }

    private static func client(fake: HighLevelFake, http: HTTPClient, pacer: Pacer) -> HighLevelClient {
        HighLevelClient(
            baseURL: fake.baseURL, token: token, locationID: fake.locationID, currency: "USD", http: http, pacer: pacer)
    }

    private static func service(store: CacheStore, client: HighLevelClient, fake: HighLevelFake) -> BoardService {
        let config = AccountConfig(
            name: "highlevel", provider: .highlevel, baseURL: fake.baseURL,
            settings: ["location_id": .text(fake.locationID)])
        return BoardService(store: store, accounts: [Account(config: config, provider: client)])
    }
}

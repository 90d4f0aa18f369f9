import AsyncHTTPClient
import Benchmark
import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardStore
import ProviderFakes

/// The stages of a pull of 10k from the HighLevel fake, each alone, to tell which side is slow: the fake's
/// answers over HTTP (no decoding beyond the cursor), the client's fetch and decode (no cache), and the merge of
/// the decoded pages into a cache file. Each reports the cost of one page of 100.
func pullStageBenchmarks() {
    let perPage = BenchmarkMetric.custom("µs per page", polarity: .prefersSmaller, useScalingFactor: false)
    let cpuPerPage = BenchmarkMetric.custom("CPU µs per page", polarity: .prefersSmaller, useScalingFactor: false)
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, perPage, cpuPerPage], warmupIterations: 0,
        maxDuration: .seconds(300), maxIterations: 3)
    let count = 10_000
    let unlimited = RateLimit(limit: 1_000_000_000, interval: .seconds(1))

    Benchmark("Pull stage: the fake's answers alone, 10k", configuration: configuration) { benchmark in
        try await SyncRig.with(count: count, rateLimit: unlimited, pacer: Pacer(limit: 1_000_000_000, per: .seconds(1)))
        { rig in
            guard let pipelineID = rig.fake.pipelines.first?.id else {
                throw BenchmarkFailure("the fake has no pipeline")
            }
            var cursor: (millis: String, id: String)?
            var pages = 0
            let started = ContinuousClock.now
            let cpuBefore = processCPUMicros()
            benchmark.startMeasurement()
            repeat {
                var url =
                    "\(rig.fake.baseURL)/opportunities/search?location_id=\(rig.fake.locationID)"
                    + "&pipeline_id=\(pipelineID)&limit=100"
                if let cursor { url += "&startAfter=\(cursor.millis)&startAfterId=\(cursor.id)" }
                var request = HTTPClientRequest(url: url)
                request.headers.add(name: "Authorization", value: "Bearer \(SyncRig.token)")
                request.headers.add(name: "Version", value: HighLevelFake.version)
                let response = try await rig.http.execute(request, timeout: .seconds(30))
                let body = try await response.body.collect(upTo: 1 << 25)
                cursor = try searchCursor(in: Data(body.readableBytesView))
                pages += 1
            } while cursor != nil
            benchmark.stopMeasurement()
            benchmark.measurement(perPage, Int((ContinuousClock.now - started).seconds * 1e6) / pages)
            benchmark.measurement(cpuPerPage, (processCPUMicros() - cpuBefore) / pages)
        }
    }

    Benchmark("Pull stage: fetch and decode alone (client, no cache), 10k", configuration: configuration) { benchmark in
        try await SyncRig.with(count: count, rateLimit: unlimited, pacer: Pacer(limit: 1_000_000_000, per: .seconds(1)))
        { rig in
            guard let pipelineID = rig.fake.pipelines.first?.id else {
                throw BenchmarkFailure("the fake has no pipeline")
            }
            let started = ContinuousClock.now
            let cpuBefore = processCPUMicros()
            benchmark.startMeasurement()
            let pages = try await fetchAll(rig.client, pipelineID: pipelineID)
            benchmark.stopMeasurement()
            guard pages.joined().count == count else {
                throw BenchmarkFailure("fetched \(pages.joined().count) of \(count)")
            }
            benchmark.measurement(perPage, Int((ContinuousClock.now - started).seconds * 1e6) / pages.count)
            // The fake's share included: it answers in this process.
            benchmark.measurement(cpuPerPage, (processCPUMicros() - cpuBefore) / pages.count)
        }
    }

    Benchmark("Pull stage: merge into the cache alone (first pull), 10k", configuration: configuration) { benchmark in
        try await SyncRig.with(count: count, rateLimit: unlimited, pacer: Pacer(limit: 1_000_000_000, per: .seconds(1)))
        { rig in
            guard let pipelineID = rig.fake.pipelines.first?.id else {
                throw BenchmarkFailure("the fake has no pipeline")
            }
            let pages = try await fetchAll(rig.client, pipelineID: pipelineID).map { $0.map(\.sanitized) }
            let started = ContinuousClock.now
            let cpuBefore = processCPUMicros()
            benchmark.startMeasurement()
            var written = 0
            for page in pages {
                written += try rig.store.writeRefetchable { try $0.mergePulled(account: "highlevel", page) }
            }
            benchmark.stopMeasurement()
            guard written == count else { throw BenchmarkFailure("stored \(written) of \(count)") }
            benchmark.measurement(perPage, Int((ContinuousClock.now - started).seconds * 1e6) / pages.count)
            benchmark.measurement(cpuPerPage, (processCPUMicros() - cpuBefore) / pages.count)
        }
    }
}

private func fetchAll(_ client: HighLevelClient, pipelineID: String) async throws -> [[RemoteOpportunity]] {
    var pages: [[RemoteOpportunity]] = []
    var cursor: String?
    repeat {
        let page = try await client.pull(pipelineID: pipelineID, after: cursor)
        pages.append(page.opportunities)
        cursor = page.next
    } while cursor != nil
    return pages
}

/// The paging cursor of a HighLevel search answer, nil on the last page.
private func searchCursor(in body: Data) throws -> (millis: String, id: String)? {
    struct Answer: Decodable {
        struct Meta: Decodable { let startAfter: Int64?; let startAfterId: String?; let nextPage: Int? }
        let meta: Meta
    }
    let meta = try JSONDecoder().decode(Answer.self, from: body).meta
    guard meta.nextPage != nil, let after = meta.startAfter, let id = meta.startAfterId else { return nil }
    return (String(after), id)
}

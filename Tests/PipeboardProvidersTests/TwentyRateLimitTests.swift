import AsyncHTTPClient
import Foundation
import NIOCore
import PipeboardCore
import PipeboardProviders
import ProviderFakes
import TestSupport
import Testing

/// Twenty's limit as its server counts it (a token bucket per workspace: the whole limit at once, then one request
/// per `interval / limit`, whole tokens only; 429 without any header saying when to come back) and its page limit
/// (a larger `limit` cut to 200), on the fake; and the client's pacing against them. A bucket of 5 refilled over
/// 3 s stands for 100 a minute: the same shape, a token every 0.6 s.
@Suite struct TwentyRateLimitTests {
    static let bucket = RateLimit(limit: 5, interval: .seconds(3))

    /// Sends one GET to the fake as it is, with no pacing or retry: its status, body and headers.
    static func get(_ fake: TwentyFake, _ path: String) async throws -> (status: Int, body: String, retryAfter: String?)
    {
        var request = HTTPClientRequest(url: fake.baseURL + path)
        request.headers.add(name: "Authorization", value: "Bearer \(Harness.token)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 24)
        return (
            Int(response.status.code), String(buffer: body),
            response.headers.first(name: "Retry-After") ?? response.headers.first(name: "X-RateLimit-Remaining")
        )
    }

    @Test func theFakeCountsTwentysTokenBucket() async throws {
        try await TwentyFake.with(token: Harness.token, count: 3, rateLimit: Self.bucket) { fake in
            var statuses: [Int] = []
            for _ in 0..<6 { statuses.append(try await Self.get(fake, "/rest/opportunities").status) }
            #expect(statuses == [200, 200, 200, 200, 200, 429])
            let refusal = try await Self.get(fake, "/rest/opportunities")
            #expect(refusal.status == 429 && refusal.retryAfter == nil)
            #expect(refusal.body.contains("Limit reached (5 tokens per 3000 ms)"))
            // A token's time (0.6 s) after the last one taken: one whole token, and no second one straight after.
            try await Task.sleep(for: .milliseconds(650))
            #expect(try await Self.get(fake, "/rest/opportunities").status == 200)
            #expect(try await Self.get(fake, "/rest/opportunities").status == 429)
        }
    }

    @Test func aCurrentServerCutsALargerPageTo200AndRefusesANegativeOne() async throws {
        try await TwentyFake.with(token: Harness.token, count: 250) { fake in
            let large = try await Self.get(fake, "/rest/opportunities?limit=500&depth=0")
            #expect(large.status == 200)
            let page = try JSONSerialization.jsonObject(with: Data(large.body.utf8)) as? [String: Any]
            let records = (page?["data"] as? [String: Any])?["opportunities"] as? [Any]
            #expect(records?.count == 200)
            #expect((page?["pageInfo"] as? [String: Any])?["hasNextPage"] as? Bool == true)
            #expect((page?["totalCount"] as? Int) == 250)
            let negative = try await Self.get(fake, "/rest/opportunities?limit=-1")
            #expect(negative.status == 400 && negative.body.contains("limit '-1' is invalid"))
        }
    }

    /// Eight requests against a bucket of 5 refilled over 6 s: 5 at once, then 3 a token's time (1.2 s) apart, so
    /// the last goes 3.6 s after the first. Paced by whole windows (5 in any 6 s) it could not go before 6.06 s.
    /// Light requests (the metadata read), so that what this measures is the waiting, not a loaded machine's
    /// decoding of pages. One the fake counts a hair early (a loaded machine delays one request and not the next)
    /// is refused and sent again a tenth of a token later.
    @Test func requestsArePacedAsTheBucketRefills() async throws {
        let bucket = RateLimit(limit: 5, interval: .seconds(6))
        try await TwentyFake.with(token: Harness.token, count: 3, rateLimit: bucket) { fake in
            let client = TwentyClient(
                baseURL: fake.baseURL, token: Harness.token, defaultCurrency: "USD", http: .shared,
                pacer: Pacer(tokens: bucket.limit, refilledOver: bucket.interval), retry: Harness.fastRetry)
            let started = ContinuousClock.now
            for _ in 0..<8 { _ = try await client.fetchPipelines() }
            let took = ContinuousClock.now - started
            #expect(fake.refusedForRate <= 2 && fake.requests.count == 8 + fake.refusedForRate)
            #expect(took >= .milliseconds(3_600) && took < .seconds(6), "\(took)")
        }
    }

    /// Someone else has just used up the bucket. The client's first request is refused (no header says for how
    /// long), and again a tenth of a token later: it waits one token's time and goes on, instead of spending its
    /// tries on a quick backoff and failing.
    @Test func refusalsWaitForTheNextToken() async throws {
        try await TwentyFake.with(token: Harness.token, count: 3, rateLimit: Self.bucket) { fake in
            for _ in 0..<5 { #expect(try await Self.get(fake, "/rest/metadata/objects").status == 200) }
            let client = TwentyClient(
                baseURL: fake.baseURL, token: Harness.token, defaultCurrency: "USD", http: .shared,
                pacer: Pacer(tokens: Self.bucket.limit, refilledOver: Self.bucket.interval), retry: Harness.fastRetry)
            let started = ContinuousClock.now
            let pipelines = try await client.fetchPipelines()
            let took = ContinuousClock.now - started
            #expect(pipelines.count == 1)
            #expect((1...2).contains(fake.refusedForRate) && fake.requests.count == 6 + fake.refusedForRate)
            #expect(took < .milliseconds(1_500), "\(took)")
        }
    }
}

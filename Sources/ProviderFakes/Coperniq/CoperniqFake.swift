import Foundation
import Hummingbird

/// A local stand-in for Coperniq's public API (v1) for one API key, on 127.0.0.1. `baseURL` includes `/v1`.
package final class CoperniqFake: Sendable {
    package let faults = FaultSwitches()
    let apiKey: String
    let state: Locked<State>
    let front: FakeFront
    let dailyLimit: Int
    private let server = ServerSlot()

    struct State {
        var workflows: [Workflow]
        var opportunities: [Int64: Opportunity]
        var nextID: Int64
        /// Trade options of the account; unknown ones are refused unless `allow_new_options=true`.
        var trades: Set<String>
        /// Requests counted against the daily limit.
        var daily = 0
        /// Notes on opportunities, in the order they were made (ids from `nextID`).
        var notes: [Note] = []
    }

    /// The documented limits: 100 requests a second and 5,000 a day per key.
    package static let perSecond = RateLimit(limit: 100, interval: .seconds(1))
    package static let documentedDailyLimit = 5_000

    init(apiKey: String, seed: Seed, rateLimit: RateLimit, dailyLimit: Int) {
        self.apiKey = apiKey
        self.dailyLimit = dailyLimit
        state = Locked(
            State(
                workflows: seed.workflows,
                opportunities: Dictionary(uniqueKeysWithValues: seed.opportunities.map { ($0.id, $0) }),
                nextID: (seed.opportunities.map(\.id).max() ?? 1_000) + 1, trades: Set(seed.trades)))
        front = FakeFront(faults: faults, window: RateWindow(rateLimit))
    }

    package static func start(
        apiKey: String, seed: Seed? = nil, count: Int = 12, rateLimit: RateLimit = perSecond,
        dailyLimit: Int = documentedDailyLimit, lifetime: Duration = .seconds(600)
    ) async throws -> CoperniqFake {
        let fake = CoperniqFake(
            apiKey: apiKey, seed: seed ?? .sample(count: count), rateLimit: rateLimit, dailyLimit: dailyLimit)
        let server = try await FakeServer.start(lifetime: lifetime) { [fake] request, context in
            try await fake.front.handle(
                request, context: context, refuseRate: fake.tooManyRequests, fail: fake.serverError,
                rateHeaders: fake.rateHeaders, route: fake.route)
        }
        fake.server.hold(server)
        return fake
    }

    /// Runs `body` with a started fake and stops it afterwards, whatever happens.
    package static func with<T>(apiKey: String, count: Int = 12, _ body: (CoperniqFake) async throws -> T) async throws
        -> T
    {
        try await ServerSlot.running(try await start(apiKey: apiKey, count: count), stop: { await $0.stop() }, body)
    }

    /// The API root, `/v1` included, as a client's base URL.
    package var baseURL: String { server.baseURL + "/v1" }

    package func stop() async { await server.stop() }

    // MARK: Reading the fake's records from tests

    package var opportunities: [Opportunity] { state.withLock { Array($0.opportunities.values) } }
    package func opportunity(id: String) -> Opportunity? {
        Int64(id).flatMap { id in state.withLock { $0.opportunities[id] } }
    }
    package var workflows: [Workflow] { state.withLock { $0.workflows } }
    package var requests: [RecordedRequest] { front.log.withLock { $0 } }
    /// Requests counted against today's limit so far.
    package var dailyUsed: Int { state.withLock { $0.daily } }

    // MARK: Changes made by someone else in Coperniq's own app

    /// Changes a record as a user of Coperniq's app would (its `updatedAt` moves on); false when there is none.
    @discardableResult
    package func edit(id: String, _ change: (inout Opportunity) -> Void) -> Bool {
        guard let key = Int64(id) else { return false }
        return state.withLock { state in
            guard var record = state.opportunities[key] else { return false }
            change(&record)
            record.updatedAt = FakeDates.string(Date())
            state.opportunities[key] = record
            return true
        }
    }

    /// Deletes a record as Coperniq's app would: it is gone from every read.
    package func remove(id: String) {
        guard let key = Int64(id) else { return }
        state.withLock { _ = $0.opportunities.removeValue(forKey: key) }
    }

    // MARK: Errors, in Coperniq's shape: {message, code, field?}

    struct ErrorBody: Encodable {
        let message: String
        let code: String
        var field: String?
    }

    static func error(_ status: Int, _ code: String, _ message: String, field: String? = nil) -> FakeReply {
        .json(status, ErrorBody(message: message, code: code, field: field))
    }

    static func invalid(_ field: String, _ message: String) -> FakeReply {
        error(400, "VALIDATION_ERROR", message, field: field)
    }

    @Sendable func serverError(_ status: Int) -> FakeReply {
        Self.error(status, "INTERNAL_SERVER_ERROR", "Internal server error")
    }

    /// The per-second window is used up: 429 with Retry-After (not documented; the common header).
    @Sendable func tooManyRequests(_ window: RateWindow.Snapshot) -> FakeReply {
        var reply = Self.error(429, "TOO_MANY_REQUESTS", "Rate limit exceeded: 100 requests per second")
        reply.headers = [("Retry-After", "1")] + dailyHeaders()
        return reply
    }

    /// X-RateLimit-Limit / -Remaining, given against the daily limit.
    @Sendable func rateHeaders(_ window: RateWindow.Snapshot) -> [(String, String)] { dailyHeaders() }

    func dailyHeaders() -> [(String, String)] {
        let used = state.withLock { $0.daily }
        return [
            ("X-RateLimit-Limit", String(dailyLimit)), ("X-RateLimit-Remaining", String(max(0, dailyLimit - used))),
        ]
    }
}

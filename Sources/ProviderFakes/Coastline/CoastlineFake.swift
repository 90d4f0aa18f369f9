import Foundation
import Hummingbird

/// A local stand-in for one Coastline CRM workspace's API (v1), on 127.0.0.1: create and list, as published.
/// Where the docs are silent (list envelope, error body, limits) it answers with `{"data": [...]}` and
/// `{"error": "..."}`.
package final class CoastlineFake: Sendable {
    package let faults = FaultSwitches()
    let token: String
    let state: Locked<State>
    let front: FakeFront
    private let server = ServerSlot()

    struct State {
        var pipelines: [Pipeline]
        var opportunities: [String: Opportunity]
    }

    /// No limit is published.
    package static let unlimited = RateLimit(limit: 1_000_000, interval: .seconds(1))

    init(token: String, seed: Seed, rateLimit: RateLimit) {
        self.token = token
        state = Locked(
            State(
                pipelines: seed.pipelines,
                opportunities: Dictionary(uniqueKeysWithValues: seed.opportunities.map { ($0.id, $0) })))
        front = FakeFront(faults: faults, window: RateWindow(rateLimit))
    }

    package static func start(
        token: String, seed: Seed? = nil, count: Int = 12, rateLimit: RateLimit = unlimited,
        lifetime: Duration = .seconds(600)
    ) async throws -> CoastlineFake {
        let fake = CoastlineFake(token: token, seed: seed ?? .sample(count: count), rateLimit: rateLimit)
        let server = try await FakeServer.start(lifetime: lifetime) { [fake] request, context in
            try await fake.front.handle(
                request, context: context, refuseRate: fake.tooManyRequests, fail: fake.serverError, route: fake.route)
        }
        fake.server.hold(server)
        return fake
    }

    /// Runs `body` with a started fake and stops it afterwards, whatever happens.
    package static func with<T>(token: String, count: Int = 12, _ body: (CoastlineFake) async throws -> T) async throws
        -> T
    {
        try await ServerSlot.running(try await start(token: token, count: count), stop: { await $0.stop() }, body)
    }

    /// The host; paths start with `/v1`.
    package var baseURL: String { server.baseURL }

    package func stop() async { await server.stop() }

    // MARK: Reading the fake's records from tests

    package var opportunities: [Opportunity] { state.withLock { Array($0.opportunities.values) } }
    package func opportunity(id: String) -> Opportunity? { state.withLock { $0.opportunities[id] } }
    package var pipelines: [Pipeline] { state.withLock { $0.pipelines } }
    package var requests: [RecordedRequest] { front.log.withLock { $0 } }

    // MARK: Changes made by someone else in Coastline's own app (its API takes none)

    /// Changes a record as a user of Coastline's app would (its `updated_at` moves on); false when there is none.
    @discardableResult
    package func edit(id: String, _ change: (inout Opportunity) -> Void) -> Bool {
        state.withLock { state in
            guard var record = state.opportunities[id] else { return false }
            change(&record)
            record.updatedAt = FakeDates.string(Date())
            state.opportunities[id] = record
            return true
        }
    }

    /// Deletes a record as Coastline's app would.
    package func remove(id: String) {
        state.withLock { _ = $0.opportunities.removeValue(forKey: id) }
    }

    // MARK: Errors (shape not published)

    struct ErrorBody: Encodable { let error: String }

    static func error(_ status: Int, _ message: String) -> FakeReply { .json(status, ErrorBody(error: message)) }

    @Sendable func serverError(_ status: Int) -> FakeReply { Self.error(status, "Internal server error") }

    @Sendable func tooManyRequests(_ window: RateWindow.Snapshot) -> FakeReply {
        var reply = Self.error(429, "Too many requests")
        reply.headers = [("Retry-After", "1")]
        return reply
    }
}

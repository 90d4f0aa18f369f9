import Foundation
import Hummingbird

/// A local stand-in for BrightMove's public API (Beta) for one company, on 127.0.0.1. `baseURL` includes
/// `/ATS/api/v1`. Where the docs are silent (list shape, error body, limits) it answers as a Spring service would.
package final class BrightMoveFake: Sendable {
    package let faults = FaultSwitches()
    let companyKey: String
    let userKey: String
    let state: Locked<State>
    let front: FakeFront
    private let server = ServerSlot()

    struct State {
        var setup: Setup
        var opportunities: [String: Opportunity]
        /// Answer a create with `{}` as the docs' example does, instead of the record.
        var emptyCreateAnswer = true
        /// While true, records made are left out of searches (`q`) until it is false again.
        var searchLags = false
        var unsearchable: Set<String> = []
    }

    /// No limit is published.
    package static let unlimited = RateLimit(limit: 1_000_000, interval: .seconds(1))

    init(companyKey: String, userKey: String, seed: Seed, rateLimit: RateLimit) {
        self.companyKey = companyKey
        self.userKey = userKey
        state = Locked(
            State(
                setup: seed.setup,
                opportunities: Dictionary(uniqueKeysWithValues: seed.opportunities.map { ($0.guid, $0) })))
        front = FakeFront(faults: faults, window: RateWindow(rateLimit))
    }

    package static func start(
        companyKey: String, userKey: String, seed: Seed? = nil, count: Int = 12,
        rateLimit: RateLimit = unlimited, lifetime: Duration = .seconds(600)
    ) async throws -> BrightMoveFake {
        let fake = BrightMoveFake(
            companyKey: companyKey, userKey: userKey, seed: seed ?? .sample(count: count), rateLimit: rateLimit)
        let server = try await FakeServer.start(lifetime: lifetime) { [fake] request, context in
            try await fake.front.handle(
                request, context: context, refuseRate: fake.tooManyRequests, fail: fake.serverError, route: fake.route)
        }
        fake.server.hold(server)
        return fake
    }

    /// Runs `body` with a started fake and stops it afterwards, whatever happens.
    package static func with<T>(
        companyKey: String, userKey: String, count: Int = 12, _ body: (BrightMoveFake) async throws -> T
    ) async throws -> T {
        try await ServerSlot.running(
            try await start(companyKey: companyKey, userKey: userKey, count: count), stop: { await $0.stop() }, body)
    }

    /// The API root, `/ATS/api/v1` included, as a client's base URL.
    package var baseURL: String { server.baseURL + "/ATS/api/v1" }

    package func stop() async { await server.stop() }

    /// Answer creates with the record instead of the documented `{}`.
    package var emptyCreateAnswer: Bool {
        get { state.withLock { $0.emptyCreateAnswer } }
        set { state.withLock { $0.emptyCreateAnswer = newValue } }
    }

    /// A search index behind the records: while true, opportunities made are missing from searches (`q`), though
    /// listed and readable by id; false catches the index up.
    package var searchLags: Bool {
        get { state.withLock { $0.searchLags } }
        set {
            state.withLock { state in
                state.searchLags = newValue
                if !newValue { state.unsearchable = [] }
            }
        }
    }

    // MARK: Reading the fake's records from tests

    package var opportunities: [Opportunity] { state.withLock { Array($0.opportunities.values) } }
    package func opportunity(id: String) -> Opportunity? { state.withLock { $0.opportunities[id] } }
    package var setup: Setup { state.withLock { $0.setup } }
    package var requests: [RecordedRequest] { front.log.withLock { $0 } }

    // MARK: Changes made by someone else in BrightMove's own app

    /// Changes a record as a user of BrightMove's app would (its `lastModifiedDate` moves on); false when there is
    /// none.
    @discardableResult
    package func edit(id: String, _ change: (inout Opportunity) -> Void) -> Bool {
        state.withLock { state in
            guard var record = state.opportunities[id] else { return false }
            change(&record)
            record.lastModifiedDate = Int64(Date().timeIntervalSince1970 * 1_000)
            state.opportunities[id] = record
            return true
        }
    }

    /// Deletes a record as BrightMove's app would: permanently.
    package func remove(id: String) {
        state.withLock { _ = $0.opportunities.removeValue(forKey: id) }
    }

    // MARK: Errors (shape not published: Spring's default body)

    struct ErrorBody: Encodable {
        let timestamp: Int64
        let status: Int
        let error: String
        let message: String
        let path: String
    }

    static func error(_ status: Int, _ message: String, path: String = "") -> FakeReply {
        let reason =
            [400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests"][
                status]
            ?? "Internal Server Error"
        return .json(
            status,
            ErrorBody(
                timestamp: Int64(Date().timeIntervalSince1970 * 1_000), status: status, error: reason,
                message: message, path: path))
    }

    @Sendable func serverError(_ status: Int) -> FakeReply { Self.error(status, "Unexpected error") }

    @Sendable func tooManyRequests(_ window: RateWindow.Snapshot) -> FakeReply {
        var reply = Self.error(429, "Too many requests")
        reply.headers = [("Retry-After", "1")]
        return reply
    }
}

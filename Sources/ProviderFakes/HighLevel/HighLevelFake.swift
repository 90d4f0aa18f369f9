import Foundation
import Hummingbird

/// A local stand-in for HighLevel's API v2 (Version 2021-07-28) for one location, on 127.0.0.1.
public final class HighLevelFake: Sendable {
    public static let version = "2021-07-28"
    public let locationID: String
    package let faults = FaultSwitches()
    let token: String
    let state: Locked<State>
    let front: FakeFront
    private let server = ServerSlot()

    struct State {
        var pipelines: [Pipeline]
        var contacts: [String: Contact] { didSet { matches = [:]; encoded = [:] } }
        var opportunities: [String: Opportunity] { didSet { searchOrder = nil; matches = [:]; encoded = [:] } }
        /// Every record's search key (creation time in ms, id) in search order, made on the first search after
        /// a change: parsing each date once instead of at every comparison keeps a page cheap on large seeds.
        var searchOrder: [SearchKey]?
        /// The search keys matching each filter seen since the last change, in search order, so that paging
        /// through a large result finds its page by binary search instead of filtering every record again.
        var matches: [SearchFilter: [SearchKey]] = [:]
        /// Each record's JSON as search answers carry it, written on first use until the next change.
        var encoded: [String: Data] = [:]
        /// Today's requests, for X-RateLimit-Daily-Remaining.
        var daily = 0
        var lostReasons: [LostReason] = []
        /// Notes and tasks, each on a contact, in the order they were made.
        var notes: [Note] = []
        var tasks: [ContactTask] = []
    }

    /// The documented limits: a burst of 100 requests per 10 seconds, 200,000 a day.
    public static let burst = RateLimit(limit: 100, interval: .seconds(10))
    static let dailyLimit = 200_000

    init(token: String, locationID: String, seed: Seed, rateLimit: RateLimit) {
        self.token = token
        self.locationID = locationID
        state = Locked(
            State(
                pipelines: seed.pipelines,
                contacts: Dictionary(uniqueKeysWithValues: seed.contacts.map { ($0.id, $0) }),
                opportunities: Dictionary(uniqueKeysWithValues: seed.opportunities.map { ($0.id, $0) }),
                lostReasons: seed.lostReasons))
        front = FakeFront(faults: faults, window: RateWindow(rateLimit))
    }

    /// Starts a fake; `seed` defaults to a sample pipeline with `count` opportunities.
    public static func start(
        token: String, locationID: String = FakeIDs.highLevel(), seed: Seed? = nil, count: Int = 12,
        rateLimit: RateLimit = burst, lifetime: Duration = .seconds(600)
    ) async throws -> HighLevelFake {
        let fake = HighLevelFake(
            token: token, locationID: locationID,
            seed: seed ?? .sample(locationID: locationID, count: count), rateLimit: rateLimit)
        let server = try await FakeServer.start(lifetime: lifetime) { [fake] request, context in
            try await fake.front.handle(
                request, context: context, refuseRate: fake.tooManyRequests,
                fail: fake.serverError, rateHeaders: fake.rateHeaders, route: fake.route)
        }
        fake.server.hold(server)
        return fake
    }

    /// Runs `body` with a started fake and stops it afterwards, whatever happens.
    package static func with<T>(
        token: String, count: Int = 12, rateLimit: RateLimit = burst,
        _ body: (HighLevelFake) async throws -> T
    ) async throws -> T {
        try await ServerSlot.running(
            try await start(token: token, count: count, rateLimit: rateLimit), stop: { await $0.stop() }, body)
    }

    public var baseURL: String { server.baseURL }

    public func stop() async { await server.stop() }

    // MARK: Reading the fake's records from tests

    package var opportunities: [Opportunity] { state.withLock { Array($0.opportunities.values) } }
    package func opportunity(id: String) -> Opportunity? { state.withLock { $0.opportunities[id] } }
    package var contacts: [Contact] { state.withLock { Array($0.contacts.values) } }
    public var pipelines: [Pipeline] { state.withLock { $0.pipelines } }
    package var lostReasons: [LostReason] { state.withLock { $0.lostReasons } }
    public var requests: [RecordedRequest] { front.log.withLock { $0 } }

    /// Whether `requests` also keep each answer's body (off by default: a large pull's answers are many megabytes).
    package var keepsAnswers: Bool {
        get { front.keepsAnswers.withLock { $0 } }
        set { front.keepsAnswers.withLock { $0 = newValue } }
    }

    // MARK: Changes made by someone else in HighLevel's own app

    /// Changes a record as a user of HighLevel's app would (its `updatedAt` moves on); false when there is none.
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

    /// Deletes a record as HighLevel's app would.
    package func remove(id: String) {
        state.withLock { _ = $0.opportunities.removeValue(forKey: id) }
    }
}

// MARK: Errors, in HighLevel's shapes

extension HighLevelFake {
    struct MessageBody: Encodable {
        let statusCode: Int
        let message: String
        var error: String?
    }

    struct ListBody: Encodable {
        let statusCode: Int
        let message: [String]
        let error: String
    }

    static func badRequest(_ message: String) -> FakeReply {
        .json(400, MessageBody(statusCode: 400, message: message))
    }
    static func notFound(_ message: String) -> FakeReply {
        .json(404, MessageBody(statusCode: 404, message: message, error: "Not Found"))
    }
    static func unprocessable(_ messages: [String]) -> FakeReply {
        .json(422, ListBody(statusCode: 422, message: messages, error: "Unprocessable Entity"))
    }

    @Sendable func serverError(_ status: Int) -> FakeReply {
        .json(status, MessageBody(statusCode: status, message: "Internal server error", error: "Internal Server Error"))
    }

    /// 429 with the documented rate-limit headers (the body shape is not documented; this is the common one).
    @Sendable func tooManyRequests(_ window: RateWindow.Snapshot) -> FakeReply {
        var reply = FakeReply.json(
            429, MessageBody(statusCode: 429, message: "Too many requests", error: "Too Many Requests"))
        reply.headers = rateHeaders(window)
        return reply
    }

    @Sendable func rateHeaders(_ window: RateWindow.Snapshot) -> [(String, String)] {
        let rule = front.window.rule
        let interval =
            rule.interval.components.seconds * 1_000 + rule.interval.components.attoseconds / 1_000_000_000_000_000
        let daily = state.withLock { state -> Int in
            state.daily += 1; return state.daily
        }
        return [
            ("X-RateLimit-Max", String(rule.limit)),
            ("X-RateLimit-Remaining", String(window.remaining)),
            ("X-RateLimit-Interval-Milliseconds", String(interval)),
            ("X-RateLimit-Limit-Daily", String(Self.dailyLimit)),
            ("X-RateLimit-Daily-Remaining", String(max(0, Self.dailyLimit - daily))),
        ]
    }
}

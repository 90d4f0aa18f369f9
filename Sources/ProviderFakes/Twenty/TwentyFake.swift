import Foundation
import Hummingbird

/// A local stand-in for one Twenty workspace's REST and metadata APIs, on 127.0.0.1.
public final class TwentyFake: Sendable {
    package let faults = FaultSwitches()
    let token: String
    let state: Locked<State>
    let front: FakeFront
    private let server = ServerSlot()

    struct State {
        var stages: [StageOption]
        var opportunities: [String: Opportunity] {
            didSet { sortedIDs = nil }
        }
        /// Every record's id in order, soft-deleted ones too: made by a list, dropped by any change.
        var sortedIDs: [String]?
        var microsAsText = false
        var oldServer: OldServer?
        var restoreRoute = RestoreRoute.prefixed
        var customFieldCount = 0
        var defaultFieldCap: Int?
        var targetFields = TargetFields.current
        /// Notes, tasks and their targets by object (plural name), then by id.
        var activities: [String: [String: Record]] = [:]
        /// Each opportunity's timeline, oldest first (TwentyTimeline.swift).
        var timeline: [String: [TimelineActivity]] = [:]
    }

    /// How a server from before the 200-record page and the restore endpoint behaves: `limit` above 60 is refused
    /// or cut to 60, a restore's path is refused as its REST parser refuses any unknown one, and a delete is
    /// always soft.
    public enum OldServer: Sendable {
        case refusesLargePages
        case cutsLargePages
    }

    /// The documented cloud limit: 100 requests a minute. Twenty counts it as a token bucket (see
    /// `RateWindow.Refill.tokenBucket`): 100 at once, then one every 0.6 s. Its second bucket, 100 a second, never
    /// binds before this one.
    public static let perMinute = RateLimit(limit: 100, interval: .seconds(60))

    init(token: String, opportunities: [Opportunity], rateLimit: RateLimit) {
        self.token = token
        state = Locked(
            State(
                stages: Self.defaultStages,
                opportunities: Dictionary(uniqueKeysWithValues: opportunities.map { ($0.id, $0) })))
        front = FakeFront(faults: faults, window: RateWindow(rateLimit, refill: .tokenBucket))
    }

    public static func start(
        token: String, opportunities: [Opportunity]? = nil, count: Int = 12, rateLimit: RateLimit = perMinute,
        lifetime: Duration = .seconds(600)
    ) async throws -> TwentyFake {
        let fake = TwentyFake(token: token, opportunities: opportunities ?? sample(count: count), rateLimit: rateLimit)
        let server = try await FakeServer.start(lifetime: lifetime) { [fake] request, context in
            try await fake.front.handle(
                request, context: context, refuseRate: fake.tooManyRequests, fail: fake.serverError,
                route: fake.route)
        }
        fake.server.hold(server)
        return fake
    }

    /// Runs `body` with a started fake and stops it afterwards, whatever happens.
    package static func with<T>(
        token: String, count: Int = 12, rateLimit: RateLimit = perMinute,
        _ body: (TwentyFake) async throws -> T
    ) async throws -> T {
        try await ServerSlot.running(
            try await start(token: token, count: count, rateLimit: rateLimit), stop: { await $0.stop() }, body)
    }

    public var baseURL: String { server.baseURL }

    public func stop() async { await server.stop() }

    /// Write `amountMicros` as numeric text instead of a number.
    package var microsAsText: Bool {
        get { state.withLock { $0.microsAsText } }
        set { state.withLock { $0.microsAsText = newValue } }
    }

    /// Where a current server takes a restore: `/rest/restore/opportunities/{id}`, the generated document's path
    /// (the controller's `restore/*path` route in twentyhq/twenty at 5082be3), or
    /// `/rest/opportunities/{id}/restore` (its `*path/restore` route at 0a0ec6a).
    package enum RestoreRoute: Sendable {
        case prefixed
        case suffixed
    }

    package var restoreRoute: RestoreRoute {
        get { state.withLock { $0.restoreRoute } }
        set { state.withLock { $0.restoreRoute = newValue } }
    }

    /// nil for a current server; else how an old one answers (see `OldServer`).
    public var oldServer: OldServer? {
        get { state.withLock { $0.oldServer } }
        set { state.withLock { $0.oldServer = newValue } }
    }

    /// Custom fields the workspace added to its opportunity object (`custom01`, ...), each a text on every record.
    package var customFieldCount: Int {
        get { state.withLock { $0.customFieldCount } }
        set { state.withLock { $0.customFieldCount = newValue } }
    }

    /// With more readable fields than this and no `fields` asked for, a read answers a default subset: id, the
    /// label identifier, createdAt, updatedAt, deletedAt, position, then standard fields before custom ones, by
    /// name. nil: every field (an object with few fields).
    package var defaultFieldCap: Int? {
        get { state.withLock { $0.defaultFieldCap } }
        set { state.withLock { $0.defaultFieldCap = newValue } }
    }

    // MARK: Reading the fake's records from tests

    /// Every record, soft-deleted ones included (with `deletedAt`); a permanent delete removes it.
    package var opportunities: [Opportunity] { state.withLock { Array($0.opportunities.values) } }
    package func opportunity(id: String) -> Opportunity? { state.withLock { $0.opportunities[id] } }
    public var requests: [RecordedRequest] { front.log.withLock { $0 } }
    /// How many requests the rate limit refused (429).
    public var refusedForRate: Int { front.log.withLock { $0.count { $0.status == 429 } } }

    /// Whether `requests` also keep each answer's body (off by default: a large pull's answers are many megabytes).
    package var keepsAnswers: Bool {
        get { front.keepsAnswers.withLock { $0 } }
        set { front.keepsAnswers.withLock { $0 = newValue } }
    }

    // MARK: Changes made by someone else in the CRM's own app

    /// Changes a record as a user of Twenty's web app would, at `time` (its `updatedAt` moves there, and the
    /// record's timeline gains the update); false when there is none.
    @discardableResult
    package func edit(id: String, at time: Date = Date(), _ change: (inout Opportunity) -> Void) -> Bool {
        state.withLock { state in
            guard var record = state.opportunities[id], record.deletedAt == nil else { return false }
            let before = record
            change(&record)
            record.updatedAt = FakeDates.string(time)
            state.opportunities[id] = record
            Self.recordUpdate(before, record, at: time, in: &state)
            return true
        }
    }

    /// The record's timeline as the API writes it, oldest first.
    package func timeline(id: String) -> [String] {
        state.withLock { $0.timeline[id, default: []].map(\.name) }
    }

    /// Soft-deletes a record as the web app would.
    package func remove(id: String) {
        state.withLock { $0.opportunities[id]?.deletedAt = FakeDates.string(Date()) }
    }

    // MARK: Errors, in Twenty's shape

    struct ErrorBody: Encodable {
        let statusCode: Int
        let error: String
        let messages: [String]
    }

    static func error(_ status: Int, _ error: String, _ message: String) -> FakeReply {
        .json(status, ErrorBody(statusCode: status, error: error, messages: [message]))
    }

    @Sendable func serverError(_ status: Int) -> FakeReply {
        Self.error(status, "InternalServerError", "Internal server error")
    }

    /// Twenty's REST answer when a bucket is empty (`throttlerToRestApiExceptionHandler`): 429 with the throttler's
    /// message and no header saying when to come back (no Retry-After, no X-RateLimit-*).
    @Sendable func tooManyRequests(_ window: RateWindow.Snapshot) -> FakeReply {
        let rule = front.window.rule
        let (seconds, attoseconds) = rule.interval.components
        let millis = seconds * 1_000 + attoseconds / 1_000_000_000_000_000
        return Self.error(
            429, "TooManyRequestsException", "Limit reached (\(rule.limit) tokens per \(millis) ms)")
    }
}

import Foundation
import Hummingbird

/// A request as a fake's routing sees it: method, path segments, decoded query, headers by lower-case name, body.
struct FakeRequest: Sendable {
    let method: String
    let path: [String]
    let query: [String: String]
    /// Query names in the order sent, to check for names the API does not take.
    let queryNames: [String]
    let headers: [String: String]
    let body: Data

    /// The body as a JSON object, or nil when it is not one.
    var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }
}

/// A fake's answer before it is written.
struct FakeReply: Sendable {
    var status: Int
    var body: Data
    var headers: [(String, String)] = []
    /// The request changed state: a "response lost" fault applies to it.
    var isWrite = false

    static func json<T: Encodable>(_ status: Int, _ value: T, isWrite: Bool = false) -> FakeReply {
        FakeReply(status: status, body: encode(value), isWrite: isWrite)
    }

    /// JSON as every fake writes it: keys sorted, slashes as they are.
    static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}

/// A request the fake received, and the fake's answer, for tests to inspect.
public struct RecordedRequest: Sendable, Hashable {
    package let method: String
    /// Percent-decoded segments joined by "/" (a trailing slash is not kept: see `uri`).
    package let path: String
    package let query: [String: String]
    package let headers: [String: String]
    package let body: String
    /// The request target as sent: path (trailing slash included) and query, percent-encoded.
    package let uri: String
    /// The answer's status and body (the body when the fake keeps answers); nil while it is being handled, or
    /// when the connection was dropped.
    package internal(set) var status: Int?
    package internal(set) var response: String?
}

/// What every fake does around its own routing: the request log, faults, the rate window.
struct FakeFront: Sendable {
    let faults: FaultSwitches
    let window: RateWindow
    let log = Locked<[RecordedRequest]>([])
    /// Whether the log keeps each answer's body too (tests that check answers' shapes; off for benchmarks).
    let keepsAnswers = Locked(false)

    func handle(
        _ request: Request, context: FakeContext,
        refuseRate: @Sendable (RateWindow.Snapshot) -> FakeReply,
        fail: @Sendable (Int) -> FakeReply,
        rateHeaders: @Sendable (RateWindow.Snapshot) -> [(String, String)] = { _ in [] },
        route: @Sendable (FakeRequest) async -> FakeReply
    ) async throws -> Response {
        let parsed = try await parse(request)
        let entry = log.withLock {
            $0.append(
                RecordedRequest(
                    method: parsed.method, path: "/" + parsed.path.joined(separator: "/"), query: parsed.query,
                    headers: parsed.headers, body: String(decoding: parsed.body, as: UTF8.self),
                    uri: request.uri.description))
            return $0.count - 1
        }
        let keepBody = keepsAnswers.withLock { $0 }
        // An answer a fault broke on purpose is not kept: it is not the fake's shape.
        let answer = { @Sendable (reply: FakeReply, broken: Bool) -> Response in
            log.withLock {
                $0[entry].status = reply.status
                if keepBody && !broken { $0[entry].response = String(decoding: reply.body, as: UTF8.self) }
            }
            return Self.response(reply)
        }
        let (delay, fault) = faults.arrive()
        if delay > .zero { try await Task.sleep(for: delay) }
        switch fault {
        case .drop?:
            context.dropConnection()
            throw ConnectionDropped()
        case .fail(let status)?:
            return answer(fail(status), false)
        case .rateLimit?:
            return answer(refuseRate(window.exhausted()), false)
        case nil:
            break
        }
        let snapshot = window.take()
        guard snapshot.allowed else { return answer(refuseRate(snapshot), false) }
        await faults.holdIfAsked(parsed, at: .beforeAnswering)
        var reply = await route(parsed)
        await faults.holdIfAsked(parsed, at: .afterAnswering)
        reply.headers += rateHeaders(snapshot)
        if reply.isWrite && (200..<300).contains(reply.status) { faults.writeApplied() }
        if reply.isWrite && (200..<300).contains(reply.status) && faults.takeLostWrite() {
            context.dropConnection()
            throw ConnectionDropped()
        }
        if (200..<300).contains(reply.status) && faults.takeGarbled() {
            reply.body = reply.body.prefix(reply.body.count / 2)
            return answer(reply, true)
        }
        if (200..<300).contains(reply.status), let rewrite = faults.takeRewrite() {
            reply.body = rewrite(reply.body)
            return answer(reply, true)
        }
        return answer(reply, false)
    }

    private func parse(_ request: Request) async throws -> FakeRequest {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        let components = URLComponents(string: "http://fake/?" + (request.uri.query ?? ""))
        var query: [String: String] = [:]
        var names: [String] = []
        for item in components?.queryItems ?? [] {
            query[item.name] = item.value ?? ""
            names.append(item.name)
        }
        let buffer = try await request.body.collect(upTo: 4 * 1024 * 1024)
        let path = request.uri.path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        return FakeRequest(
            method: request.method.rawValue, path: path, query: query, queryNames: names,
            headers: headers, body: Data(buffer.readableBytesView))
    }

    static func response(_ reply: FakeReply) -> Response {
        var fields = HTTPFields()
        fields.append(HTTPFields.Element(name: .init("Content-Type")!, value: "application/json; charset=utf-8"))
        for (name, value) in reply.headers {
            if let fieldName = HTTPFields.Element.Name(name) {
                fields.append(HTTPFields.Element(name: fieldName, value: value))
            }
        }
        return Response(
            status: .init(code: reply.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}

/// Ids in the providers' formats.
public enum FakeIDs {
    private static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// HighLevel's 20-character alphanumeric ids (locations, contacts, opportunities, pipelines).
    public static func highLevel() -> String {
        String((0..<20).map { _ in alphanumerics.randomElement()! })
    }

    package static func uuid() -> String { UUID().uuidString.lowercased() }
}

/// ISO 8601 with milliseconds, as both providers write dates.
enum FakeDates {
    static func string(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

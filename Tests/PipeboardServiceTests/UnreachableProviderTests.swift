import Foundation
import Logging
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes
import TestSupport
import Testing

/// A provider that cannot be reached costs a person no waiting: the request fails at once, the change waits in
/// the outbox, and a sync a person asks for sends what waits whatever its backoff.
@Suite(.serialized) struct UnreachableProviderTests {
    /// A port on this machine that nothing listens on.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// With the production client and retry policy: one refused connection, no retries, well under a second
    /// (it took four attempts of about 10 s each).
    @Test func aRefusedConnectionFailsAtOnceAsUnreachable() async throws {
        let http = HTTPTransport.makeClient()
        defer { Task { try? await http.shutdown() } }
        let closed = "http://127.0.0.1:\(try Self.closedPort())"
        let transport = HTTPTransport(
            http: http, baseURL: closed, headers: [], secrets: [],
            pacer: Pacer(limit: 1_000, per: .seconds(1)), retry: RetryPolicy(),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let started = ContinuousClock.now
        do {
            _ = try await transport.send(.GET, "/opportunities/pipelines")
            Issue.record("a closed port answered")
        } catch let error as ProviderError {
            guard case .unreachable(let message) = error else {
                Issue.record("expected unreachable, got \(error)")
                return
            }
            #expect(message == "connection refused")
            #expect(error.isRetryable)
        }
        let elapsed = ContinuousClock.now - started
        print("refused connection failed in \(elapsed)")
        #expect(elapsed < .seconds(1))
    }

    /// The fake is gone: a move is delivered in no time to the outbox, marked as never sent (so a create is not
    /// looked for before it goes again), and goes through once the provider is back.
    @Test func aChangeForAnUnreachableProviderWaitsAtOnceAsNotSent() async throws {
        try await withSync(.highLevel) { sync in
            let (card, target) = try await sync.firstCardAndStage(2)
            let created = try await sync.service.create(account: "crm", pipeline: nil, input: ["name": "Made offline"])
            _ = try await sync.service.move(id: card.id, toStage: target.name)
            let fake = try #require(sync.harness.highLevel)
            await fake.stop()
            let started = ContinuousClock.now
            let report = try await sync.service.push(account: "crm")
            let elapsed = ContinuousClock.now - started
            print("delivery to an unreachable provider took \(elapsed)")
            #expect(elapsed < .seconds(1))
            #expect(report.retrying == 1 && report.delivered == 0)
            let entries = try sync.store.outbox(account: "crm", states: [])
            let first = try #require(entries.first { $0.opportunityID == created.id })
            #expect(first.lastError?.contains("provider unreachable") == true)
            #expect(!first.maybeSent)
            #expect(entries.count == 2)
        }
    }

    /// A change waiting out its backoff: the background's push leaves it, a person's sync sends it now.
    @Test func aSyncAPersonAsksForSendsWhatWaitsWhateverItsBackoff() async throws {
        try await withSync(.highLevel) { sync in
            let faults = try #require(sync.harness.faults)
            let (card, target) = try await sync.firstCardAndStage(2)
            _ = try await sync.service.move(id: card.id, toStage: target.name)
            faults.failNext(20, status: 503)
            #expect(try await sync.service.push(account: "crm").retrying == 1)
            faults.failNext(0)
            let entry = try #require(try sync.store.outbox(account: "crm", states: []).first)
            #expect(entry.notBefore.map { $0 > sync.clock.date } == true)

            #expect(try await sync.service.push(account: "crm").delivered == 0)
            #expect(sync.remoteStage(card) != target.id)
            #expect(try await sync.service.push(account: "crm", everyWaiting: true).delivered == 1)
            #expect(sync.remoteStage(card) == target.id)
            #expect(try sync.store.outbox(account: "crm", states: []).isEmpty)
        }
    }
}

import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes
import TestSupport
import Testing

/// A provider that cannot be reached costs a person no waiting: the change waits in the outbox at once, and a
/// sync a person asks for sends what waits whatever its backoff (the transport's side: UnreachableTransportTests).
@Suite(.serialized) struct UnreachableProviderTests {
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

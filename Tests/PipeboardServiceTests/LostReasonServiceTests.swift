import Foundation
import PipeboardCore
import PipeboardService
import ProviderFakes
import TestSupport
import Testing

/// Marking a HighLevel deal lost by a reason's name: the service takes it from the provider's list and the
/// outbox delivers its id.
@Suite(.serialized) struct LostReasonServiceTests {
    @Test func aReasonNamedFromTheProvidersListArrivesAsItsID() async throws {
        try await withSync(.highLevel) { sync in
            let fake = try #require(sync.harness.highLevel)
            let (card, _) = try await sync.firstCardAndStage(1)
            let reasons = try await sync.service.lostReasons(account: "crm")
            #expect(reasons.map(\.name) == fake.lostReasons.map(\.name))

            // A name that is none of them: refused with the list, nothing changed or queued.
            do {
                _ = try await sync.service.setStatus(id: card.id, .lost, lostReason: "Astrology")
                Issue.record("an unknown lost reason was accepted")
            } catch let error as ServiceError {
                let names = fake.lostReasons.map(\.name).joined(separator: ", ")
                #expect(error.description == "no lost reason 'Astrology'; lost reasons are \(names)")
            }
            #expect(try sync.store.outbox(account: "crm", states: []).isEmpty)
            #expect(try sync.store.opportunity(id: card.id)?.status == .open)

            // Any case, or a unique prefix.
            let marked = try await sync.service.setStatus(id: card.id, .lost, lostReason: "went with")
            let expected = try #require(fake.lostReasons.first { $0.name == "Went with a competitor" })
            #expect(marked.customFields["lost_reason_id"] == expected.id)
            #expect(try await sync.service.push(account: "crm").delivered == 1)
            let remoteID = try #require(card.remoteID)
            #expect(fake.opportunity(id: remoteID)?.status == "lost")
            #expect(fake.opportunity(id: remoteID)?.lostReasonId == expected.id)
            // The pull agrees with the card.
            try await sync.service.pull(account: "crm")
            #expect(try sync.store.opportunity(id: card.id)?.customFields["lost_reason_id"] == expected.id)
        }
    }
}

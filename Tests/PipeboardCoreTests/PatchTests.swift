import Foundation
import Testing
@testable import PipeboardCore

@Suite struct PatchTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    func sample() -> Opportunity {
        Opportunity(
            account: "local", pipelineID: "sales", stageID: "lead", rank: 3, name: "Acme",
            value: Money(micros: 1_000_000, currency: "USD"), contactName: "Ana", createdAt: start)
    }

    @Test func applyingChangesOnlyTheNamedFields() {
        let patched = sample().applying(
            OpportunityPatch(stageID: "won", contactName: ""), at: start.addingTimeInterval(60))
        #expect(patched.stageID == "won")
        #expect(patched.contactName == nil)
        #expect(patched.name == "Acme")
        #expect(patched.stageChangedAt == start.addingTimeInterval(60))
        #expect(patched.updatedAt == start.addingTimeInterval(60))
    }

    @Test func inverseRestoresTheBefore() {
        let before = sample()
        let patch = OpportunityPatch(name: "Acme 2", stageID: "won", clearValue: true, tags: ["x"])
        let after = patch.applied(to: before)
        let back = patch.inverse(restoring: before).applied(to: after)
        #expect(back == before)
    }

    @Test func changesDropsFieldsThatAlreadyMatch() {
        let patch = OpportunityPatch(name: "Acme", stageID: "won")
        #expect(patch.changes(from: sample()).fields == [.stage])
    }

    @Test func fieldsListEveryTouchedField() {
        #expect(OpportunityPatch(value: Money(micros: 1, currency: "USD"), status: .won).fields == [.value, .status])
        #expect(OpportunityPatch().isEmpty)
    }
}

import Foundation
import Testing
@testable import PipeboardCore

@Suite struct FieldInputTests {
    let pipeline = DemoData.pipeline

    @Test func buildsAPatchFromTypedText() throws {
        let patch = try FieldInput.patch(
            from: ["name": " Acme ", "value": "1,200.50", "currency": "eur", "stage": "prop", "tags": "a, b,,", "probability": "40%",
                   "custom.region": "EMEA"],
            pipeline: pipeline, defaultCurrency: "USD").get()
        #expect(patch.name == "Acme")
        #expect(patch.value == Money(micros: 1_200_500_000, currency: "EUR"))
        #expect(patch.stageID == "proposal")
        #expect(patch.tags == ["a", "b"])
        #expect(patch.probability == 0.4)
        #expect(patch.customFields == ["region": "EMEA"])
    }

    @Test func reportsEveryProblemAtOnce() {
        let result = FieldInput.patch(from: ["name": "", "value": "-5", "stage": "Nowhere", "close_date": "2026-02-30", "bogus": "1"],
                                      pipeline: pipeline, defaultCurrency: "USD")
        guard case .failure(let errors) = result else { Issue.record("expected errors"); return }
        #expect(errors.messages["name"] == "a name is required")
        #expect(errors.messages["value"]?.contains("non-negative") == true)
        #expect(errors.messages["stage"]?.contains("Lead, Qualified") == true)
        #expect(errors.messages["close_date"] != nil)
        #expect(errors.messages["bogus"]?.hasPrefix("unknown field") == true)
    }

    @Test func aNewOpportunityNeedsAName() {
        guard case .failure(let errors) = FieldInput.patch(from: ["value": "5"], pipeline: pipeline, defaultCurrency: "USD") else {
            Issue.record("expected errors"); return
        }
        #expect(errors.messages.keys.sorted() == ["name"])
    }

    @Test func anEditMayLeaveTheNameOut() throws {
        let current = Opportunity(account: "a", pipelineID: "sales", stageID: "lead", name: "X",
                                  value: Money(micros: 5, currency: "GBP"), createdAt: Date())
        let patch = try FieldInput.patch(from: ["value": "10"], pipeline: pipeline, defaultCurrency: "USD", current: current).get()
        #expect(patch.value == Money(micros: 10_000_000, currency: "GBP"))
        #expect(patch.name == nil)
    }

    @Test func parsesAssignments() throws {
        #expect(try FieldInput.parseAssignments(["a=b=c", "name=Acme"]).get() == ["a": "b=c", "name": "Acme"])
        #expect((try? FieldInput.parseAssignments(["novalue"]).get()) == nil)
    }

    @Test func checksDays() {
        #expect(FieldInput.isISODay("2024-02-29"))
        #expect(!FieldInput.isISODay("2023-02-29"))
        #expect(!FieldInput.isISODay("2024-13-01"))
    }
}

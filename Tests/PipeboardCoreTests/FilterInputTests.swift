import Testing
@testable import PipeboardCore

@Suite struct FilterInputTests {
    @Test(arguments: [("opne", "open"), ("Wonn", "won"), ("lots", "lost"), ("abandonned", "abandoned")])
    func aMistypedStatusIsRefusedWithTheOneMeant(typed: String, meant: String) {
        guard case .failure(let errors) = FilterInput.filter(from: ["status": "won, \(typed)"]) else {
            Issue.record("\(typed) was taken for a provider's status"); return
        }
        #expect(
            errors.messages["status"]
                == "'\(typed)' is not a status; did you mean \(meant)? (a provider's own, such as ON_HOLD, is taken "
                + "as written)")
    }

    @Test func aProvidersOwnStatusIsStillTakenAsWritten() throws {
        let filter = try FilterInput.filter(from: ["status": "open, ON_HOLD, archived, project, COMPLETED"]).get()
        #expect(filter.statuses == [.open])
        #expect(filter.providerStatuses == ["ON_HOLD", "archived", "project", "COMPLETED"])
    }
}

import Foundation
import ProviderFakes
import Testing

/// The board on a BrightMove account, against the BrightMove fake on loopback: the client picker asks the fake,
/// the type picker filters its list, the new opportunity reaches BrightMove, and a delete warns that it is permanent.
@Suite(.serialized) struct BrightMoveBoardTests {
    @Test func quickAddWithTheClientAndTypePickersThenThePermanentDeleteWarning() async throws {
        let company = "test-company-\(UUID().uuidString)", user = "test-user-\(UUID().uuidString)"
        let fake = try await BrightMoveFake.start(companyKey: company, userKey: user, count: 4)
        var harness = try Harness()
        defer { harness.cleanUp() }
        try harness.useBrightMove(
            fake, company: company, user: user,
            settings:
                "stages = [\"Prospecting\", \"Qualified\"]\n"
                + "types = [\"Direct Hire\", \"Contract\", \"Contract to Hire\"]"
        )

        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the BrightMove board") { $0.contains("Prospecting") && $0.contains("Placement 1") }
        try tmux.send("a")
        try tmux.waitFor("the quick-add form") { $0.contains("New opportunity in Prospecting") }
        try tmux.type("Night nurses")
        try tmux.send("Tab")
        try tmux.type("glo")
        try tmux.waitFor("the fake's clients") { $0.contains("›Globex‹") && $0.contains("Globex Staffing") }
        try tmux.send("Down")
        try tmux.waitFor("the second client chosen") { $0.contains("›Globex Staffing‹") }
        try tmux.send("Tab")
        try tmux.type("con")
        try tmux.waitFor("the types") { $0.contains("›Contract‹") }
        try tmux.send("Tab")
        try tmux.send("Enter")
        let deadline = Date().addingTimeInterval(15)
        while !fake.opportunities.contains(where: { $0.name == "Night nurses" }) && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let made = try #require(fake.opportunities.first { $0.name == "Night nurses" })
        #expect(made.clientName == "Globex Staffing")
        #expect(made.typeName == "Contract")
        #expect(made.stageName == "Prospecting")

        try tmux.send("d")
        try tmux.waitFor("the permanent-delete warning") { $0.contains("Permanent in BrightMove") }
        try tmux.send("n")
        try tmux.send("q")
        #expect(tmux.waitForExit())
        await fake.stop()
    }
}

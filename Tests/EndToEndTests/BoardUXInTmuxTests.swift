import Foundation
import Testing

/// Search and a lost reason on the real board in tmux, checked afterwards through `pipeboard list` (selecting
/// several cards and moving them together is tested through the runtime's whole loop).
@Suite(.serialized) struct BoardUXInTmuxTests {
    @Test func searchFiltersTheBoardAsYouType() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let open = try harness.list().filter { $0["status"] as? String == "open" }
        // A company that some open deals have and others do not.
        let companies = Dictionary(grouping: open.compactMap { $0["company"] as? String }, by: { $0 })
        let company = try #require(companies.filter { $0.value.count < open.count }.max { $0.value.count < $1.value.count }?.key)
        let word = String(company.split(separator: " ")[0])
        let expected = try harness.run(["list", "--status", "open", "--search", word, "--format", "json"])
        let expectedCount = try #require(try JSONSerialization.jsonObject(with: Data(expected.stdout.utf8)) as? [Any]).count
        let other = try #require(open.first { !(($0["name"] as? String ?? "") + ($0["contact"] as? String ?? "") + ($0["company"] as? String ?? "")).localizedCaseInsensitiveContains(word) })
        let otherPrefix = String((other["name"] as? String ?? "").prefix(12))

        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains("Lead") }
        try tmux.send("/")
        try tmux.type(word.lowercased())
        let screen = try tmux.waitFor("the matches") { $0.contains(expectedCount == 1 ? "1 match" : "\(expectedCount) matches") }
        #expect(screen.contains("/ \(word.lowercased())"))
        #expect(!screen.contains(otherPrefix), "a card that does not match is still shown")
        try tmux.send("Enter")
        try tmux.waitFor("the kept search in the status bar") { $0.contains("“\(word.lowercased())”") }
        try tmux.send("/")
        try tmux.send("Escape")
        try tmux.waitFor("every open deal again") { !$0.contains("“\(word.lowercased())”") && !$0.contains("matches") }
        try tmux.send("q")
        #expect(tmux.waitForExit(), "the board did not quit on q")
    }

    @Test func lostWithAReasonHidesTheCardUntilClosedDealsAreShown() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        // The focused card is the first of Lead; what of its name a card shows must be told apart from the others.
        let all = try harness.list()
        let first = try #require(all.first { $0["stage"] as? String == "Lead" && $0["status"] as? String == "open" })
        let id = try #require(first["id"] as? String)
        let prefix = String((first["name"] as? String ?? "").prefix(17))
        try #require(all.filter { ($0["name"] as? String ?? "").hasPrefix(prefix) }.count == 1)

        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains("Lead") && $0.contains(prefix) }
        try tmux.send("X")
        try tmux.waitFor("the lost-reason prompt") { $0.contains("Mark lost") && $0.contains("Reason") }
        try tmux.type("Budget frozen")
        try tmux.send("Enter")
        try tmux.waitFor("the card to be lost with its reason") { _ in
            let card = (try? harness.list())?.first { $0["id"] as? String == id }
            return card?["status"] as? String == "lost" && (card?["custom_fields"] as? [String: Any])?["lost_reason"] as? String == "Budget frozen"
        }
        // The status bar names the card ("Marked … lost"): look at the columns only.
        try tmux.waitFor("the card hidden, closed deals being hidden") { !$0.split(separator: "\n").dropLast().joined().contains(prefix) }
        try tmux.send("C")
        try tmux.waitFor("the card shown again as lost") { $0.contains(prefix) && $0.contains("closed shown") }
        try tmux.send("q")
        #expect(tmux.waitForExit(), "the board did not quit on q")
    }
}

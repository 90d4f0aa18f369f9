import Foundation
import Testing

/// Search on the real board in tmux, checked against `pipeboard list` (selecting several cards and moving them
/// together, and marking a card lost with a reason, are tested through the runtime's whole loop).
@Suite(.serialized) struct BoardUXInTmuxTests {
    @Test func searchFiltersTheBoardAsYouType() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let open = try harness.list().filter { $0["status"] as? String == "open" }
        // A company that some open deals have and others do not.
        let companies = Dictionary(grouping: open.compactMap { $0["company"] as? String }, by: { $0 })
        let company = try #require(
            companies.filter { $0.value.count < open.count }.max { $0.value.count < $1.value.count }?.key)
        let word = String(company.split(separator: " ")[0])
        let expected = try harness.run(["list", "--status", "open", "--search", word, "--format", "json"])
        let expectedCount = try #require(try JSONSerialization.jsonObject(with: Data(expected.stdout.utf8)) as? [Any])
            .count
        let other = try #require(
            open.first {
                !(($0["name"] as? String ?? "") + ($0["contact"] as? String ?? "") + ($0["company"] as? String ?? ""))
                    .localizedCaseInsensitiveContains(word)
            })
        let otherPrefix = String((other["name"] as? String ?? "").prefix(12))

        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains("Lead") }
        try tmux.send("/")
        try tmux.type(word.lowercased())
        let screen = try tmux.waitFor("the matches") {
            $0.contains(expectedCount == 1 ? "1 match" : "\(expectedCount) matches")
        }
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
}

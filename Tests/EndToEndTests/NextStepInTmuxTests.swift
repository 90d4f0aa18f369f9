import Foundation
import Testing

/// A next step on the real board in tmux: a task due yesterday shows red and overdue on its card, x marks it done,
/// u brings it back.
@Suite(.serialized) struct NextStepInTmuxTests {
    /// "Dec 6": the day before today (UTC), as a card writes it.
    static var yesterday: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = Date().addingTimeInterval(-86_400)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[calendar.component(.month, from: date) - 1]) \(calendar.component(.day, from: date))"
    }

    /// The focused card's next step as `list --format json` gives it.
    static func nextStep(_ harness: Harness, id: String) throws -> [String: Any]? {
        try harness.list().first { $0["id"] as? String == id }?["next_step"] as? [String: Any]
    }

    @Test func aTaskDueYesterdayIsRedThenDoneThenBackWithUndo() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let tmux = Tmux()
        defer { tmux.stop() }
        // In colour whatever the runner's environment says: the tmux server passes on the one it was started in.
        var environment = harness.environment
        environment["NO_COLOR"] = nil
        try tmux.start("env -u NO_COLOR " + Harness.binary.path, environment: environment)
        try tmux.waitFor("the board") { $0.contains("Lead") && $0.contains("∅ no next step") }
        let leads = try harness.list().filter { $0["stage"] as? String == "Lead" && $0["status"] as? String == "open" }
        let first = try #require(leads.first)
        let id = try #require(first["id"] as? String)

        try tmux.send("t")
        try tmux.waitFor("the task form") { $0.contains("Task on") && $0.contains("Due") }
        try tmux.type("Call the buyer")
        try tmux.send("Tab")
        try tmux.type("yesterday")
        try tmux.send("Enter")
        let overdue = "▲ \(Self.yesterday) Call"
        let added = try tmux.waitFor("the overdue step on the card") {
            $0.contains(overdue) && $0.contains("Added “Call the buyer”")
        }
        #expect(added.contains("(u to undo)"))
        // Red: the default theme's overdue colour at 256 colours, on the glyph.
        let styled = try tmux.screen(styled: true)
        #expect(styled.contains("38;5;203m▲"), "no red overdue glyph in:\n\(styled)")
        let step = try #require(try Self.nextStep(harness, id: id))
        #expect(step["title"] as? String == "Call the buyer")
        #expect(step["overdue"] as? Bool == true)

        try tmux.send("x")
        let done = try tmux.waitFor("the step done") { $0.contains("Done: Call the buyer") }
        #expect(!done.contains(overdue))
        #expect(try Self.nextStep(harness, id: id) == nil)

        try tmux.send("u")
        try tmux.waitFor("the step back") { $0.contains("Undid") && $0.contains(overdue) }
        #expect(try Self.nextStep(harness, id: id)?["overdue"] as? Bool == true)

        try tmux.send("q")
        #expect(tmux.waitForExit(), "the board did not quit on q")
    }
}

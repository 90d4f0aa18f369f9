import Foundation
import Testing

/// The age of a card in its stage, on the real board: a move starts it again at once and keeps it after the
/// change is delivered; undo brings the old age and its stale mark back. The runtime's whole-loop tests check the
/// same through a headless terminal; this one is the real binary a user runs, drawn by ncurses.
@Suite(.serialized) struct StageAgeInTmuxTests {
    @Test func aMovedCardShowsZeroDaysAndUndoBringsTheOldAgeAndTheStaleMarkBack() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains("Lead") && $0.contains("Negotiation") }

        // The seeded Lead column as the board shows it (open deals, in order); the first 30+ days in it moves.
        let leads = try harness.list().filter { $0["stage"] as? String == "Lead" && $0["status"] as? String == "open" }
        let index = try #require(leads.firstIndex { ($0["days_in_stage"] as? Int ?? 0) >= 30 })
        let old = leads[index]
        let id = try #require(old["id"] as? String)
        let days = try #require(old["days_in_stage"] as? Int)
        let mark = "◷\(days)d"
        try tmux.waitFor("the stale mark \(mark)") { $0.contains(mark) }

        for _ in 0..<index { try tmux.send("j") }
        try tmux.send("L")
        // Delivered to the workspace (nothing waits in the outbox) and shown again from the cache.
        try tmux.waitFor("the move to be delivered") { _ in
            guard let card = try? harness.card(id), card["stage"] as? String == "Qualified" else { return false }
            return (try? harness.waiting()) == 0
        }
        let moved = try harness.card(id)
        #expect(moved["days_in_stage"] as? Int == 0)
        #expect(moved["stage_changed_at"] as? String != old["stage_changed_at"] as? String)
        // A refresh reads the card back from the cache and the workspace: still no mark.
        try tmux.send("r")
        Thread.sleep(forTimeInterval: 2)
        let screen = try tmux.screen()
        #expect(!screen.contains(mark), "the moved card still shows its old age:\n\(screen)")

        try tmux.send("u")
        try tmux.waitFor("the old age and the stale mark back") { $0.contains(mark) }
        try tmux.waitFor("the undo to be delivered") { _ in (try? harness.waiting()) == 0 }
        let back = try harness.card(id)
        #expect(back["stage"] as? String == "Lead")
        #expect(back["days_in_stage"] as? Int == days)
        #expect(back["stage_changed_at"] as? String == old["stage_changed_at"] as? String)
        try tmux.send("q")
        #expect(tmux.waitForExit(), "the board did not quit on q")
    }
}

extension Harness {
    /// One card of `list --format json`.
    func card(_ id: String) throws -> [String: Any] {
        guard let card = try list().first(where: { $0["id"] as? String == id }) else {
            throw HarnessError("no card \(id)")
        }
        return card
    }

    /// How many changes wait in the outbox.
    func waiting() throws -> Int {
        let result = try run(["outbox", "--format", "json"])
        guard result.status == 0,
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            let changes = object["changes"] as? [Any]
        else { throw HarnessError("outbox failed: \(result.stderr)") }
        return changes.count
    }
}

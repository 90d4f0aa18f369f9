import Foundation
import PipeboardCore
import Testing

/// `note add`, `notes`, `task add`, `task done`, `tasks`, `agenda` and `list`'s `next_step` on the real binary,
/// against the local workspace it seeds.
@Suite(.serialized) struct NotesAndTasksCommandLineTests {
    func json(_ harness: Harness, _ arguments: [String]) throws -> Any {
        let result = try harness.run(arguments)
        guard result.status == 0 else { throw HarnessError("\(arguments) failed: \(result.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    @Test func aTaskDueYesterdayIsTheOverdueNextStepUntilItIsDoneAndUndoBringsItBack() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let deal = try #require(try harness.list().first { $0["status"] as? String == "open" })
        let id = try #require(deal["id"] as? String)
        #expect(deal.keys.contains("next_step") && deal["next_step"] is NSNull)

        let added = try harness.run(["task", "add", String(id.prefix(8)), "--title", "Call Ana", "--due", "yesterday"])
        #expect(added.status == 0, "\(added.stderr)")
        let taskID = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(UUID(uuidString: taskID) != nil)
        #expect(added.stderr.isEmpty, "delivered to the workspace at once: \(added.stderr)")
        _ = try harness.run(["task", "add", id, "--title", "Send quote", "--due", "+3d 15:30"])

        var step = try #require(try harness.list().first { $0["id"] as? String == id }?["next_step"] as? [String: Any])
        let yesterday = ISODay.string(from: Date().addingTimeInterval(-86_400))
        #expect(step["title"] as? String == "Call Ana")
        #expect(step["due"] as? String == yesterday)
        #expect(step["overdue"] as? Bool == true)

        // The starter deals have overdue steps of their own.
        let agenda = try #require(try json(harness, ["agenda", "--format", "json"]) as? [[String: Any]])
        let overdue = agenda.filter { $0["group"] as? String == "overdue" }
        #expect(overdue.contains { $0["deal_id"] as? String == id })
        #expect(agenda.contains { $0["group"] as? String == "no_next_step" })

        let done = try harness.run(["task", "done", String(taskID.prefix(8))])
        #expect(done.status == 0 && done.stdout == "done: Call Ana\n", "\(done.stdout)\(done.stderr)")
        step = try #require(try harness.list().first { $0["id"] as? String == id }?["next_step"] as? [String: Any])
        #expect(step["title"] as? String == "Send quote")
        #expect(step["overdue"] as? Bool == false)
        #expect((step["due"] as? String)?.hasSuffix("T15:30:00Z") == true)

        #expect(try harness.run(["undo"]).stdout.contains("finish task Call Ana"))
        step = try #require(try harness.list().first { $0["id"] as? String == id }?["next_step"] as? [String: Any])
        #expect(step["title"] as? String == "Call Ana")

        let tasks = try #require(try json(harness, ["tasks", id, "--format", "json"]) as? [[String: Any]])
        #expect(tasks.map { $0["title"] as? String } == ["Call Ana", "Send quote"])
        #expect(tasks.allSatisfy { $0["remote_id"] is String && $0["done"] as? Bool == false })
    }

    @Test func listFiltersByOverdueAndNoNextStepAndSortsByNextStep() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let ids = { (arguments: [String]) throws -> [String] in
            let items = try #require(try json(harness, ["list", "--format", "json"] + arguments) as? [[String: Any]])
            return items.compactMap { $0["id"] as? String }
        }
        // Two of the starter deals with nothing planned get a step: one overdue (before any starter step), one not.
        let (overdueBefore, noneBefore) = (try ids(["--overdue"]), try ids(["--no-next-step"]))
        try #require(noneBefore.count >= 3)
        let open = Array(noneBefore.prefix(2))
        let monthAgo = ISODay.string(from: Date().addingTimeInterval(-30 * 86_400))
        #expect(try harness.run(["task", "add", open[0], "--title", "Chase", "--due", monthAgo]).status == 0)
        #expect(try harness.run(["task", "add", open[1], "--title", "Call", "--due", "+2d"]).status == 0)
        #expect(Set(try ids(["--overdue"])) == Set(overdueBefore + [open[0]]))
        let none = try ids(["--no-next-step"])
        #expect(none.count == noneBefore.count - 2 && !none.contains(open[0]) && !none.contains(open[1]))
        #expect(Set(try ids(["--overdue", "--no-next-step"])) == Set(none + overdueBefore + [open[0]]))
        // In one stage, the next-step order puts the soonest first and the deals without one last.
        let stage = try #require(try harness.list().first { $0["id"] as? String == open[0] }?["stage"] as? String)
        let sorted = try ids(["--stage", stage, "--status", "open", "--sort", "next_step"])
        #expect(sorted.first == open[0])
        let bad = try harness.run(["list", "--sort", "soonest"])
        #expect(bad.status != 0 && bad.stderr.contains("next_step"), "\(bad.stderr)")
        let past = try harness.run(["list", "--overdue", "--as-of", "2026-01-01"])
        #expect(past.status != 0 && past.stderr.contains("next steps are today's"), "\(past.stderr)")
    }

    @Test func notesAreListedNewestFirstInTableAndJSON() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let id = try #require(try harness.list().first?["id"] as? String)
        let before = try #require(try json(harness, ["notes", id, "--format", "json"]) as? [[String: Any]])
        #expect(try harness.run(["note", "add", id, "Met Ana at the fair"]).status == 0)
        #expect(try harness.run(["note", "add", id, "Sent the quote"]).status == 0)
        let notes = try #require(try json(harness, ["notes", id, "--format", "json"]) as? [[String: Any]])
        // The new ones first, then the starter deal's own.
        #expect(
            notes.map { $0["text"] as? String }
                == ["Sent the quote", "Met Ana at the fair"] + before.map { $0["text"] as? String })
        for key in ["id", "remote_id", "deal_id", "text", "author", "created_at"] {
            #expect(notes.first?.keys.contains(key) == true, "missing \(key)")
        }
        let table = try harness.run(["notes", String(id.prefix(8))])
        #expect(table.stdout.contains("NOTE") && table.stdout.contains("Met Ana at the fair"), "\(table.stdout)")
    }

    @Test func badInputGetsOneLineAndSavesNothing() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let id = try #require(try harness.list().first?["id"] as? String)
        let tasks = try harness.run(["tasks", id, "--format", "json"]).stdout
        let notes = try harness.run(["notes", id, "--format", "json"]).stdout
        let cases: [([String], String)] = [
            (["task", "add", id, "--title", "Call", "--due", "someday"], "\"someday\" is not a day"),
            (["task", "add", id, "--title", "Call", "--due", "today 25:00"], "\"25:00\" is not a time"),
            (["task", "add", id, "--title", " ", "--due", "today"], "a task's title cannot be empty"),
            (["note", "add", id, ""], "a note cannot be empty"),
            (["task", "done", "zzzz"], "no task with id 'zzzz'"),
        ]
        for (arguments, message) in cases {
            let result = try harness.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(try harness.run(["tasks", id, "--format", "json"]).stdout == tasks)
        #expect(try harness.run(["notes", id, "--format", "json"]).stdout == notes)
    }

    /// A format these commands do not print is bad usage (64), and their help lists only the ones they do.
    @Test func notesTasksAndHistoryOfferTableAndJSONOnlyAndTakeAnAccount() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let id = try #require(try harness.list().first?["id"] as? String)
        for command in ["notes", "tasks", "history"] {
            let csv = try harness.run([command, id, "--format", "csv"])
            #expect(csv.status == 64, "\(command): \(csv.status) \(csv.stderr)")
            #expect(csv.stderr.contains("'table' and 'json'"), "\(command): \(csv.stderr)")
            let help = try harness.run([command, "--help"])
            #expect(help.stdout.contains("values: table, json;"), "\(command): \(help.stdout)")
            let withAccount = try harness.run([command, id, "--account", "local"])
            #expect(withAccount.status == 0, "\(command) --account: \(withAccount.stderr)")
        }
    }

    @Test func theAgendaAsCSVHasOneRowPerOpenDeal() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let open = try harness.list().filter { $0["status"] as? String == "open" }
        let id = try #require(open.first?["id"] as? String)
        _ = try harness.run(["task", "add", id, "--title", "Demo, then \"pricing\"", "--due", "today"])
        let csv = try harness.run(["agenda", "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "group,deal_id,name,stage,task_id,title,due")
        #expect(lines.count == open.count + 1)
        // Among the starter deals' own steps.
        let row = try #require(lines.first { $0.contains(",\(id),") })
        #expect(row.hasPrefix("today,\(id),"))
        #expect(row.contains("\"Demo, then \"\"pricing\"\"\""), "\(row)")
        let table = try harness.run(["agenda"])
        #expect(table.stdout.contains("Today ("), "\(table.stdout)")
    }

    @Test func demoTasksGivesTheDealsTasksAndNotesInBulk() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let before = try #require(try json(harness, ["agenda", "--format", "json"]) as? [[String: Any]])
        let demo = try harness.run(["demo", "--cards", "0", "--tasks", "2"])
        #expect(demo.status == 0, "\(demo.stderr)")
        // "added 0 opportunities, 52 tasks and 24 notes"
        let words = demo.stdout.split(separator: " ")
        #expect(words.count == 8 && words[1] == "0" && words[4] == "tasks", "\(demo.stdout)")
        #expect((Int(words[3]) ?? 0) > 25 && (Int(words[6]) ?? 0) > 0, "\(demo.stdout)")

        let agenda = try #require(try json(harness, ["agenda", "--format", "json"]) as? [[String: Any]])
        #expect(agenda.count == before.count)
        let groups = Set(agenda.compactMap { $0["group"] as? String })
        #expect(groups.isSuperset(of: ["overdue", "today", "no_next_step"]), "\(groups)")
        let bad = try harness.run(["demo", "--tasks=-1"])
        #expect(bad.status != 0 && bad.stderr.contains("--tasks must be zero or more"), "\(bad.stderr)")
    }
}

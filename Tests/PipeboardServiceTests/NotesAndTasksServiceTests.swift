import Foundation
import PipeboardCore
import PipeboardService
import PipeboardStore
import Testing

/// Notes and tasks through the service on the local workspace: saved here first, delivered later, undoable,
/// conflict-checked, as a card's changes are. The workbench's clock is 2026-09-21 14:13 UTC (a Monday).
@Suite struct NotesAndTasksServiceTests {
    func firstLead(_ bench: Workbench) async throws -> Opportunity {
        try #require(try await bench.service.list(account: nil, pipeline: nil, stage: "Lead").first)
    }

    @Test func theClockIsTheMondayTheseTestsCountFrom() {
        #expect(ISOTime.string(from: Workbench.now) == "2026-09-21T14:13:20Z")
    }

    @Test func aNoteIsSavedHereFirstAndReachesTheWorkspaceOnDelivery() async throws {
        let bench = try await Workbench().seededDealsOnly()
        defer { bench.cleanUp() }
        let deal = try await firstLead(bench)
        let note = try await bench.service.addNote(to: deal.id, text: "  Met Ana at the fair  ")
        #expect(note.text == "Met Ana at the fair")
        #expect(try await bench.service.notes(of: deal.id) == [note])
        #expect(try await bench.local.notes(of: deal).isEmpty)
        #expect(try await bench.service.outboxCounts(account: nil).pending == 1)

        // A restart before delivery loses nothing.
        let later = try bench.reopened()
        #expect(try await later.service.push(account: nil).delivered == 1)
        let delivered = try await bench.local.notes(of: deal)
        #expect(delivered.map(\.text) == ["Met Ana at the fair"])
        #expect(try later.store.note(id: note.id)?.remoteID == delivered.first?.remoteID)
    }

    @Test func emptyTextAndBadDueDatesAreRefusedWithAReason() async throws {
        let bench = try await Workbench().seededDealsOnly()
        defer { bench.cleanUp() }
        let deal = try await firstLead(bench)
        await #expect(throws: ServiceError.emptyText("a note")) {
            try await bench.service.addNote(to: deal.id, text: " ")
        }
        await #expect(throws: ServiceError.emptyText("a task's title")) {
            try await bench.service.addTask(to: deal.id, title: "", due: nil)
        }
        await #expect(throws: ServiceError.invalidDue(.unknownDay("someday"))) {
            try await bench.service.due("someday")
        }
        #expect(try await bench.service.due("tomorrow 9:30") == DueDate(day: "2026-09-22", time: "09:30"))
        #expect(try await bench.service.outboxCounts(account: nil).pending == 0)
    }

    @Test func theNextStepComesWithTheBoardAndMarkingItDoneMovesToTheNextOne() async throws {
        let bench = try await Workbench().seededDealsOnly()
        defer { bench.cleanUp() }
        let deal = try await firstLead(bench)
        let call = try await bench.service.addTask(to: deal.id, title: "Call", due: DueDate(day: "2026-09-20"))
        _ = try await bench.service.addTask(to: deal.id, title: "Send quote", due: DueDate(day: "2026-09-25"))
        let board = try await bench.service.board(BoardQuery())
        let step = try #require(board.columns.lazy.compactMap { $0.nextSteps[deal.id] }.first)
        #expect(step.title == "Call")
        #expect(step.timing(today: "2026-09-21") == .overdue)

        let done = try await bench.service.setTaskDone(id: call.id)
        #expect(done.isDone && done.completedAt == Workbench.now)
        let after = try await bench.service.board(BoardQuery())
        #expect(after.columns.lazy.compactMap { $0.nextSteps[deal.id] }.first?.title == "Send quote")

        try await bench.service.undo()
        #expect(try bench.store.task(id: call.id) == call)
        try await bench.service.redo()
        #expect(try bench.store.task(id: call.id)?.isDone == true)
        #expect(try await bench.service.push(account: nil).delivered >= 2)
        let atWorkspace = try await bench.local.tasks(of: deal)
        #expect(atWorkspace.first { $0.title == "Call" }?.isDone == true)
    }

    @Test func undoingADeliveredTaskDeletesItAtTheProviderAndRedoAddsItAgain() async throws {
        let bench = try await Workbench().seededDealsOnly()
        defer { bench.cleanUp() }
        let deal = try await firstLead(bench)
        let task = try await bench.service.addTask(to: deal.id, title: "Demo", due: DueDate(day: "2026-09-23"))
        #expect(try await bench.service.push(account: nil).delivered == 1)
        #expect(try await bench.local.tasks(of: deal).count == 1)

        try await bench.service.undo()
        #expect(try bench.store.task(id: task.id) == nil)
        #expect(try await bench.service.push(account: nil).delivered == 1)
        #expect(try await bench.local.tasks(of: deal).isEmpty)

        try await bench.service.redo()
        #expect(try await bench.service.push(account: nil).delivered == 1)
        #expect(try await bench.local.tasks(of: deal).map(\.title) == ["Demo"])
    }

    @Test func undoingAnUndeliveredNoteWithdrawsItWithoutAnyRequest() async throws {
        let bench = try await Workbench().seededDealsOnly()
        defer { bench.cleanUp() }
        let deal = try await firstLead(bench)
        _ = try await bench.service.addNote(to: deal.id, text: "draft")
        try await bench.service.undo()
        #expect(try await bench.service.notes(of: deal.id).isEmpty)
        #expect(try bench.store.outbox(account: nil, states: []).isEmpty)
    }

    @Test func anAddThatMayHaveReachedTheProviderIsSentAgainWithoutADuplicate() async throws {
        let bench = try await Workbench().seededDealsOnly()
        defer { bench.cleanUp() }
        let deal = try await firstLead(bench)
        let task = try await bench.service.addTask(to: deal.id, title: "Follow up", due: nil)
        // The process died after the send went out and before the answer was recorded.
        let entry = try #require(try bench.store.outbox(account: nil, states: []).first)
        try bench.store.write { try $0.markSending(entry.id) }
        _ = try await bench.local.addTask(task, to: deal)
        // Meanwhile it cannot be taken back blindly: its id at the provider is not known yet.
        await #expect(throws: ServiceError.addUnconfirmed("the task")) { try await bench.service.undo() }

        let later = try bench.reopened()
        #expect(try await later.service.push(account: nil).delivered == 1)
        #expect(try await bench.local.tasks(of: deal).count == 1)
        #expect(try later.store.task(id: task.id)?.remoteID != nil)
    }

    @Test func aTaskChangedAtTheProviderIsNotOverwrittenBlindly() async throws {
        let bench = try await Workbench().seededDealsOnly()
        defer { bench.cleanUp() }
        let deal = try await firstLead(bench)
        let task = try await bench.service.addTask(to: deal.id, title: "Call", due: DueDate(day: "2026-09-22"))
        try await bench.service.push(account: nil)
        let remoteID = try #require(try bench.store.task(id: task.id)?.remoteID)
        // Someone renames it at the provider; here it is renamed too, before a sync.
        _ = try await bench.local.updateTask(
            remoteID: remoteID, patch: TaskPatch(title: "Call Ana"), current: task, of: deal)
        _ = try await bench.service.editTask(id: task.id, title: "Call Ben")
        let report = try await bench.service.push(account: nil)
        #expect(report.conflicts == 1)
        #expect(try await bench.local.task(remoteID: remoteID, of: deal)?.title == "Call Ana")
        let item = try #require(try await bench.service.outboxItems(account: nil).first)
        #expect(item.summary == "edit task title")
        #expect(item.conflict?.rows.map(\.field) == ["task title"])
        #expect(item.conflict?.rows.first?.theirs == "Call Ana" && item.conflict?.rows.first?.mine == "Call Ben")

        try await bench.service.resolveConflict(id: item.id, choice: .theirs)
        #expect(try bench.store.task(id: task.id)?.title == "Call Ana")
        #expect(try bench.store.outbox(account: nil, states: []).isEmpty)
    }

    @Test func keepingMineSendsItOverTheProvidersChange() async throws {
        let bench = try await Workbench().seededDealsOnly()
        defer { bench.cleanUp() }
        let deal = try await firstLead(bench)
        let task = try await bench.service.addTask(to: deal.id, title: "Call", due: DueDate(day: "2026-09-22"))
        try await bench.service.push(account: nil)
        let remoteID = try #require(try bench.store.task(id: task.id)?.remoteID)
        _ = try await bench.local.updateTask(
            remoteID: remoteID, patch: TaskPatch(due: DueDate(day: "2026-10-01")), current: task, of: deal)
        // Marking it done here touches another field: no conflict, both changes stand.
        _ = try await bench.service.setTaskDone(id: task.id)
        #expect(try await bench.service.push(account: nil).delivered == 1)
        let there = try #require(try await bench.local.task(remoteID: remoteID, of: deal))
        #expect(there.isDone && there.due == DueDate(day: "2026-10-01"))

        _ = try await bench.local.updateTask(
            remoteID: remoteID, patch: TaskPatch(due: DueDate(day: "2026-10-02")), current: task, of: deal)
        _ = try await bench.service.editTask(id: task.id, due: DueDate(day: "2026-09-30"))
        #expect(try await bench.service.push(account: nil).conflicts == 1)
        let item = try #require(try await bench.service.outboxItems(account: nil).first)
        try await bench.service.resolveConflict(id: item.id, choice: .mine)
        #expect(try await bench.service.push(account: nil).delivered == 1)
        #expect(try await bench.local.task(remoteID: remoteID, of: deal)?.due == DueDate(day: "2026-09-30"))
    }

    @Test func aSyncBringsTasksAddedElsewhere() async throws {
        let bench = try await Workbench().seededDealsOnly()
        defer { bench.cleanUp() }
        let deal = try await firstLead(bench)
        let elsewhere = DealTask(
            account: "local", opportunityID: UUID(), title: "Added on the laptop", due: DueDate(day: "2026-09-21"),
            createdAt: Workbench.now)
        _ = try await bench.local.addTask(elsewhere, to: deal)
        try await bench.service.pull(account: nil)
        let tasks = try await bench.service.tasks(of: deal.id)
        #expect(tasks.map(\.title) == ["Added on the laptop"])
        #expect(tasks.first?.opportunityID == deal.id)
        let agenda = try await bench.service.nextSteps(account: nil)
        #expect(agenda.entries(in: .today).map(\.opportunity.id) == [deal.id])
    }

    @Test func theAgendaGroupsOverdueTodayThisWeekLaterThenDealsWithoutANextStep() async throws {
        let bench = try await Workbench().seededDealsOnly()
        defer { bench.cleanUp() }
        let deals = try await bench.service.list(account: nil, pipeline: nil, stage: nil, statuses: [.open])
        try #require(deals.count >= 5)
        let dues = ["2026-09-18", "2026-09-21", "2026-09-27", "2026-09-28"]
        for (deal, day) in zip(deals, dues) {
            _ = try await bench.service.addTask(to: deal.id, title: "step \(day)", due: DueDate(day: day))
        }
        _ = try await bench.service.addTask(to: deals[4].id, title: "someday", due: nil)
        let agenda = try await bench.service.nextSteps(account: nil)
        #expect(agenda.entries(in: .overdue).map(\.nextStep?.title) == ["step 2026-09-18"])
        #expect(agenda.entries(in: .today).map(\.nextStep?.title) == ["step 2026-09-21"])
        #expect(agenda.entries(in: .thisWeek).map(\.nextStep?.title) == ["step 2026-09-27"])
        #expect(agenda.entries(in: .later).map(\.nextStep?.title) == ["step 2026-09-28", "someday"])
        #expect(agenda.entries(in: .noNextStep).count == deals.count - 5)
        #expect(agenda.sections.map(\.group) == Agenda.Group.allCases)
    }

    @Test func aProviderWithoutNotesRefusesWithItsReasonAndNothingIsSaved() async throws {
        let full = try await Workbench().seededDealsOnly()
        defer { full.cleanUp() }
        let bench = try Workbench(capabilities: .all, folder: full.folder)
        let deal = try await firstLead(bench)
        await #expect(throws: ServiceError.notOffered(.unsupported(provider: "Limited", operation: .addNote))) {
            try await bench.service.addNote(to: deal.id, text: "hello")
        }
        await #expect(throws: ServiceError.notOffered(.unsupported(provider: "Limited", operation: .addTask))) {
            try await bench.service.addTask(to: deal.id, title: "hello", due: nil)
        }
        #expect(
            ServiceError.notOffered(.unsupported(provider: "Limited", operation: .addNote)).description
                == "Limited's API does not offer adding notes")
        #expect(try await bench.service.notes(of: deal.id).isEmpty)
        #expect(try bench.store.outbox(account: nil, states: []).isEmpty)
    }
}

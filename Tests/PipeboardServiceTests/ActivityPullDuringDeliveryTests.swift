import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes
import TestSupport
import Testing

/// Notes and tasks read while the user's changes to them go out, as `PullDuringDeliveryTests` does for deals: a
/// list the provider made before a change arrived, merged after the change was acknowledged, must neither undo the
/// change nor make a task's base (what its next edit is checked against) the old task. The fake holds the list's
/// answer so the order is always the same.
@Suite(.serialized) struct ActivityPullDuringDeliveryTests {
    static let due = DueDate(day: "2026-09-22")

    @Test(arguments: Subject.http)
    func aTaskReadBeforeItsEditWasDeliveredNeitherUndoesItNorMakesTheNextEditAConflict(_ subject: Subject)
        async throws
    {
        try await withSync(subject) { sync in
            let faults = try #require(sync.harness.faults)
            let card = try sync.openDeliveredCard()
            let add = { try await sync.service.addTask(to: card.id, title: "Send quote", due: Self.due) }
            guard try await sync.takes(.addTask, refusing: { _ = try await add() }) else { return }
            let task = try await add()
            #expect(try await sync.service.push(account: "crm").delivered == 1)

            // The pull reads the open tasks; its answer is held on its way.
            let read = try sync.holdActivityRead(.openTasks, of: card, faults)
            let pull = Task { try await sync.service.pull(account: "crm") }
            await read.arrival()
            // Meanwhile the user renames the task and finishes it, and both changes are delivered.
            _ = try await sync.service.editTask(id: task.id, title: "Send the quote")
            _ = try await sync.service.setTaskDone(id: task.id)
            let delivered = try await sync.service.push(account: "crm")
            #expect(delivered.delivered == 2 && delivered.conflicts == 0)
            read.release()
            _ = try await pull.value

            let local = try #require(try sync.store.task(id: task.id), "the read before the change dropped the task")
            #expect(local.title == "Send the quote", "the read before the rename undid it")
            #expect(local.isDone, "the read before the completion reopened the task")
            let base = try sync.store.write { try $0.taskBase(id: task.id) }
            #expect(base?.title == "Send the quote" && base?.isDone == true)

            // The next edit is nobody else's business: delivered, no conflict.
            _ = try await sync.service.editTask(id: task.id, title: "Send the signed quote")
            let edited = try await sync.service.push(account: "crm")
            #expect(edited.delivered == 1 && edited.conflicts == 0)
            #expect(try sync.store.outbox(account: "crm", states: [.conflict]).isEmpty)
            let deal = try #require(try sync.store.opportunity(id: card.id))
            let remote = try await sync.harness.provider.tasks(of: deal).first { $0.remoteID == local.remoteID }
            #expect(remote?.title == "Send the signed quote" && remote?.isDone == true)

            // The next pull agrees.
            try await sync.service.pull(account: "crm")
            let pulled = try sync.store.task(id: task.id)
            #expect(pulled?.title == "Send the signed quote" && pulled?.isDone == true)
        }
    }

    /// A list the provider made after our edit, from a request sent before it, is newer than the edit where the
    /// provider says when a task changed (Twenty; HighLevel's tasks carry no update time): a colleague's later
    /// edit in it is taken at once.
    @Test func aColleaguesTaskEditAfterOursIsTakenFromAListRequestedBeforeIt() async throws {
        try await withSync(.twenty) { sync in
            let faults = try #require(sync.harness.faults)
            let fake = try #require(sync.harness.twenty)
            let card = try sync.openDeliveredCard()
            let task = try await sync.service.addTask(to: card.id, title: "Send quote", due: Self.due)
            #expect(try await sync.service.push(account: "crm").delivered == 1)

            let read = faults.holdNext("GET", pathEndingIn: "/tasks", .beforeAnswering)
            let pull = Task { try await sync.service.pull(account: "crm") }
            await read.arrival()
            _ = try await sync.service.editTask(id: task.id, title: "Send the quote")
            #expect(try await sync.service.push(account: "crm").delivered == 1)
            // Later than the delivery by the provider's clock (its times are in milliseconds).
            try await Task.sleep(for: .milliseconds(5))
            let remoteID = try #require(try sync.store.task(id: task.id)?.remoteID)
            var theirs = try #require(fake.record("tasks", id: remoteID))
            theirs["title"] = .string("Send the quote today")
            let stamp = ISO8601DateFormatter()
            stamp.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            theirs["updatedAt"] = .string(stamp.string(from: Date()))
            fake.insert("tasks", theirs)
            read.release()
            _ = try await pull.value

            #expect(try sync.store.task(id: task.id)?.title == "Send the quote today")
            #expect(try sync.store.write { try $0.taskBase(id: task.id) }?.title == "Send the quote today")
        }
    }

    /// A note or task added while the deal's list was read is missing from it, and one deleted is still in it.
    @Test(arguments: Subject.http)
    func notesAndTasksAddedOrDeletedWhileTheDealsActivityIsReadStayAsTheUserLeftThem(_ subject: Subject)
        async throws
    {
        try await withSync(subject) { sync in
            let faults = try #require(sync.harness.faults)
            let card = try sync.openDeliveredCard()
            let service = sync.service
            guard try await sync.takes(.addNote, refusing: { _ = try await service.addNote(to: card.id, text: "x") })
            else { return }
            let tasks = sync.harness.provider.capabilities.contains(.tasks)
            _ = try await service.addNote(to: card.id, text: "Kept")
            let goingNote = try await service.addNote(to: card.id, text: "Taken back")
            var goingTask: DealTask?
            if tasks {
                _ = try await service.addTask(to: card.id, title: "Kept", due: Self.due)
                goingTask = try await service.addTask(to: card.id, title: "Taken back", due: Self.due)
            }
            #expect(try await service.push(account: "crm").delivered == (tasks ? 4 : 2))

            // Someone opens the deal: its notes, then its tasks, are read; the last answer is held on its way.
            let read = try sync.holdActivityRead(tasks ? .tasks : .notes, of: card, faults)
            let refresh = Task { try await service.refreshActivity(of: card.id) }
            await read.arrival()
            _ = try await service.addNote(to: card.id, text: "Added")
            try await service.deleteNote(id: goingNote.id)
            if let goingTask {
                _ = try await service.addTask(to: card.id, title: "Added", due: Self.due)
                try await service.deleteTask(id: goingTask.id)
            }
            let delivered = try await service.push(account: "crm")
            #expect(delivered.delivered == (tasks ? 4 : 2) && delivered.conflicts == 0)
            read.release()
            try await refresh.value

            let expected: Set = ["Kept", "Added"]
            #expect(Set(try await service.notes(of: card.id).map(\.text)) == expected)
            if tasks { #expect(Set(try await service.tasks(of: card.id).map(\.title)) == expected) }
            // Read again, the provider's lists say the same.
            try await service.refreshActivity(of: card.id)
            #expect(Set(try await service.notes(of: card.id).map(\.text)) == expected)
            if tasks { #expect(Set(try await service.tasks(of: card.id).map(\.title)) == expected) }
        }
    }
}

/// Which list of notes or tasks a test holds at the fake.
enum ActivityRead {
    /// A deal's notes, or its tasks, as opening the deal reads them.
    case notes, tasks
    /// The open tasks a pull reads: the bulk read where the provider has one, else the deal's tasks.
    case openTasks
}

extension SyncBench {
    /// An open deal the provider has, whose tasks a pull reads.
    func openDeliveredCard() throws -> Opportunity {
        try #require(
            try store.opportunities(account: "crm", pipelineID: nil, stageID: nil, statuses: [])
                .first { $0.status == .open && $0.remoteID != nil })
    }

    /// Holds the next read of `list` for `card` at the fake, after it is answered.
    func holdActivityRead(_ list: ActivityRead, of card: Opportunity, _ faults: FaultSwitches) throws -> HeldRequest {
        let remoteID = try #require(card.remoteID)
        switch (harness.subject, list) {
        case (.highLevel, _):
            let contact = try #require(harness.highLevel?.opportunity(id: remoteID)?.contactId)
            return faults.holdNext("GET", pathEndingIn: "/contacts/\(contact)/\(list == .notes ? "notes" : "tasks")")
        case (.twenty, .notes): return faults.holdNext("GET", pathEndingIn: "/noteTargets")
        case (.twenty, .tasks): return faults.holdNext("GET", pathEndingIn: "/taskTargets")
        case (.twenty, .openTasks): return faults.holdNext("GET", pathEndingIn: "/tasks")
        default: return faults.holdNext("GET", pathEndingIn: "/opportunities/\(remoteID)/notes")
        }
    }
}

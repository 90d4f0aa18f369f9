import Foundation
import GRDB
import PipeboardCore
import Testing
@testable import PipeboardStore

@Suite("Notes and tasks in the cache")
struct NotesAndTasksStoreTests {
    func task(
        _ title: String, on deal: Opportunity, due: DueDate?, done: Bool = false, created: Double = 0,
        remoteID: String? = nil
    ) -> DealTask {
        DealTask(
            account: deal.account, opportunityID: deal.id, remoteID: remoteID, title: title, due: due, isDone: done,
            createdAt: referenceNow.addingTimeInterval(created))
    }

    @Test func aCardsNextStepIsItsEarliestOpenTaskReadWithTheBoard() throws {
        let store = try CacheStore.inMemory()
        let first = card("first", rank: 0), second = card("second", rank: 1), third = card("third", rank: 2)
        try store.seed([first, second, third])
        try store.write { writer in
            // A day without a time comes after that day's timed tasks; a done task never counts; undated last.
            try writer.save(task("undated", on: first, due: nil))
            try writer.save(task("end of day", on: first, due: DueDate(day: "2026-03-14")))
            try writer.save(task("at nine", on: first, due: DueDate(day: "2026-03-14", time: "09:00")))
            try writer.save(task("long done", on: first, due: DueDate(day: "2026-01-01"), done: true))
            try writer.save(task("only undated", on: second, due: nil))
        }
        let columns = try store.columns(account: "acme", pipeline: salesPipeline, query: BoardQuery())
        let steps = columns[0].nextSteps
        #expect(steps[first.id]?.title == "at nine")
        #expect(steps[first.id]?.due == DueDate(day: "2026-03-14", time: "09:00"))
        #expect(steps[second.id]?.title == "only undated" && steps[second.id]?.due == nil)
        #expect(steps[third.id] == nil)
        #expect(try store.nextSteps(for: [first.id, second.id, third.id]) == steps)
    }

    @Test func theNextStepLookupReadsTheIndexNotTheTable() throws {
        let store = try CacheStore.inMemory()
        let plan = try store.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT \(nextStepColumns) FROM opportunity \(nextStepJoin)
                    WHERE opportunity.id = 'x'
                    """
            ).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("task_next_step") }, "\(plan)")
        #expect(!plan.contains { $0.contains("SCAN task") }, "\(plan)")
    }

    @Test func tasksListOpenOnesInDueOrderThenDoneOnes() throws {
        let store = try CacheStore.inMemory()
        let deal = card("deal")
        try store.seed([deal])
        var done = task("called", on: deal, due: DueDate(day: "2026-01-01"), done: true)
        done.completedAt = referenceNow
        try store.write { writer in
            try writer.save(done)
            try writer.save(task("later", on: deal, due: DueDate(day: "2026-05-01")))
            try writer.save(task("sooner", on: deal, due: DueDate(day: "2026-04-01")))
        }
        #expect(try store.tasks(opportunityID: deal.id).map(\.title) == ["sooner", "later", "called"])
        #expect(try store.tasks(opportunityID: deal.id).last == done)
    }

    @Test func notesListNewestFirstAndRoundTripExactly() throws {
        let store = try CacheStore.inMemory()
        let deal = card("deal")
        try store.seed([deal])
        let old = Note(account: "acme", opportunityID: deal.id, text: "first call", createdAt: referenceNow)
        let new = Note(
            account: "acme", opportunityID: deal.id, remoteID: "n2", text: "sent the quote",
            createdAt: referenceNow.addingTimeInterval(60), author: "Ana")
        try store.write {
            try $0.save(old); try $0.save(new)
        }
        #expect(try store.notes(opportunityID: deal.id) == [new, old])
        try store.write { try $0.deleteNote(id: old.id) }
        #expect(try store.notes(opportunityID: deal.id) == [new])
    }

    @Test func theAgendaListsOpenDealsByNextStepThenThoseWithout() throws {
        let store = try CacheStore.inMemory()
        let later = card("later"), sooner = card("sooner"), none = card("none"), won = card("won", status: .won)
        try store.seed([later, sooner, none, won])
        try store.write { writer in
            try writer.save(task("b", on: later, due: DueDate(day: "2026-06-01")))
            try writer.save(task("a", on: sooner, due: DueDate(day: "2026-02-01")))
            try writer.save(task("w", on: won, due: DueDate(day: "2026-01-01")))
        }
        let rows = try store.agenda(account: "acme")
        #expect(rows.map(\.opportunity.name) == ["sooner", "later", "none"])
        #expect(rows.map(\.nextStep?.title) == ["a", "b", nil])
    }

    @Test func aPullKeepsLocalIdsDropsWhatTheProviderLostAndLeavesBusyTasksAlone() throws {
        let store = try CacheStore.inMemory()
        let deal = card("deal")
        try store.seed([deal])
        let kept = task("kept", on: deal, due: nil, remoteID: "t1")
        let gone = task("gone", on: deal, due: nil, remoteID: "t2")
        let busy = task("edited here", on: deal, due: nil, remoteID: "t3")
        let unsent = task("not sent yet", on: deal, due: nil)
        try store.write { writer in for item in [kept, gone, busy, unsent] { try writer.save(item) } }
        let remote = [
            RemoteTask(remoteID: "t1", title: "kept, renamed there", createdAt: referenceNow),
            RemoteTask(remoteID: "t3", title: "edited there", createdAt: referenceNow),
            RemoteTask(remoteID: "t4", title: "new there", createdAt: referenceNow),
        ]
        try store.write { writer in
            try writer.mergePulledActivity(
                account: "acme", opportunityID: deal.id, notes: nil, tasks: remote, busy: [busy.id])
        }
        let tasks = try store.tasks(opportunityID: deal.id)
        #expect(Set(tasks.map(\.title)) == ["kept, renamed there", "edited here", "new there", "not sent yet"])
        #expect(tasks.first { $0.remoteID == "t1" }?.id == kept.id)
        // What was pulled is what a later edit is checked against.
        #expect(try store.write { try $0.taskBase(id: kept.id) }?.title == "kept, renamed there")
        #expect(try store.write { try $0.taskBase(id: busy.id) } == nil)
    }

    @Test func aBulkReadOfOpenTasksLeavesDoneOnesAlone() throws {
        let store = try CacheStore.inMemory()
        let deal = card("deal")
        try store.seed([deal])
        let done = task("done", on: deal, due: nil, done: true, remoteID: "t1")
        try store.write { try $0.save(done) }
        try store.write { writer in
            try writer.mergePulledActivity(
                account: "acme", opportunityID: deal.id, notes: nil, tasks: [], openOnly: true, busy: [])
        }
        #expect(try store.tasks(opportunityID: deal.id) == [done])
    }

    @Test func taskOperationsSurviveTheOutboxsOwnFormat() throws {
        let id = UUID()
        let operations: [OutboxOperation] = [
            .addNote(noteID: id), .deleteNote(noteID: id, remoteID: "n1"), .addTask(taskID: id),
            .updateTask(taskID: id, patch: TaskPatch(title: "x", due: DueDate(day: "2026-01-02", time: "10:00"))),
            .updateTask(taskID: id, patch: TaskPatch(isDone: true)), .deleteTask(taskID: id, remoteID: nil),
        ]
        for operation in operations {
            let text = try OutboxRow.encode(operation)
            #expect(try JSONDecoder().decode(OutboxOperation.self, from: Data(text.utf8)) == operation, "\(text)")
            #expect(operation.activityID == id)
        }
        #expect(try OutboxRow.encode(.addTask(taskID: id)).contains("\"kind\":\"addTask\""))
    }

    @Test func aTaskConflictIsKeptWithTheProvidersTask() throws {
        let store = try CacheStore.inMemory()
        let deal = card("deal")
        try store.seed([deal])
        let theirs = task("theirs", on: deal, due: DueDate(day: "2026-03-01"), remoteID: "t1")
        let entry = try store.write { writer in
            try writer.enqueue(
                account: "acme", opportunityID: deal.id,
                operation: .updateTask(taskID: theirs.id, patch: TaskPatch(title: "mine")), at: referenceNow)
        }
        try store.write {
            try $0.markConflict(
                entry, conflict: OutboxConflict(task: TaskConflict(fields: [.title], theirs: theirs)), reason: "x")
        }
        let read = try #require(try store.outboxEntry(id: entry))
        #expect(read.conflict?.task == TaskConflict(fields: [.title], theirs: theirs))
        #expect(read.conflict?.deletedAtProvider == false)
    }
}

/// Lists of notes and tasks asked for before a change of ours was acknowledged (as deals' pages: MergeTests).
extension NotesAndTasksStoreTests {
    /// Queues `operation` on `deal` and acknowledges it, with the provider's update time `version`.
    func deliver(_ operation: OutboxOperation, on deal: Opportunity, version: Date? = nil, in store: CacheStore) throws
    {
        try store.write { writer in
            let entry = try writer.enqueue(
                account: "acme", opportunityID: deal.id, operation: operation, at: referenceNow)
            try writer.markDelivered(entry, remoteID: nil, version: version)
        }
    }

    func merge(
        _ tasks: [RemoteTask], notes: [RemoteNote] = [], on deal: Opportunity, askedAt: DeliveryMark,
        in store: CacheStore
    ) throws {
        try store.write { writer in
            try writer.mergePulledActivity(
                account: "acme", opportunityID: deal.id, notes: notes, tasks: tasks, busy: [], askedAt: askedAt)
        }
    }

    @Test func aListAskedForBeforeAChangeWasAcknowledgedLeavesItsNoteOrTaskForTheNextRead() throws {
        let store = try CacheStore.inMemory()
        // Remote ids as Coperniq's, where a note and a deal can share a number: each kind is numbered apart.
        let deal = card("deal", remoteID: "5")
        try store.seed([deal])
        let renamed = task("renamed here", on: deal, due: nil, remoteID: "t1")
        let other = task("other", on: deal, due: nil, remoteID: "t2")
        let added = Note(
            account: "acme", opportunityID: deal.id, remoteID: "5", text: "added here", createdAt: referenceNow)
        try store.write { writer in
            try writer.save(renamed)
            try writer.save(other)
            try writer.save(added)
        }
        let before = try store.deliveryMark()
        try deliver(.updateTask(taskID: renamed.id, patch: TaskPatch(title: "renamed here")), on: deal, in: store)
        try deliver(.addNote(noteID: added.id), on: deal, in: store)
        try deliver(.deleteTask(taskID: UUID(), remoteID: "t3"), on: deal, in: store)
        let stale = [
            RemoteTask(remoteID: "t1", title: "before the rename", createdAt: referenceNow),
            RemoteTask(remoteID: "t2", title: "renamed there", createdAt: referenceNow),
            RemoteTask(remoteID: "t3", title: "deleted here", createdAt: referenceNow),
        ]
        try merge(stale, on: deal, askedAt: before, in: store)
        #expect(Set(try store.tasks(opportunityID: deal.id).map(\.title)) == ["renamed here", "renamed there"])
        #expect(try store.write { try $0.taskBase(id: renamed.id) } == nil)
        #expect(try store.notes(opportunityID: deal.id).map(\.text) == ["added here"])
        // The deal "5" had no change of ours: its page is taken.
        let page = RemoteOpportunity(
            remoteID: "5", pipelineID: "sales", stageID: "lead", name: "renamed there", createdAt: referenceNow,
            updatedAt: referenceNow)
        #expect(try store.write { try $0.mergePulled(account: "acme", [page], askedAt: before) } == 1)

        // Lists asked for after the deliveries are taken whole.
        let after = try store.deliveryMark()
        #expect(after > before)
        let fresh = [RemoteTask(remoteID: "t1", title: "renamed there too", createdAt: referenceNow)]
        try merge(fresh, on: deal, askedAt: after, in: store)
        #expect(try store.tasks(opportunityID: deal.id).map(\.title) == ["renamed there too"])
        #expect(try store.notes(opportunityID: deal.id).isEmpty)
    }

    @Test func aTaskTheProviderChangedAfterOurEditIsTakenFromAnEarlierList() throws {
        let store = try CacheStore.inMemory()
        let deal = card("deal", remoteID: "d1")
        try store.seed([deal])
        let edited = task("edited here", on: deal, due: nil, remoteID: "t1")
        try store.write { try $0.save(edited) }
        let before = try store.deliveryMark()
        let version = referenceNow.addingTimeInterval(60)
        try deliver(
            .updateTask(taskID: edited.id, patch: TaskPatch(title: "edited here")), on: deal, version: version,
            in: store)
        func record(updated: Date, title: String) -> RemoteTask {
            RemoteTask(remoteID: "t1", title: title, createdAt: referenceNow, updatedAt: updated)
        }
        // As old as our edit, or older: it may not hold it.
        for updated in [version, version.addingTimeInterval(-1)] {
            try merge([record(updated: updated, title: "before")], on: deal, askedAt: before, in: store)
            #expect(try store.task(id: edited.id)?.title == "edited here")
        }
        // Changed since by someone else: it holds ours and theirs.
        try merge(
            [record(updated: version.addingTimeInterval(1), title: "theirs")], on: deal, askedAt: before, in: store)
        #expect(try store.task(id: edited.id)?.title == "theirs")
        #expect(try store.write { try $0.taskBase(id: edited.id) }?.title == "theirs")
    }
}

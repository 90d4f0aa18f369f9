import Foundation
import Testing
@testable import PipeboardCore

@Suite struct ActivityModelTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000) // 2023-11-14 22:13:20 UTC

    func task(due: DueDate? = DueDate(day: "2026-03-14")) -> DealTask {
        DealTask(account: "local", opportunityID: .random(), title: "Call Ana", due: due, createdAt: start)
    }

    @Test func dueDatesOrderByDayThenTimeAndADayWithoutTimeComesLast() {
        let ordered = [
            DueDate(day: "2026-03-13"), DueDate(day: "2026-03-14", time: "09:00"),
            DueDate(day: "2026-03-14", time: "17:30"), DueDate(day: "2026-03-14"),
            DueDate(day: "2026-03-15", time: "08:00"),
        ]
        #expect(ordered.shuffled().sorted() == ordered)
    }

    @Test func aDueDateRoundTripsThroughTheInstantAProviderIsSent() throws {
        let due = DueDate(day: "2026-03-14", time: "15:30")
        let instant = try #require(due.instant)
        #expect(ISOTime.string(from: instant) == "2026-03-14T15:30:00Z")
        #expect(DueDate(instant: instant) == due)
        #expect(DueDate(instant: instant, hasTime: false) == DueDate(day: "2026-03-14"))
        #expect(ISOTime.string(from: try #require(DueDate(day: "2026-03-14").instant)) == "2026-03-14T00:00:00Z")
        #expect(DueDate(day: "14 March").instant == nil)
    }

    @Test func overdueMeansBeforeToday() {
        let due = DueDate(day: "2026-03-14", time: "09:00")
        #expect(due.isOverdue(today: "2026-03-15"))
        #expect(!due.isOverdue(today: "2026-03-14"))
        #expect(due.description == "2026-03-14 09:00")
    }

    @Test func markingDoneStampsTheTimeAndUndoPutsTheTaskBackExactly() {
        let before = task()
        let done = before.applying(TaskPatch(isDone: true), now: start.addingTimeInterval(60))
        #expect(done.isDone && done.completedAt == start.addingTimeInterval(60))
        #expect(done.updatedAt == start.addingTimeInterval(60))
        #expect(done.applying(done.patch(to: before), now: start.addingTimeInterval(120)) == before)
        let redone = before.applying(before.patch(to: done), now: start.addingTimeInterval(180))
        #expect(redone == done)
    }

    @Test func aPatchChangesOnlyTheNamedFields() {
        let edited = task().applying(TaskPatch(title: "Send quote"), now: start)
        #expect(edited.title == "Send quote" && edited.due == DueDate(day: "2026-03-14") && !edited.isDone)
        #expect(TaskPatch().isEmpty)
        #expect(!TaskPatch(due: DueDate(day: "2026-03-15")).isEmpty)
    }

    @Test func aRemoteTaskKeepsTheLocalIdentityOfTheCachedOne() {
        let cached = task()
        let remote = RemoteTask(remoteID: "t1", title: "Call Ana again", isDone: true, createdAt: start)
        let merged = remote.task(account: "local", opportunityID: cached.opportunityID, existing: cached)
        #expect(merged.id == cached.id && merged.remoteID == "t1" && merged.isDone && merged.title == "Call Ana again")
        let note = RemoteNote(remoteID: "n1", text: "Met at the fair", createdAt: start, author: "Ben")
            .note(account: "local", opportunityID: cached.opportunityID, existing: nil)
        #expect(note.remoteID == "n1" && note.author == "Ben" && note.opportunityID == cached.opportunityID)
    }

    @Test func notesAndTasksAreNotPartOfEveryProvidersCapabilities() {
        #expect(!Capabilities.all.contains(.notes) && !Capabilities.all.contains(.tasks))
        #expect(ProviderOperation.addNote.capability == .notes)
        #expect(ProviderOperation.updateTask.capability == .tasks)
        let verbs = ProviderOperation.allCases.map(\.verb)
        #expect(Set(verbs).count == verbs.count)
    }

    @Test func aProviderWithoutNotesOrTasksRefusesWithItsNameAndTheOperation() async throws {
        let provider = BareProvider()
        let deal = Opportunity(
            account: "x", remoteID: "r1", pipelineID: "p", stageID: "s", name: "Deal", createdAt: start)
        await #expect(throws: ProviderError.unsupported(provider: "Bare", operation: .addNote)) {
            _ = try await provider.addNote(
                Note(account: "x", opportunityID: deal.id, text: "hi", createdAt: start), to: deal)
        }
        await #expect(throws: ProviderError.unsupported(provider: "Bare", operation: .listTasks)) {
            _ = try await provider.task(remoteID: "t1", of: deal)
        }
        await #expect(throws: ProviderError.unsupported(provider: "Bare", operation: .listPipelineTasks)) {
            _ = try await provider.openTasks(pipelineID: "p")
        }
        let message = ProviderError.unsupported(provider: "Bare", operation: .updateTask).description
        #expect(message == "Bare's API does not offer editing tasks")
    }
}

/// The least a provider must write: everything about notes and tasks is left to the defaults.
private struct BareProvider: OpportunityProvider {
    let displayName = "Bare"
    let capabilities = Capabilities.all
    func formFields(for pipeline: Pipeline) -> [FieldSpec] { [] }
    func fetchPipelines() async throws -> [Pipeline] { [] }
    func pull(pipelineID: String, after cursor: String?) async throws -> PullPage {
        PullPage(opportunities: [], next: nil)
    }
    func fetch(remoteID: String) async throws -> RemoteOpportunity? { nil }
    func create(_ opportunity: Opportunity) async throws -> RemoteOpportunity { throw ProviderError.transient("no") }
    func update(remoteID: String, patch: OpportunityPatch, current: Opportunity) async throws -> RemoteOpportunity? {
        nil
    }
    func delete(remoteID: String) async throws {}
}

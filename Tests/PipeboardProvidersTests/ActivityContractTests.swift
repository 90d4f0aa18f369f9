import Foundation
import PipeboardCore
import PipeboardProviders
import ProviderFakes
import TestSupport
import Testing

/// A provider that keeps notes and tasks, and for Twenty which link field names its workspace has.
struct ActivitySubject: Sendable, CustomStringConvertible {
    let subject: Subject
    var twentyFields: TwentyFake.TargetFields?

    /// Those that keep notes: the ones with tasks, and Coperniq.
    static let withNotes = all + [ActivitySubject(subject: .coperniq)]
    /// The local workspace beside the CRMs, for the behaviours every provider shares.
    static let withLocal = [ActivitySubject(subject: .local)] + all

    static let all = [
        ActivitySubject(subject: .highLevel), ActivitySubject(subject: .twenty, twentyFields: .current),
        ActivitySubject(subject: .twenty, twentyFields: .legacy),
    ]

    var description: String {
        switch twentyFields {
        case .current?: "twenty (1.17 target fields)"
        case .legacy?: "twenty (legacy target fields)"
        case nil: subject.description
        }
    }
}

/// Runs `body` with the provider's harness, a Twenty fake set to the workspace kind, and the deals it pulled.
func withActivities(
    _ activity: ActivitySubject, count: Int = 4, token: String = Harness.token,
    _ body: (Harness, [Opportunity]) async throws -> Void
) async throws {
    try await withHarness(activity.subject, count: count, token: token) { harness in
        if let fields = activity.twentyFields { harness.twenty?.targetFields = fields }
        let records = token == Harness.token ? try await harness.pullAll().records : []
        let deals = records.sorted { $0.name < $1.name }.map {
            $0.opportunity(account: "test", existing: nil, defaultRank: 0)
        }
        try await body(harness, deals)
    }
}

/// Notes and tasks through `OpportunityProvider`, on each provider that keeps them. Every request is held against
/// the provider's spec afterwards (`withHarness`).
@Suite struct ActivityContractTests {
    @Test(arguments: [ActivitySubject(subject: .local)] + ActivitySubject.withNotes)
    func notesAreAddedListedNewestFirstAndDeleted(_ activity: ActivitySubject) async throws {
        try await withActivities(activity) { harness, deals in
            let provider = harness.provider
            #expect(provider.capabilities.contains(.notes))
            #expect(provider.capabilities.contains(.tasks) == (activity.subject != .coperniq))
            let deal = deals[0]
            let first = Note(
                account: "test", opportunityID: deal.id, text: "Called, wants a quote",
                createdAt: Date(timeIntervalSinceNow: -60))
            let added = try await provider.addNote(first, to: deal)
            #expect(added.text == "Called, wants a quote")
            try await Task.sleep(for: .milliseconds(5))
            let second = try await provider.addNote(
                Note(account: "test", opportunityID: deal.id, text: "Sent the quote", createdAt: Date()), to: deal)
            let listed = try await provider.notes(of: deal)
            #expect(listed.map(\.text) == ["Sent the quote", "Called, wants a quote"])
            #expect(listed.map(\.remoteID) == [second.remoteID, added.remoteID])
            // Another deal (another contact, in HighLevel) has none of them.
            #expect(try await provider.notes(of: deals[1]).isEmpty)

            try await provider.deleteNote(remoteID: added.remoteID, of: deal)
            #expect(try await provider.notes(of: deal).map(\.remoteID) == [second.remoteID])
            // Deleting it again succeeds or says not found, which the outbox takes as done: undo of an add may
            // meet a note already gone.
            try await Self.expectGoneOrNotFound { try await provider.deleteNote(remoteID: added.remoteID, of: deal) }
        }
    }

    @Test(arguments: ActivitySubject.withLocal)
    func tasksAreAddedCompletedReopenedEditedAndDeleted(_ activity: ActivitySubject) async throws {
        try await withActivities(activity) { harness, deals in
            let provider = harness.provider
            let deal = deals[0]
            let dayOnly = DealTask(
                account: "test", opportunityID: deal.id, title: "Send quote", due: DueDate(day: "2026-03-14"),
                createdAt: Date())
            let timed = DealTask(
                account: "test", opportunityID: deal.id, title: "Call back",
                due: DueDate(day: "2026-03-15", time: "15:30"),
                createdAt: Date())
            let first = try await provider.addTask(dayOnly, to: deal)
            let second = try await provider.addTask(timed, to: deal)
            // A due day comes back as a day, a due time as that time.
            #expect(first.due == DueDate(day: "2026-03-14"))
            #expect(second.due == DueDate(day: "2026-03-15", time: "15:30"))
            #expect(first.title == "Send quote" && !first.isDone)

            let done = try await provider.updateTask(
                remoteID: first.remoteID, patch: TaskPatch(isDone: true), current: dayOnly, of: deal)
            #expect(done?.isDone == true)
            #expect(try await provider.task(remoteID: first.remoteID, of: deal)?.isDone == true)
            _ = try await provider.updateTask(
                remoteID: first.remoteID, patch: TaskPatch(isDone: false), current: dayOnly, of: deal)
            #expect(try await provider.task(remoteID: first.remoteID, of: deal)?.isDone == false)

            let edited = try await provider.updateTask(
                remoteID: second.remoteID,
                patch: TaskPatch(title: "Call back about the roof", due: DueDate(day: "2026-04-01")),
                current: timed, of: deal)
            #expect(edited?.title == "Call back about the roof")
            #expect(edited?.due == DueDate(day: "2026-04-01"))

            let listed = try await provider.tasks(of: deal)
            #expect(Set(listed.map(\.remoteID)) == [first.remoteID, second.remoteID])
            #expect(try await provider.tasks(of: deals[1]).isEmpty)

            try await provider.deleteTask(remoteID: first.remoteID, of: deal)
            #expect(try await provider.tasks(of: deal).map(\.remoteID) == [second.remoteID])
            #expect(try await provider.task(remoteID: first.remoteID, of: deal) == nil)
            try await Self.expectGoneOrNotFound { try await provider.deleteTask(remoteID: first.remoteID, of: deal) }
        }
    }

    static func expectGoneOrNotFound(_ delete: () async throws -> Void) async throws {
        do {
            try await delete()
        } catch ProviderError.notFound {
        }
    }

    /// Twenty and the local workspace read a pipeline's open tasks in bulk; HighLevel has no bulk read and says so
    /// before sending.
    @Test(arguments: ActivitySubject.withLocal)
    func openTasksOfManyDealsComeKeyedByDeal(_ activity: ActivitySubject) async throws {
        try await withActivities(activity, count: 6) { harness, deals in
            let provider = harness.provider
            for (index, deal) in deals.prefix(4).enumerated() {
                let task = DealTask(
                    account: "test", opportunityID: deal.id, title: "Step \(index)",
                    due: DueDate(day: "2026-05-0\(index + 1)"), isDone: index == 3, createdAt: Date())
                _ = try await provider.addTask(task, to: deal)
            }
            guard activity.subject != .highLevel else {
                let before = harness.requestCount
                await #expect(throws: ProviderError.unsupported(provider: "HighLevel", operation: .listPipelineTasks)) {
                    try await provider.openTasks(pipelineID: deals[0].pipelineID)
                }
                #expect(harness.requestCount == before)
                return
            }
            let open = try await provider.openTasks(pipelineID: deals[0].pipelineID)
            #expect(Set(open.keys) == Set(deals.prefix(3).compactMap(\.remoteID)))
            #expect(open[try #require(deals[1].remoteID)]?.map(\.title) == ["Step 1"])
        }
    }

    @Test(arguments: ActivitySubject.all)
    func hostileTextIsCleanedBeforeItReachesTheModel(_ activity: ActivitySubject) async throws {
        try await withActivities(activity) { harness, deals in
            let deal = deals[0]
            let hostile = "\u{1B}[2J\u{1B}]0;owned\u{07}Pay \u{202E}now\u{9B}31m"
            let dealID = try #require(deal.remoteID)
            if let fake = harness.highLevel {
                let contact = try #require(fake.opportunity(id: dealID)?.contactId)
                fake.addNote(contactID: contact, body: hostile)
                fake.addTask(contactID: contact, title: hostile, due: Date())
            } else if let fake = harness.twenty {
                // The fake keeps links by their current names, whichever names its API speaks.
                let link = "targetOpportunityId"
                let note = fake.insert("notes", ["bodyV2": .object(["markdown": .string(hostile)])])
                fake.insert("noteTargets", ["noteId": .string(note), link: .string(dealID)])
                let task = fake.insert("tasks", ["title": .string(hostile), "status": .string("TODO")])
                fake.insert("taskTargets", ["taskId": .string(task), link: .string(dealID)])
            }
            let note = try #require(try await harness.provider.notes(of: deal).first)
            let task = try #require(try await harness.provider.tasks(of: deal).first)
            for text in [note.text, task.title] {
                #expect(text == ProviderText.clean(hostile))
                #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x9B })
            }
        }
    }

    @Test(arguments: ActivitySubject.all)
    func aRevokedTokenIsUnauthorizedAndBrokenJSONIsAClearError(_ activity: ActivitySubject) async throws {
        try await withActivities(activity) { harness, deals in
            let provider = harness.provider
            let deal = deals[0]
            _ = try await provider.notes(of: deal)
            harness.faults?.garbleNext(1)
            do {
                _ = try await provider.tasks(of: deal)
                Issue.record("a broken answer was accepted")
            } catch let error as ProviderError {
                guard case .invalidResponse(let reason) = error else {
                    Issue.record("expected invalidResponse, got \(error)"); return
                }
                #expect(reason.contains(activity.subject == .highLevel ? "HighLevel tasks" : "Twenty taskTargets"))
            }
            harness.faults?.tokenRevoked = true
            let before = harness.requestCount
            await #expect(throws: ProviderError.self) {
                _ = try await provider.addNote(
                    Note(account: "test", opportunityID: deal.id, text: "x", createdAt: Date()), to: deal)
            }
            do {
                _ = try await provider.notes(of: deal)
            } catch let error as ProviderError {
                guard case .unauthorized = error else { Issue.record("expected unauthorized, got \(error)"); return }
            }
            #expect(harness.requestCount == before + 2) // 401 is never retried
        }
    }

    @Test func highLevelAsksForADueDateBeforeSendingATask() async throws {
        try await withActivities(ActivitySubject(subject: .highLevel)) { harness, deals in
            let before = harness.requestCount
            await #expect(
                throws: ProviderError.rejected(status: 422, message: "HighLevel needs a due date on every task")
            ) {
                try await harness.provider.addTask(
                    DealTask(account: "test", opportunityID: deals[0].id, title: "Someday", createdAt: Date()),
                    to: deals[0])
            }
            #expect(harness.requestCount == before)
        }
    }

    @Test func highLevelFindsTheContactWhenTheDealCarriesNoRecord() async throws {
        try await withActivities(ActivitySubject(subject: .highLevel)) { harness, deals in
            var deal = deals[0]
            deal.raw = nil
            let before = harness.requestCount
            let notes = try await harness.provider.notes(of: deal)
            #expect(notes.isEmpty)
            // GET /opportunities/{id} for the contact, then its notes.
            #expect(harness.requests.dropFirst(before).map(\.path).first == "/opportunities/\(deal.remoteID!)")
            #expect(harness.requestCount == before + 2)
        }
    }

    /// A HighLevel note whose answer was lost is found on the contact, not made twice.
    @Test func highLevelFindsANoteWhoseAnswerWasLost() async throws {
        try await withActivities(ActivitySubject(subject: .highLevel)) { harness, deals in
            harness.faults?.loseResponseOfNextWrites(1)
            let note = Note(account: "test", opportunityID: deals[0].id, text: "Lost answer", createdAt: Date())
            let added = try await harness.provider.addNote(note, to: deals[0])
            #expect(added.text == "Lost answer")
            #expect(harness.highLevel?.notes.count == 1)
        }
    }

    /// Twenty makes notes and tasks under their local ids (upsert): a create retried after a lost answer makes
    /// neither the record nor its link twice.
    @Test(arguments: [TwentyFake.TargetFields.current, .legacy])
    func twentyRetriedCreatesMakeNothingTwice(_ fields: TwentyFake.TargetFields) async throws {
        try await withActivities(ActivitySubject(subject: .twenty, twentyFields: fields)) { harness, deals in
            let fake = try #require(harness.twenty)
            let task = DealTask(
                account: "test", opportunityID: deals[0].id, title: "Once", due: DueDate(day: "2026-06-01"),
                createdAt: Date())
            harness.faults?.loseResponseOfNextWrites(2)
            _ = try await harness.provider.addTask(task, to: deals[0])
            _ = try await harness.provider.addTask(task, to: deals[0])
            #expect(fake.records("tasks").count == 1)
            #expect(fake.records("taskTargets").count == 1)
            #expect(try await harness.provider.tasks(of: deals[0]).map(\.title) == ["Once"])
        }
    }

    /// The link field names are learned from the metadata API once (with the stages, when the board has read
    /// them) and remembered; when the workspace is upgraded they are learned again on the server's refusal.
    @Test func twentyLearnsTheLinkFieldOnceAndAgainAfterAnUpgrade() async throws {
        try await withActivities(ActivitySubject(subject: .twenty, twentyFields: .legacy)) { harness, deals in
            let fake = try #require(harness.twenty)
            let provider = harness.provider
            let metadata = { fake.requests.filter { $0.path == "/rest/metadata/objects" }.count }
            // The pull read no metadata; the first note does, once.
            let note = Note(account: "test", opportunityID: deals[0].id, text: "Before", createdAt: Date())
            _ = try await provider.addNote(note, to: deals[0])
            _ = try await provider.notes(of: deals[0])
            #expect(metadata() == 1)
            #expect(provider.memory?["note_target_link"] == "opportunityId")
            #expect(fake.records("noteTargets").first?["targetOpportunityId"] != nil)

            fake.targetFields = .current
            let after = Note(account: "test", opportunityID: deals[0].id, text: "After", createdAt: Date())
            _ = try await provider.addNote(after, to: deals[0])
            #expect(metadata() == 2)
            #expect(provider.memory?["note_target_link"] == "targetOpportunityId")
            #expect(try await provider.notes(of: deals[0]).map(\.text).sorted() == ["After", "Before"])
            // The stages' read teaches both names without a request of its own.
            _ = try await provider.fetchPipelines()
            #expect(provider.memory?["task_target_link"] == "targetOpportunityId")
        }
    }

    @Test func coperniqNoteTextIsCleanedAndALostAnswerFound() async throws {
        try await withActivities(ActivitySubject(subject: .coperniq)) { harness, deals in
            let fake = try #require(harness.coperniq)
            let dealID = try #require(deals[0].remoteID.flatMap { Int64($0) })
            fake.addNote(opportunityID: dealID, text: "\u{1B}[2JCall \u{202E}back")
            #expect(try await harness.provider.notes(of: deals[0]).map(\.text) == ["Call back"])
            #expect(try await harness.provider.notes(of: deals[0]).first?.author == "Api User")
            harness.faults?.loseResponseOfNextWrites(1)
            let note = Note(account: "test", opportunityID: deals[0].id, text: "Lost answer", createdAt: Date())
            #expect(try await harness.provider.addNote(note, to: deals[0]).text == "Lost answer")
            #expect(fake.notes.filter { $0.note == "Lost answer" }.count == 1)
        }
    }

    /// BrightMove and Coastline have neither; Coperniq has notes, not tasks.
    @Test(arguments: [Subject.brightMove, .coperniq, .coastline])
    func providersWithoutNotesOrTasksRefuseByName(_ subject: Subject) async throws {
        try await withHarness(subject) { harness in
            let provider = harness.provider
            #expect(provider.capabilities.contains(.notes) == (subject == .coperniq))
            #expect(!provider.capabilities.contains(.tasks))
            let deal = Opportunity(account: "test", pipelineID: "p", stageID: "s", name: "Deal", createdAt: Date())
            let before = harness.requestCount
            if subject != .coperniq {
                await #expect(throws: ProviderError.unsupported(provider: provider.displayName, operation: .addNote)) {
                    try await provider.addNote(
                        Note(account: "test", opportunityID: deal.id, text: "x", createdAt: Date()), to: deal)
                }
            }
            do {
                _ = try await provider.tasks(of: deal)
                Issue.record("\(subject) listed tasks")
            } catch let error as ProviderError {
                #expect(error.description == "\(provider.displayName)'s API does not offer reading tasks")
            }
            #expect(harness.requestCount == before)
        }
    }
}

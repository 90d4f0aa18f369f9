import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes
import TestSupport
import Testing

/// Notes and tasks through the service against the HighLevel and Twenty fakes: a pull brings each open deal's
/// next step, and a note, a task and its completion reach the provider on delivery.
@Suite struct ActivitySyncTests {
    @Test(arguments: [
        (Subject.highLevel, TwentyFake.TargetFields.current), (.twenty, .current), (.twenty, .legacy),
    ])
    func aPullBringsNextStepsAndChangesReachTheProvider(
        _ subject: Subject, _ fields: TwentyFake.TargetFields
    ) async throws {
        try await withHarness(subject, count: 6) { harness in
            harness.twenty?.targetFields = fields
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "pipeboard-activity-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
            let kind: ProviderKind = subject == .highLevel ? .highlevel : .twenty
            let service = BoardService(
                store: store,
                accounts: [Account(config: AccountConfig(name: "crm", provider: kind), provider: harness.provider)])

            // A task someone made in the CRM's own app, on the first deal.
            let first = try #require(
                harness.highLevel?.opportunities.min { $0.name < $1.name }?.id
                    ?? harness.twenty?.opportunities.min { ($0.name ?? "") < ($1.name ?? "") }?.id)
            if let fake = harness.highLevel, let contact = fake.opportunity(id: first)?.contactId {
                fake.addTask(contactID: contact, title: "Call back", due: Date(timeIntervalSince1970: 1_790_000_000))
            }
            if let fake = harness.twenty {
                let task = fake.insert(
                    "tasks",
                    [
                        "title": .string("Call back"), "status": .string("TODO"),
                        "dueAt": .string("2026-09-21T00:00:00.000Z"),
                    ])
                fake.insert("taskTargets", ["taskId": .string(task), "targetOpportunityId": .string(first)])
            }
            _ = try await service.pull(account: "crm")
            let deal = try #require(
                try await service.list(account: "crm", pipeline: nil, stage: nil).first { $0.remoteID == first })
            #expect(try await service.tasks(of: deal.id).map(\.title) == ["Call back"])

            // Saved here first, then delivered.
            _ = try await service.addNote(to: deal.id, text: "Asked for a quote")
            let task = try await service.addTask(to: deal.id, title: "Send quote", due: DueDate(day: "2026-09-22"))
            #expect(try await service.push(account: "crm").delivered == 2)
            let remote = try await harness.provider.tasks(of: try #require(try store.opportunity(id: deal.id)))
            #expect(Set(remote.map(\.title)) == ["Call back", "Send quote"])
            _ = try await service.setTaskDone(id: task.id)
            #expect(try await service.push(account: "crm").delivered == 1)
            let sent = try #require(try await harness.provider.tasks(of: deal).first { $0.title == "Send quote" })
            #expect(sent.isDone && sent.due == DueDate(day: "2026-09-22"))
            let notes = try await harness.provider.notes(of: deal)
            #expect(notes.map(\.text) == ["Asked for a quote"])
        }
    }

    /// A note sent whose answer never came back may be at the provider: its discard says so. The task queued behind
    /// it was never sent, and its discard says that. On Twenty: HighLevel's client finds a note it made unanswered.
    @Test func discardingAnAddWhoseAnswerWasLostSaysItMayBeAtTheProvider() async throws {
        try await withHarness(.twenty, count: 3) { harness in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "pipeboard-activity-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
            let service = BoardService(
                store: store,
                accounts: [Account(config: AccountConfig(name: "crm", provider: .twenty), provider: harness.provider)])
            _ = try await service.pull(account: "crm")
            let deal = try #require(try await service.list(account: "crm", pipeline: nil, stage: nil).first)
            _ = try await service.addNote(to: deal.id, text: "Asked for a quote")
            _ = try await service.addTask(to: deal.id, title: "Send quote", due: nil)
            let faults = try #require(harness.faults)
            faults.loseResponseOfNextWrites(10)
            #expect(try await service.push(account: "crm").retrying == 1)
            faults.loseResponseOfNextWrites(0)
            let items = try await service.outboxItems(account: "crm")
            try #require(items.count == 2)

            let note = try await service.discardOutbox(id: items[0].id)
            let provider = harness.provider.displayName
            #expect(note.contains("may already be at \(provider)") && !note.contains("never sent"), "\(note)")
            let task = try await service.discardOutbox(id: items[1].id)
            #expect(task == "discarded: Send quote was never sent and is removed")
            #expect(try store.outbox(account: "crm", states: []).isEmpty)
        }
    }

    /// A pull reads a pipeline's open tasks in bulk and merges only the deals they concern: those listed, and those
    /// with open tasks cached before, whose tasks the provider may have closed or dropped since.
    @Test func aTaskGoneFromTheWorkspaceLeavesTheCacheOnThePull() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-activity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
        let local = try LocalWorkspaceProvider(path: folder.appendingPathComponent("workspace.sqlite").path)
        try local.savePipeline(DemoData.pipeline, position: 0)
        try local.insertMany(
            DemoData.opportunities(count: 40, seed: 5, account: "local", now: Workbench.now).map {
                var deal = $0
                deal.status = .open
                return deal
            })
        let service = BoardService(
            store: store, accounts: [Account(config: AccountConfig(name: "local", provider: .local), provider: local)],
            clock: { Workbench.now })
        try await service.pull(account: "local")
        let deals = try await service.list(account: "local", pipeline: nil, stage: nil)
        let task = DealTask(account: "local", opportunityID: deals[0].id, title: "Call back", createdAt: Workbench.now)
        let sent = try await local.addTask(task, to: deals[0])
        try await service.pull(account: "local")
        #expect(try await service.tasks(of: deals[0].id).map(\.title) == ["Call back"])
        #expect(try await service.tasks(of: deals[1].id).isEmpty)

        try await local.deleteTask(remoteID: sent.remoteID, of: deals[0])
        try await service.pull(account: "local")
        #expect(try await service.tasks(of: deals[0].id).isEmpty)
    }
}

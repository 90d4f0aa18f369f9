import Foundation
import GRDB
import PipeboardCore
import PipeboardProviders
import Testing

@Suite struct LocalWorkspaceProviderTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-local-\(UUID().uuidString)")
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func provider(pageSize: Int = 1_000) throws -> LocalWorkspaceProvider {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try LocalWorkspaceProvider(path: folder.appendingPathComponent("w.sqlite").path, pageSize: pageSize)
    }

    @Test func keepsPipelinesAndOffersEverything() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let local = try provider()
        #expect(try local.isEmpty())
        try local.savePipeline(DemoData.pipeline, position: 0)
        #expect(try await local.fetchPipelines() == [DemoData.pipeline])
        #expect(local.capabilities == Capabilities.all.union([.lostReason, .notes, .tasks]))
    }

    @Test func createUpdateDeleteRoundTrip() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let local = try provider()
        let draft = Opportunity(
            account: "local", pipelineID: "sales", stageID: "lead", name: "Acme",
            value: Money(micros: 5_000_000, currency: "USD"), createdAt: now)
        let created = try await local.create(draft)
        #expect(created.remoteID == draft.id.uuidString.lowercased())
        #expect(created.localID == draft.id)
        let moved = try await local.update(
            remoteID: created.remoteID, patch: OpportunityPatch(stageID: "won", status: .won), current: draft)
        #expect(moved?.stageID == "won")
        #expect(moved?.status == .won)
        #expect(moved?.value == draft.value)
        try await local.delete(remoteID: created.remoteID)
        await #expect(throws: ProviderError.self) { try await local.delete(remoteID: created.remoteID) }
        await #expect(throws: ProviderError.self) {
            _ = try await local.update(remoteID: created.remoteID, patch: OpportunityPatch(name: "x"), current: draft)
        }
    }

    /// The status time is the one the change was stamped with, kept through later edits and reported by a pull.
    @Test func anUpdateKeepsTheStatusTimeOfTheChangeAndAPullReportsIt() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let local = try provider()
        let draft = Opportunity(account: "local", pipelineID: "sales", stageID: "lead", name: "Acme", createdAt: now)
        let created = try await local.create(draft)
        let wonAt = now.addingTimeInterval(86_400)
        let markWon = OpportunityPatch(status: .won).stamped(at: wonAt)
        let won = draft.applying(markWon, at: wonAt)
        let answer = try await local.update(remoteID: created.remoteID, patch: markWon, current: won)
        #expect(answer?.statusChangedAt == wonAt)
        #expect(try await local.fetch(remoteID: created.remoteID)?.statusChangedAt == wonAt)

        let editedAt = wonAt.addingTimeInterval(9 * 86_400)
        let rename = OpportunityPatch(name: "Acme II").stamped(at: editedAt)
        _ = try await local.update(
            remoteID: created.remoteID, patch: rename, current: won.applying(rename, at: editedAt))
        let pulled = try #require(try await local.pull(pipelineID: "sales", after: nil).opportunities.first)
        #expect(pulled.name == "Acme II" && pulled.updatedAt == editedAt)
        #expect(pulled.statusChangedAt == wonAt)

        // Reopened by an undo, the deal takes back the time its patch carries.
        let reopen = markWon.inverse(restoring: draft)
        _ = try await local.update(remoteID: created.remoteID, patch: reopen, current: draft)
        let reopened = try #require(try await local.fetch(remoteID: created.remoteID))
        #expect(reopened.status == .open && reopened.statusChangedAt == draft.updatedAt)
    }

    @Test func pullPagesInChangeOrderUntilTheEnd() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let local = try provider(pageSize: 40)
        try local.insertMany(DemoData.opportunities(count: 100, seed: 2, account: "local", now: now))
        var cursor: String?
        var seen: [String] = []
        var pages = 0
        repeat {
            let page = try await local.pull(pipelineID: "sales", after: cursor)
            seen += page.opportunities.map(\.remoteID)
            cursor = page.next
            pages += 1
        } while cursor != nil
        #expect(pages == 3)
        #expect(Set(seen).count == 100)
        #expect(try await local.pull(pipelineID: "other", after: nil).opportunities.isEmpty)
    }

    /// Every field a deal can have comes back from the workspace as it went in: tags, custom fields, a probability,
    /// the raw record, and dates to the millisecond (as the create answered them).
    @Test func everyFieldRoundTrips() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let local = try provider()
        let full = Opportunity(
            account: "local", pipelineID: "sales", stageID: "proposal", rank: 7, name: "Ünïcode — deal",
            value: Money(micros: 1_234_567, currency: "EUR"), status: .lost, providerStatus: "On hold",
            contactName: "Ana", companyName: "Acme", email: "ana@example.com", phone: "+1 555", owner: "sam",
            closeDate: "2026-12-31", source: "Event", probability: 0.35, tags: ["a", "b"],
            customFields: ["lost_reason": "price", "x": "y"], createdAt: Date(timeIntervalSinceReferenceDate: 1.0 / 3),
            updatedAt: now.addingTimeInterval(0.123_456_789), stageChangedAt: now, raw: #"{"k":1}"#)
        let bare = Opportunity(account: "local", pipelineID: "sales", stageID: "lead", name: "Bare", createdAt: now)
        for deal in [full, bare] {
            let created = try await local.create(deal)
            let fetched = try #require(try await local.fetch(remoteID: created.remoteID))
            #expect(fetched == created)
            #expect(fetched.localID == deal.id && fetched.rank == deal.rank)
            #expect(fetched.tags == deal.tags && fetched.customFields == deal.customFields)
            #expect(fetched.createdAt == deal.createdAt.toTheMillisecond)
            #expect(fetched.updatedAt == deal.updatedAt.toTheMillisecond)
            #expect(fetched.value == deal.value && fetched.probability == deal.probability && fetched.raw == deal.raw)
        }
        #expect(try await local.fetch(remoteID: "not-an-id") == nil)
        await #expect(throws: ProviderError.self) { try await local.delete(remoteID: "not-an-id") }
    }

    /// A workspace written as JSON documents (before deals were kept as columns) is converted when opened: every
    /// deal, in its change order, with its notes and tasks still linked, and the old table gone.
    @Test func aWorkspaceOfJSONDocumentsIsConvertedOnOpen() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("w.sqlite").path
        let deals = DemoData.opportunities(count: 30, seed: 3, account: "local", now: now).map { deal -> Opportunity in
            var deal = deal
            deal.remoteID = deal.id.uuidString.lowercased()
            return deal
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = .sortedKeys
        do {
            // The file as the earlier version left it: its two migrations, one JSON document per deal.
            let old = try DatabaseQueue(path: path)
            try await old.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                        INSERT INTO grdb_migrations VALUES ('v1'), ('v2-notes-and-tasks');
                        CREATE TABLE local_pipeline (
                            id TEXT PRIMARY KEY, position INTEGER NOT NULL, json TEXT NOT NULL);
                        CREATE TABLE local_opportunity (
                            id TEXT PRIMARY KEY, pipeline_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL);
                        CREATE INDEX local_opportunity_pull ON local_opportunity (pipeline_id, seq);
                        CREATE INDEX local_opportunity_seq ON local_opportunity (seq);
                        CREATE TABLE local_note (id TEXT PRIMARY KEY, deal_id TEXT NOT NULL, json TEXT NOT NULL);
                        CREATE INDEX local_note_deal ON local_note (deal_id);
                        CREATE TABLE local_task (
                            id TEXT PRIMARY KEY, deal_id TEXT NOT NULL, done INTEGER NOT NULL, json TEXT NOT NULL);
                        CREATE INDEX local_task_deal ON local_task (deal_id, done);
                        """)
                // Written newest first, so that the change order is not the row order.
                for (index, deal) in deals.enumerated().reversed() {
                    try db.execute(
                        sql: "INSERT INTO local_opportunity (id, pipeline_id, seq, json) VALUES (?, ?, ?, ?)",
                        arguments: [
                            deal.remoteID, deal.pipelineID, index + 1,
                            String(decoding: try encoder.encode(deal), as: UTF8.self),
                        ])
                }
            }
        }
        let local = try LocalWorkspaceProvider(path: path, pageSize: 1_000)
        let page = try await local.pull(pipelineID: "sales", after: nil)
        #expect(page.opportunities.map(\.remoteID) == deals.map { $0.remoteID ?? "" })
        #expect(page.opportunities.map(\.name) == deals.map(\.name))
        #expect(page.opportunities.map(\.value) == deals.map(\.value))
        #expect(page.opportunities.map(\.tags) == deals.map(\.tags))
        // Dates were kept as milliseconds: they come back to the millisecond.
        for (pulled, deal) in zip(page.opportunities, deals) {
            #expect(abs(pulled.updatedAt.timeIntervalSince(deal.updatedAt)) < 0.001)
        }
        let task = DealTask(account: "local", opportunityID: deals[0].id, title: "Call", createdAt: now)
        _ = try await local.addTask(task, to: deals[0])
        #expect(try await local.openTasks(pipelineID: "sales")[deals[0].remoteID ?? ""]?.map(\.title) == ["Call"])
        let tables = try await DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(!tables.contains("local_opportunity") && tables.contains("local_deal"))
    }

    /// A workspace that kept dates as seconds since 2001 is converted on open: its dates to whole milliseconds since
    /// 1970, its deals in their change order, and the next change number after the highest ever given (a deal
    /// deleted since included).
    @Test func aWorkspaceOfDatesInSecondsIsConvertedToMilliseconds() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("w.sqlite").path
        let first = UUID(), second = UUID()
        let created = 818_318_644.946_342_3, moved = 818_400_000.000_4
        do {
            // The file as the earlier version left it: dates as REAL seconds since 2001, change numbers up to 12.
            let old = try DatabaseQueue(path: path)
            try await old.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                        INSERT INTO grdb_migrations VALUES ('v1'), ('v2-notes-and-tasks'), ('v3-deals-as-columns');
                        CREATE TABLE local_pipeline (
                            id TEXT PRIMARY KEY, position INTEGER NOT NULL, json TEXT NOT NULL);
                        CREATE TABLE local_note (id TEXT PRIMARY KEY, deal_id TEXT NOT NULL, json TEXT NOT NULL);
                        CREATE INDEX local_note_deal ON local_note (deal_id);
                        CREATE TABLE local_task (
                            id TEXT PRIMARY KEY, deal_id TEXT NOT NULL, done INTEGER NOT NULL, json TEXT NOT NULL);
                        CREATE INDEX local_task_deal ON local_task (deal_id, done);
                        CREATE TABLE local_deal (
                            seq INTEGER PRIMARY KEY AUTOINCREMENT, id BLOB NOT NULL UNIQUE, pipeline_id TEXT NOT NULL,
                            stage_id TEXT NOT NULL, rank INTEGER NOT NULL, name TEXT NOT NULL, value_micros INTEGER,
                            currency TEXT, status TEXT NOT NULL, provider_status TEXT, contact_name TEXT,
                            company_name TEXT, email TEXT, phone TEXT, owner TEXT, close_date TEXT, source TEXT,
                            probability REAL, tags TEXT, custom_fields TEXT, created_at REAL NOT NULL,
                            updated_at REAL NOT NULL, stage_changed_at REAL NOT NULL, status_changed_at REAL,
                            raw TEXT);
                        CREATE INDEX local_deal_pull ON local_deal (pipeline_id, seq);
                        """)
                let insert = """
                    INSERT INTO local_deal (seq, id, pipeline_id, stage_id, rank, name, status, created_at,
                        updated_at, stage_changed_at, status_changed_at) VALUES (?, ?, 'sales', ?, 0, ?, ?, ?, ?, ?, ?)
                    """
                try db.execute(
                    sql: insert,
                    arguments: [
                        5, withUnsafeBytes(of: second.uuid) { Data($0) }, "won", "Second", "won", created, moved,
                        moved, moved,
                    ])
                try db.execute(
                    sql: insert,
                    arguments: [
                        9, withUnsafeBytes(of: first.uuid) { Data($0) }, "lead", "First", "open", created,
                        created, created, nil,
                    ])
                try db.execute(sql: "UPDATE sqlite_sequence SET seq = 12 WHERE name = 'local_deal'")
            }
        }
        let local = try LocalWorkspaceProvider(path: path, pageSize: 1_000)
        let page = try await local.pull(pipelineID: "sales", after: nil)
        #expect(page.opportunities.map(\.name) == ["Second", "First"])
        let createdAt = Date(millisecondsSince1970: 1_796_625_844_946)
        let movedAt = Date(millisecondsSince1970: 1_796_707_200_000)
        #expect(page.opportunities.map(\.createdAt) == [createdAt, createdAt])
        #expect(page.opportunities.map(\.updatedAt) == [movedAt, createdAt])
        #expect(page.opportunities.map(\.stageChangedAt) == [movedAt, createdAt])
        #expect(page.next == nil)
        // The next change takes the number after the highest ever given.
        let third = try await local.create(
            Opportunity(account: "local", pipelineID: "sales", stageID: "lead", name: "Third", createdAt: createdAt))
        let numbers = try await DatabaseQueue(path: path).read { db in
            try Int64.fetchAll(db, sql: "SELECT seq FROM local_deal ORDER BY seq")
        }
        #expect(numbers == [5, 9, 13])
        #expect(try await local.fetch(remoteID: third.remoteID)?.name == "Third")
    }

    /// The board and a script share a workspace: a write waits for the other process's instead of failing.
    @Test func aWriteWaitsForAnotherWriterOfTheFile() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let local = try provider()
        let other = try DatabaseQueue(path: folder.appendingPathComponent("w.sqlite").path)
        let holding = DispatchSemaphore(value: 0)
        let holder = Thread {
            try? other.inTransaction(.exclusive) { _ in
                holding.signal()
                Thread.sleep(forTimeInterval: 0.5)
                return .commit
            }
        }
        holder.start()
        holding.wait()
        let draft = Opportunity(
            account: "local", pipelineID: "sales", stageID: "lead", name: "While locked", createdAt: now)
        let created = try await local.create(draft)
        #expect(created.localID == draft.id)
    }
}

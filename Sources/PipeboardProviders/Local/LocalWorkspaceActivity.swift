import Foundation
import GRDB
import PipeboardCore

/// Notes and tasks in the local workspace's own file: every call of a CRM's, with the deal's id as the link.
/// A note or task keeps its local id as its id here, as a card does.
extension LocalWorkspaceProvider {
    public func notes(of deal: Opportunity) async throws -> [RemoteNote] {
        let dealID = try Self.dealID(deal)
        return try await database.read { db in
            try String.fetchAll(db, sql: "SELECT json FROM local_note WHERE deal_id = ?", arguments: [dealID])
                .map { try LocalWorkspaceSchema.decoder.decode(Note.self, from: Data($0.utf8)).asRemote }
                .sorted { $0.createdAt > $1.createdAt }
        }
    }

    public func addNote(_ note: Note, to deal: Opportunity) async throws -> RemoteNote {
        let dealID = try Self.dealID(deal)
        var stored = note
        stored.remoteID = note.id.uuidString.lowercased()
        let json = String(decoding: try LocalWorkspaceSchema.encoder.encode(stored), as: UTF8.self)
        let record = stored
        try await database.write { db in
            try Self.requireDeal(dealID, in: db)
            try db.execute(
                sql: "INSERT OR REPLACE INTO local_note (id, deal_id, json) VALUES (?, ?, ?)",
                arguments: [record.remoteID, dealID, json])
        }
        return record.asRemote
    }

    public func deleteNote(remoteID: String, of deal: Opportunity) async throws {
        let deleted = try await database.write { db in
            try db.execute(sql: "DELETE FROM local_note WHERE id = ?", arguments: [remoteID])
            return db.changesCount
        }
        if deleted == 0 { throw ProviderError.notFound("no note \(remoteID) in the local workspace") }
    }

    public func tasks(of deal: Opportunity) async throws -> [RemoteTask] {
        let dealID = try Self.dealID(deal)
        return try await database.read { db in
            try Self.tasks(db, sql: "SELECT json FROM local_task WHERE deal_id = ?", arguments: [dealID])
        }
    }

    public func task(remoteID: String, of deal: Opportunity) async throws -> RemoteTask? {
        try await database.read { db in
            try Self.tasks(db, sql: "SELECT json FROM local_task WHERE id = ?", arguments: [remoteID]).first
        }
    }

    public func addTask(_ task: DealTask, to deal: Opportunity) async throws -> RemoteTask {
        let dealID = try Self.dealID(deal)
        var stored = task
        stored.remoteID = task.id.uuidString.lowercased()
        let record = stored
        try await database.write { db in
            try Self.requireDeal(dealID, in: db)
            try Self.save(record, dealID: dealID, in: db)
        }
        return record.asRemote
    }

    public func updateTask(remoteID: String, patch: TaskPatch, current: DealTask, of deal: Opportunity) async throws
        -> RemoteTask?
    {
        try await database.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT deal_id, json FROM local_task WHERE id = ?", arguments: [remoteID])
            else { throw ProviderError.notFound("no task \(remoteID) in the local workspace") }
            let stored = try LocalWorkspaceSchema.decoder.decode(
                DealTask.self, from: Data((row["json"] as String).utf8))
            // The cache's own times stand, as for a card: the workspace has no clock of its own.
            var updated = stored.applying(patch, now: current.updatedAt)
            updated.updatedAt = current.updatedAt
            if patch.isDone == true { updated.completedAt = current.completedAt ?? updated.completedAt }
            try Self.save(updated, dealID: row["deal_id"], in: db)
            return updated.asRemote
        }
    }

    public func deleteTask(remoteID: String, of deal: Opportunity) async throws {
        let deleted = try await database.write { db in
            try db.execute(sql: "DELETE FROM local_task WHERE id = ?", arguments: [remoteID])
            return db.changesCount
        }
        if deleted == 0 { throw ProviderError.notFound("no task \(remoteID) in the local workspace") }
    }

    /// One read for the whole pipeline: the open tasks of its deals, by each deal's remote id.
    public func openTasks(pipelineID: String) async throws -> [String: [RemoteTask]] {
        try await database.read { db in
            var found: [String: [RemoteTask]] = [:]
            let inPipeline = try db.cachedStatement(
                sql: "SELECT 1 FROM local_deal WHERE id = ? AND pipeline = \(LocalTexts.numberOfArgument)")
            let rows = try Row.fetchCursor(db, sql: "SELECT deal_id, json FROM local_task WHERE done = 0")
            while let row = try rows.next() {
                let dealID: String = row["deal_id"]
                guard let key = LocalDealRow.key(remoteID: dealID),
                    try Bool.fetchOne(inPipeline, arguments: [key, pipelineID]) == true
                else { continue }
                let task = try LocalWorkspaceSchema.decoder.decode(
                    DealTask.self, from: Data((row["json"] as String).utf8))
                found[dealID, default: []].append(task.asRemote)
            }
            return found
        }
    }

    /// Generated notes and tasks (the demo's), through two prepared statements in one commit: 200,000 take
    /// seconds where adding them one by one would take minutes.
    public func insertActivity(notes: [Note], tasks: [DealTask], dealRemoteIDs: [UUID: String]) throws
        -> (notes: [Note], tasks: [DealTask])
    {
        let stored = (
            notes: notes.compactMap { note -> (Note, String)? in
                guard let deal = dealRemoteIDs[note.opportunityID] else { return nil }
                var copy = note
                copy.remoteID = note.id.uuidString.lowercased()
                return (copy, deal)
            },
            tasks: tasks.compactMap { task -> (DealTask, String)? in
                guard let deal = dealRemoteIDs[task.opportunityID] else { return nil }
                var copy = task
                copy.remoteID = task.id.uuidString.lowercased()
                return (copy, deal)
            }
        )
        try database.write { db in
            let note = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO local_note (id, deal_id, json) VALUES (?, ?, ?)")
            for (record, deal) in stored.notes {
                let json = String(decoding: try LocalWorkspaceSchema.encoder.encode(record), as: UTF8.self)
                try note.execute(arguments: [record.remoteID, deal, json])
            }
            for (record, deal) in stored.tasks { try Self.save(record, dealID: deal, in: db) }
        }
        return (stored.notes.map(\.0), stored.tasks.map(\.0))
    }

    private static func dealID(_ deal: Opportunity) throws -> String {
        guard let id = deal.remoteID else {
            throw ProviderError.rejected(status: 404, message: "the deal is not in the local workspace yet")
        }
        return id
    }

    private static func requireDeal(_ dealID: String, in db: Database) throws {
        guard let key = LocalDealRow.key(remoteID: dealID),
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM local_deal WHERE id = ?)", arguments: [key]) == true
        else { throw ProviderError.notFound("no opportunity \(dealID) in the local workspace") }
    }

    private static func save(_ task: DealTask, dealID: String, in db: Database) throws {
        let json = String(decoding: try LocalWorkspaceSchema.encoder.encode(task), as: UTF8.self)
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO local_task (id, deal_id, done, json) VALUES (?, ?, ?, ?)")
            .execute(arguments: [task.remoteID, dealID, task.isDone, json])
    }

    private static func tasks(_ db: Database, sql: String, arguments: StatementArguments) throws -> [RemoteTask] {
        try String.fetchAll(db, sql: sql, arguments: arguments)
            .map { try LocalWorkspaceSchema.decoder.decode(DealTask.self, from: Data($0.utf8)).asRemote }
            .sorted { ($0.createdAt, $0.remoteID) < ($1.createdAt, $1.remoteID) }
    }
}

extension Note {
    var asRemote: RemoteNote {
        RemoteNote(remoteID: remoteID ?? id.uuidString.lowercased(), text: text, createdAt: createdAt, author: author)
    }
}

extension DealTask {
    var asRemote: RemoteTask {
        RemoteTask(
            remoteID: remoteID ?? id.uuidString.lowercased(), title: title, due: due, isDone: isDone,
            completedAt: completedAt, owner: owner, createdAt: createdAt, updatedAt: updatedAt, raw: raw)
    }
}

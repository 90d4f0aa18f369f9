import Foundation
import GRDB
import PipeboardCore

/// The local workspace: a provider like the CRMs, with every capability, whose records live in a SQLite file
/// of its own. The board reaches it through the same cache, outbox and sync code as any CRM.
public final class LocalWorkspaceProvider: SeedableWorkspace {
    public let displayName = "Local workspace"
    public let capabilities = Capabilities.all.union([.lostReason, .notes, .tasks])
    /// Records per pull page.
    let pageSize: Int
    let database: DatabaseQueue

    /// Opens (creating if needed) the workspace file at `path`. The board and a script may use one
    /// workspace at once: a writer waits up to 5 s for the other instead of failing with "locked".
    public init(path: String, pageSize: Int = 1_000) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw ProviderError.invalidResponse("cannot open the local workspace at \(path): \(error)")
        }
        self.pageSize = pageSize
        try LocalWorkspaceSchema.migrator.migrate(database)
    }

    public func formFields(for pipeline: Pipeline) -> [FieldSpec] { FieldSpec.standard }

    public func fetchPipelines() async throws -> [Pipeline] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT json FROM local_pipeline ORDER BY position, id")
                .map { try LocalWorkspaceSchema.decoder.decode(Pipeline.self, from: Data($0.utf8)) }
        }
    }

    /// Pages in change order; the cursor is the last change sequence number seen.
    public func pull(pipelineID: String, after cursor: String?) async throws -> PullPage {
        let after = cursor.flatMap(Int64.init) ?? 0
        let limit = pageSize
        let (rows, total) = try await database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, json FROM local_opportunity WHERE pipeline_id = ? AND seq > ? ORDER BY seq LIMIT ?
                    """, arguments: [pipelineID, after, limit]
            ).map { (seq: $0["seq"] as Int64, json: $0["json"] as String) }
            // The size of the listing, for progress; counted once, with the first page.
            let total =
                cursor == nil
                ? try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM local_opportunity WHERE pipeline_id = ?", arguments: [pipelineID])
                : nil
            return (rows, total)
        }
        let records = try rows.map {
            try LocalWorkspaceSchema.decoder.decode(Opportunity.self, from: Data($0.json.utf8)).asRemote
        }
        let last = rows.last?.seq
        return PullPage(opportunities: records, next: rows.count == limit ? last.map(String.init) : nil, total: total)
    }

    /// Records whose `updatedAt` is at or after the watermark, in change order.
    public func pull(pipelineID: String, changedSince: Date?, after cursor: String?) async throws -> PullPage {
        guard let changedSince else { return try await pull(pipelineID: pipelineID, after: cursor) }
        let after = cursor.flatMap(Int64.init) ?? 0
        let limit = pageSize
        // Dates are stored as milliseconds since 1970 (see LocalWorkspaceSchema.encoder).
        let since = (changedSince.timeIntervalSince1970 * 1_000).rounded(.down)
        let rows = try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, json FROM local_opportunity
                    WHERE pipeline_id = ? AND seq > ? AND json_extract(json, '$.updatedAt') >= ? ORDER BY seq LIMIT ?
                    """, arguments: [pipelineID, after, since, limit]
            ).map { (seq: $0["seq"] as Int64, json: $0["json"] as String) }
        }
        let records = try rows.map {
            try LocalWorkspaceSchema.decoder.decode(Opportunity.self, from: Data($0.json.utf8)).asRemote
        }
        return PullPage(
            opportunities: records, next: rows.count == limit ? rows.last.map { String($0.seq) } : nil,
            changedOnly: true)
    }

    public func fetch(remoteID: String) async throws -> RemoteOpportunity? {
        try await database.read { db in
            try String.fetchOne(db, sql: "SELECT json FROM local_opportunity WHERE id = ?", arguments: [remoteID])
                .map { try LocalWorkspaceSchema.decoder.decode(Opportunity.self, from: Data($0.utf8)).asRemote }
        }
    }

    public func create(_ opportunity: Opportunity) async throws -> RemoteOpportunity {
        var stored = opportunity
        stored.remoteID = opportunity.id.uuidString.lowercased()
        let record = stored
        try await database.write { db in try Self.save(record, in: db) }
        return record.asRemote
    }

    public func update(remoteID: String, patch: OpportunityPatch, current: Opportunity) async throws
        -> RemoteOpportunity?
    {
        try await database.write { db in
            guard
                let json = try String.fetchOne(
                    db, sql: "SELECT json FROM local_opportunity WHERE id = ?", arguments: [remoteID])
            else {
                throw ProviderError.notFound("no opportunity \(remoteID) in the local workspace")
            }
            let stored = try LocalWorkspaceSchema.decoder.decode(Opportunity.self, from: Data(json.utf8))
            var updated = patch.applied(to: stored)
            updated.updatedAt = current.updatedAt
            updated.stageChangedAt = current.stageChangedAt
            try Self.save(updated, in: db)
            return updated.asRemote
        }
    }

    public func delete(remoteID: String) async throws {
        let deleted = try await database.write { db in
            try db.execute(sql: "DELETE FROM local_opportunity WHERE id = ?", arguments: [remoteID])
            return db.changesCount
        }
        if deleted == 0 { throw ProviderError.notFound("no opportunity \(remoteID) in the local workspace") }
    }

    // MARK: Workspace set-up (the local workspace's own admin, as a CRM's web app would offer)

    /// Adds or replaces a pipeline and its stages.
    public func savePipeline(_ pipeline: Pipeline, position: Int) throws {
        let json = String(decoding: try LocalWorkspaceSchema.encoder.encode(pipeline), as: UTF8.self)
        try database.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO local_pipeline (id, position, json) VALUES (?, ?, ?)",
                arguments: [pipeline.id, position, json])
        }
    }

    /// Stores many records in one transaction (demo data).
    public func insertMany(_ opportunities: [Opportunity]) throws {
        try database.write { db in
            for var opportunity in opportunities {
                opportunity.remoteID = opportunity.id.uuidString.lowercased()
                try Self.save(opportunity, in: db)
            }
        }
    }

    public func isEmpty() throws -> Bool {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM local_pipeline") ?? 0 } == 0
    }

    /// Every write takes the next change number, so an incremental pull sees it.
    private static func save(_ opportunity: Opportunity, in db: Database) throws {
        let json = String(decoding: try LocalWorkspaceSchema.encoder.encode(opportunity), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO local_opportunity (id, pipeline_id, seq, json)
                VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM local_opportunity), ?)
                """, arguments: [opportunity.remoteID, opportunity.pipelineID, json])
    }
}

extension Opportunity {
    /// The record as the local workspace reports it to the cache.
    var asRemote: RemoteOpportunity {
        RemoteOpportunity(
            remoteID: remoteID ?? id.uuidString.lowercased(), pipelineID: pipelineID, stageID: stageID, name: name,
            value: value, status: status, providerStatus: providerStatus, contactName: contactName,
            companyName: companyName, email: email, phone: phone, owner: owner, closeDate: closeDate, source: source,
            probability: probability, tags: tags, customFields: customFields, createdAt: createdAt,
            updatedAt: updatedAt,
            stageChangedAt: stageChangedAt, localID: id, rank: rank, raw: raw
        )
    }
}

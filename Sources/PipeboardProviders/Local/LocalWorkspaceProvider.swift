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
        // A file of an earlier form is rewritten once; the space the old form took is then given back.
        let migrator = LocalWorkspaceSchema.migrator
        let converting = try database.read { db in
            let done = try migrator.appliedIdentifiers(db)
            return !done.isEmpty && !done.contains("v5-compact-deals")
        }
        try migrator.migrate(database)
        if converting {
            try database.vacuum()
        } else {
            // A file another process keeps busy, or a disk without room for the copy a vacuum makes, waits for the
            // next open: the file is as it was.
            try? LocalWorkspaceCompaction.vacuumIfWorthIt(database)
        }
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
            let rows = try Self.deals(
                db, where: "d.pipeline = \(LocalTexts.numberOfArgument) AND d.seq > ?", arguments: [pipelineID, after],
                limit: limit)
            // The size of the listing, for progress; counted once, with the first page.
            let total =
                cursor == nil
                ? try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM local_deal WHERE pipeline = \(LocalTexts.numberOfArgument)",
                    arguments: [pipelineID])
                : nil
            return (rows, total)
        }
        return PullPage(
            opportunities: rows.map(\.deal.asRemote),
            next: rows.count == limit ? rows.last.map { String($0.seq) } : nil,
            total: total)
    }

    /// Records whose `updatedAt` is at or after the watermark, in change order.
    public func pull(pipelineID: String, changedSince: Date?, after cursor: String?) async throws -> PullPage {
        guard let changedSince else { return try await pull(pipelineID: pipelineID, after: cursor) }
        let after = cursor.flatMap(Int64.init) ?? 0
        let limit = pageSize
        let rows = try await database.read { db in
            try Self.deals(
                db,
                where: """
                    d.pipeline = \(LocalTexts.numberOfArgument) AND d.seq > ? \
                    AND d.created_at + d.updated_after_created >= ?
                    """,
                arguments: [pipelineID, after, Int64((changedSince.timeIntervalSince1970 * 1_000).rounded(.down))],
                limit: limit)
        }
        return PullPage(
            opportunities: rows.map(\.deal.asRemote),
            next: rows.count == limit ? rows.last.map { String($0.seq) } : nil,
            changedOnly: true)
    }

    public func fetch(remoteID: String) async throws -> RemoteOpportunity? {
        guard let key = LocalDealRow.key(remoteID: remoteID) else { return nil }
        return try await database.read { db in
            try Self.deals(db, where: "d.id = ?", arguments: [key], limit: 1).first?.deal.asRemote
        }
    }

    public func create(_ opportunity: Opportunity) async throws -> RemoteOpportunity {
        var stored = LocalDealRow.asKept(opportunity)
        stored.remoteID = opportunity.id.uuidString.lowercased()
        let record = stored
        try await database.write { db in try Self.save(record, in: db) }
        return record.asRemote
    }

    public func update(remoteID: String, patch: OpportunityPatch, current: Opportunity) async throws
        -> RemoteOpportunity?
    {
        let key = LocalDealRow.key(remoteID: remoteID)
        return try await database.write { db in
            guard let key, let stored = try Self.deals(db, where: "d.id = ?", arguments: [key], limit: 1).first?.deal
            else {
                throw ProviderError.notFound("no opportunity \(remoteID) in the local workspace")
            }
            var updated = patch.applied(to: stored)
            updated.updatedAt = current.updatedAt
            updated.stageChangedAt = current.stageChangedAt
            // The time the change was stamped with (an undo's patch carries the time it puts back), else the card's.
            if updated.status != stored.status {
                updated.statusChangedAt = patch.statusChangedAt ?? current.statusChangedAt ?? current.updatedAt
            }
            updated = LocalDealRow.asKept(updated)
            try Self.save(updated, in: db)
            return updated.asRemote
        }
    }

    public func delete(remoteID: String) async throws {
        let key = LocalDealRow.key(remoteID: remoteID)
        let deleted = try await database.write { db -> Int in
            guard let key else { return 0 }
            try db.execute(sql: "DELETE FROM local_deal WHERE id = ?", arguments: [key])
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

    /// Deals per commit of `insertMany`. Each commit rewrites every page of the id index that it touched, and ids
    /// come in random order, so a million deals in commits of 10,000 wrote that index about a hundred times over.
    static let dealsPerCommit = 100_000

    /// Stores many records (demo data) through one prepared statement, in commits of `dealsPerCommit`, with a
    /// page cache that holds the id index meanwhile; `progress` hears the count every 10,000.
    public func insertMany<Deals: Sequence<Opportunity>>(_ opportunities: Deals, progress: ((Int) -> Void)?) throws {
        _ = try store(opportunities, sql: LocalDealRow.saveSQL, progress: progress)
    }

    public func insertNew<Deals: Sequence<Opportunity>>(_ opportunities: Deals, progress: ((Int) -> Void)?) throws
        -> Int
    {
        try store(opportunities, sql: LocalDealRow.addSQL, progress: progress)
    }

    /// `insertMany` and `insertNew` through `sql`; returns how many rows it wrote.
    private func store<Deals: Sequence<Opportunity>>(
        _ opportunities: Deals, sql: String, progress: ((Int) -> Void)?
    ) throws -> Int {
        var deals = opportunities.makeIterator()
        var stored = 0
        var written = 0
        // Texts numbered in a commit that fails are forgotten with this call, which throws.
        var texts = LocalTexts()
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -32768")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000; PRAGMA shrink_memory") }
            var more = true
            while more {
                try db.inTransaction {
                    let statement = try db.cachedStatement(sql: sql)
                    var inCommit = 0
                    while inCommit < Self.dealsPerCommit, let deal = deals.next() {
                        statement.setUncheckedArguments(try LocalDealRow.arguments(for: deal, texts: &texts, in: db))
                        try statement.execute()
                        written += db.changesCount
                        inCommit += 1
                        if inCommit % 10_000 == 0 { progress?(stored + inCommit) }
                    }
                    more = inCommit == Self.dealsPerCommit
                    stored += inCommit
                    return .commit
                }
            }
        }
        if stored % 10_000 != 0 { progress?(stored) }
        // The deals added are not rewrites: counted now, so that the next open need not.
        _ = try database.write(LocalWorkspaceCompaction.rebase)
        return written
    }

    public func isEmpty() throws -> Bool {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM local_pipeline") ?? 0 } == 0
    }

    private static func save(_ opportunity: Opportunity, in db: Database) throws {
        var texts = LocalTexts()
        try db.cachedStatement(sql: LocalDealRow.saveSQL)
            .execute(arguments: LocalDealRow.arguments(for: opportunity, texts: &texts, in: db))
    }

    /// The deals that match, in change order, with their change numbers.
    private static func deals(_ db: Database, where condition: String, arguments: StatementArguments, limit: Int)
        throws -> [(seq: Int64, deal: Opportunity)]
    {
        let statement = try db.cachedStatement(
            sql: "SELECT \(LocalDealRow.selection), d.seq FROM local_deal d WHERE \(condition) ORDER BY d.seq LIMIT ?")
        let rows = try Row.fetchCursor(statement, arguments: arguments + [limit])
        var found: [(seq: Int64, deal: Opportunity)] = []
        while let row = try rows.next() { found.append((row[24], try LocalDealRow.decode(row))) }
        return found
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
            stageChangedAt: stageChangedAt, statusChangedAt: statusChangedAt, localID: id, rank: rank, raw: raw
        )
    }
}

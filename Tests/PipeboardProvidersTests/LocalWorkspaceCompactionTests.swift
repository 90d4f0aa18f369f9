import Foundation
import GRDB
import PipeboardCore
import Testing

@testable import PipeboardProviders

/// The workspace file gives back the space that edits leave, and only that: a file written over and over is
/// vacuumed when opened, a file of new deals is not.
@Suite struct LocalWorkspaceCompactionTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "pipeboard-compaction-\(UUID().uuidString)")
    let now = Date(millisecondsSince1970: 1_796_645_719_556)

    var path: String { folder.appendingPathComponent("w.sqlite").path }

    func pages() async throws -> Int {
        try await DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
    }

    @Test func aFileWrittenOverAndOverIsVacuumedWhenOpened() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let deals = DemoData.opportunities(count: 20_000, seed: 8, account: "local", now: now)
        do {
            let local = try LocalWorkspaceProvider(path: path)
            try local.insertMany(deals)
            // A move of every tenth deal (a tenth of the deals makes a vacuum): each a new change number at the end
            // of the file, the row it left a hole in a page that keeps the other nine.
            for deal in deals.enumerated().filter({ $0.offset % 10 == 0 }).map(\.element) {
                _ = try await local.update(
                    remoteID: deal.id.uuidString.lowercased(), patch: OpportunityPatch(stageID: "won"), current: deal)
            }
        }
        let grown = try await pages()
        let local = try LocalWorkspaceProvider(path: path)
        let compact = try await pages()
        #expect(compact < grown * 95 / 100, "\(grown) pages before, \(compact) after")
        // Nothing lost, and the file counts from its new size.
        #expect(try await local.pull(pipelineID: "sales", after: nil).total == deals.count)
        _ = try LocalWorkspaceProvider(path: path)
        #expect(try await pages() == compact)
    }

    @Test func aFileOfNewDealsIsNotVacuumed() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            let local = try LocalWorkspaceProvider(path: path)
            try local.insertMany(DemoData.opportunities(count: 3_000, seed: 9, account: "local", now: now))
            for index in 0..<1_200 {
                _ = try await local.create(
                    Opportunity(
                        account: "local", pipelineID: "sales", stageID: "lead", name: "New \(index)", createdAt: now))
            }
        }
        let before = try await pages()
        let vacuumed = folder.appendingPathComponent("vacuumed.sqlite").path
        try await DatabaseQueue(path: path).writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [vacuumed])
        }
        let smallest = try await DatabaseQueue(path: vacuumed).read { db in
            try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        }
        #expect(smallest < before, "a vacuum would have shown")
        _ = try LocalWorkspaceProvider(path: path)
        #expect(try await pages() == before)
    }
}

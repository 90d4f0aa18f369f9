import Foundation
import GRDB
import PipeboardCore
import Testing

@testable import PipeboardProviders

/// The workspace keeps deals in compact rows (`LocalDealRow`): every field comes back exactly, and a file of plain
/// columns converts to the same deals.
@Suite struct LocalWorkspaceCompactTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-compact-\(UUID().uuidString)")
    let now = Date(millisecondsSince1970: 1_796_645_719_556)

    var path: String { folder.appendingPathComponent("w.sqlite").path }

    /// Deals that reach every form a field can take in the file: texts numbered or empty, nil beside empty, values
    /// of whole units and not, days and other close dates, every status, times before 1970, before the time before
    /// them, and off the millisecond.
    var unusual: [Opportunity] {
        let full = Opportunity(
            account: "local", pipelineID: "sales", stageID: "proposal", rank: -7, name: "Ünïcode — deal 🚀",
            value: Money(micros: 1_234_567, currency: "EUR"), status: .lost, providerStatus: "On hold",
            contactName: "Ana", companyName: "Acme", email: "ana@example.com", phone: "+1 555", owner: "sam",
            closeDate: "2024-02-29", source: "Event", probability: 0.35, tags: ["a", "b", "a"],
            customFields: ["lost_reason": "price", "x": "y"], createdAt: Date(timeIntervalSinceReferenceDate: 1.0 / 3),
            updatedAt: now.addingTimeInterval(0.123_456_789), stageChangedAt: now.addingTimeInterval(-86_400),
            statusChangedAt: now.addingTimeInterval(5), raw: #"{"k":1}"#)
        let empty = Opportunity(
            account: "local", pipelineID: "", stageID: "", name: "", value: Money(micros: 0, currency: ""),
            providerStatus: "", contactName: "", companyName: "", email: "", phone: "", owner: "", closeDate: "",
            source: "", probability: 0, tags: [""], customFields: ["": ""], createdAt: now, raw: "")
        let bare = Opportunity(account: "local", pipelineID: "sales", stageID: "lead", name: "Bare", createdAt: now)
        var deals = [full, empty, bare]
        let values: [Int64] = [-5_000_000, 9_223_372_036_000_000, .max, .min, -1, 10_000, 1_000_000]
        let days = ["2026-12-31", "0000-01-01", "9999-12-31", "2026-02-30", "2026-1-5", "next week", "1970-01-01"]
        for (index, status) in LocalDealRow.statuses.enumerated() {
            deals.append(
                Opportunity(
                    account: "local", pipelineID: "hiring", stageID: "offer", rank: Int64(index), name: "S\(index)",
                    value: Money(micros: values[index], currency: "USD"), status: status, owner: "owner \(index)",
                    closeDate: days[index], probability: 1, createdAt: Date(millisecondsSince1970: -86_400_123),
                    updatedAt: Date(millisecondsSince1970: -90_000_000), stageChangedAt: now,
                    statusChangedAt: index.isMultiple(of: 2) ? nil : Date(millisecondsSince1970: 0)))
        }
        for (index, day) in days.enumerated().dropFirst(4) {
            deals.append(
                Opportunity(
                    account: "local", pipelineID: "sales", stageID: "lead", name: "D\(index)",
                    value: Money(micros: values[index], currency: "GBP"), closeDate: day, createdAt: now))
        }
        return deals
    }

    @Test func everyFieldComesBackAsItWentIn() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let local = try LocalWorkspaceProvider(path: path)
        let deals = unusual
        var expected: [RemoteOpportunity] = []
        for deal in deals {
            let created = try await local.create(deal)
            expected.append(LocalDealRow.asKept(deal).asRemote)
            #expect(created == expected.last)
            #expect(try await local.fetch(remoteID: created.remoteID) == expected.last)
        }
        // The file's rows, every field (the status time too, which a pull does not report).
        #expect(try await keptDeals().map(\.deal) == deals.map(asKept))
        var pulled: [RemoteOpportunity] = []
        for pipeline in ["sales", "", "hiring"] {
            pulled += try await local.pull(pipelineID: pipeline, after: nil).opportunities
        }
        #expect(Set(pulled) == Set(expected))
        #expect(pulled.count == expected.count)
        // An edit keeps every field it does not change.
        let moved = try await local.update(
            remoteID: expected[0].remoteID, patch: OpportunityPatch(stageID: "won", status: .won), current: deals[0])
        var movedExpected = expected[0]
        movedExpected.stageID = "won"
        movedExpected.status = .won
        #expect(moved == movedExpected)
        #expect(try await local.fetch(remoteID: expected[0].remoteID) == movedExpected)
    }

    /// The deal as the file keeps it: to the millisecond, with its local id as its remote id.
    func asKept(_ deal: Opportunity) -> Opportunity {
        var kept = LocalDealRow.asKept(deal)
        kept.account = ""
        kept.remoteID = deal.id.uuidString.lowercased()
        return kept
    }

    /// Every deal of the file at `path` with its change number, in change order.
    func keptDeals() async throws -> [(seq: Int64, deal: Opportunity)] {
        try await DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT \(LocalDealRow.selection), d.seq FROM local_deal d ORDER BY d.seq")
                .map { (seq: $0[24] as Int64, deal: try LocalDealRow.decode($0)) }
        }
    }

    /// Texts that repeat across deals are kept once; the row names them by number.
    @Test func repeatedTextsAreKeptOnce() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let local = try LocalWorkspaceProvider(path: path)
        let deals = DemoData.opportunities(count: 500, seed: 4, account: "local", now: now)
        try local.insertMany(deals)
        let distinct = Set(
            deals.flatMap { [$0.pipelineID, $0.stageID, $0.value?.currency, $0.owner, $0.source, $0.companyName] }
                .compactMap { $0 })
        let kept = try await DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT text FROM local_text")
        }
        #expect(kept.count == distinct.count && Set(kept) == distinct)
        let page = try await local.pull(pipelineID: "sales", after: nil)
        #expect(page.opportunities == deals.map { LocalDealRow.asKept($0).asRemote })
    }

    /// A file of plain columns (as the earlier version wrote it) is converted when opened: the same deals bit for bit,
    /// with their change numbers, the next change number after the highest ever given, and the space given back.
    @Test func aWorkspaceOfPlainColumnsIsConvertedToTheSameDeals() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let deals = DemoData.opportunities(count: 300, seed: 5, account: "local", now: now) + unusual
        let before: [(seq: Int64, deal: Opportunity)]
        do {
            let old = try DatabaseQueue(path: path)
            try LocalWorkspaceSchema.migrator.migrate(old, upTo: "v4-dates-in-milliseconds")
            before = try await old.write { db in
                for deal in deals {
                    try db.execute(sql: LocalDealRowV4.saveSQL, arguments: LocalDealRowV4.arguments(for: deal))
                }
                // A deal edited (a new change number) and one deleted (its number is not given again).
                try db.execute(sql: LocalDealRowV4.saveSQL, arguments: LocalDealRowV4.arguments(for: deals[3]))
                try db.execute(sql: "DELETE FROM local_deal WHERE seq = (SELECT MAX(seq) FROM local_deal)")
                return try Row.fetchAll(db, sql: "SELECT \(LocalDealRowV4.columns), seq FROM local_deal ORDER BY seq")
                    .map { (seq: $0[24] as Int64, deal: try LocalDealRowV4.decode($0)) }
            }
        }
        let local = try LocalWorkspaceProvider(path: path)
        let after = try await keptDeals()
        #expect(after.map(\.seq) == before.map(\.seq))
        #expect(after.map(\.deal) == before.map(\.deal))
        var pulled: [RemoteOpportunity] = []
        for pipeline in ["sales", "", "hiring"] {
            pulled += try await local.pull(pipelineID: pipeline, after: nil).opportunities
        }
        #expect(pulled.count == before.count)
        #expect(Set(pulled) == Set(before.map(\.deal.asRemote)))
        for (seq, deal) in before {
            #expect(try await local.fetch(remoteID: deal.id.uuidString.lowercased()) == deal.asRemote, "\(seq)")
        }
        let file = try DatabaseQueue(path: path)
        let (objects, free) = try await file.read { db in
            (
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'local_deal%'"),
                try Int.fetchOne(db, sql: "PRAGMA freelist_count")
            )
        }
        #expect(Set(objects) == ["local_deal"])
        #expect(free == 0)
        let next = try await local.create(
            Opportunity(account: "local", pipelineID: "sales", stageID: "lead", name: "Next", createdAt: now))
        let highest = try await file.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM local_deal") }
        #expect(highest == Int64(deals.count + 2))
        #expect(try await local.fetch(remoteID: next.remoteID)?.name == "Next")
    }

    /// A pull of changes since a time sees the deals updated at or after it, the times kept as differences.
    @Test func aPullOfChangesSeesTheDealsUpdatedSince() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let local = try LocalWorkspaceProvider(path: path)
        let deals = DemoData.opportunities(count: 200, seed: 6, account: "local", now: now)
        try local.insertMany(deals)
        let since = deals.map(\.updatedAt).sorted()[150]
        let page = try await local.pull(pipelineID: "sales", changedSince: since, after: nil)
        let expected = deals.filter { $0.updatedAt.toTheMillisecond >= since.toTheMillisecond }.map(\.id)
        #expect(!expected.isEmpty && expected.count < deals.count)
        #expect(page.opportunities.compactMap(\.localID) == expected)
    }

    /// The demo's deals take about 150 bytes each in the file (its ids in order, as the demo makes them); as plain
    /// columns with a pull index they took about 240.
    @Test func demoDealsTakeUnder175BytesEach() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let local = try LocalWorkspaceProvider(path: path)
        let count = 20_000
        try local.insertMany(DemoData.Stream(count: count, seed: 7, account: "local", now: now), progress: nil)
        let bytes = try await DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size") ?? 0
        }
        #expect(bytes / count < 175, "\(bytes / count) bytes a deal")
    }
}

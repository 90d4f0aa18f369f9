import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes
import TestSupport
import Testing

/// The board service over a real cache, pulling from and pushing to each fake.
@Suite struct ServiceSyncTests {
    @Test(arguments: [Subject.highLevel, .twenty, .brightMove, .coperniq])
    func aPullFillsTheCacheAndAMoveReachesTheFake(_ subject: Subject) async throws {
        try await withHarness(subject, count: 130) { harness in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "pipeboard-sync-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
            let kind = subject.kind
            let service = BoardService(
                store: store,
                accounts: [Account(config: AccountConfig(name: "crm", provider: kind), provider: harness.provider)])
            let report = try await service.pull(account: "crm")
            #expect(report.received == 130)
            let pipeline = try await service.pipelines(account: "crm")[0]
            let card = try #require(
                try await service.list(account: "crm", pipeline: nil, stage: pipeline.stages[0].name).first)
            let target = pipeline.stages[2]
            _ = try await service.move(id: card.id, toStage: target.name)
            let delivered = try await service.push(account: "crm")
            #expect(delivered.delivered == 1)
            let remoteID = try #require(card.remoteID)
            if let fake = harness.highLevel { #expect(fake.opportunity(id: remoteID)?.pipelineStageId == target.id) }
            if let fake = harness.twenty { #expect(fake.opportunity(id: remoteID)?.stage == target.id) }
            if let fake = harness.brightMove { #expect(fake.opportunity(id: remoteID)?.stageName == target.name) }
            if let fake = harness.coperniq {
                #expect(fake.opportunity(id: remoteID)?.phaseId.map(String.init) == target.id)
            }
        }
    }

    /// Pages are fetched one ahead of the cache (Prefetch): a pull that fails part-way keeps whole pages, the first
    /// ones in the provider's order, asks for nothing after the failure, and the next pull brings in the rest.
    @Test func aPullThatFailsPartWayKeepsTheFirstPagesAndTheNextPullCompletes() async throws {
        try await withHarness(.highLevel, count: 450) { harness in
            let fake = try #require(harness.highLevel)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "pipeboard-sync-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
            let service = BoardService(
                store: store,
                accounts: [
                    Account(config: AccountConfig(name: "crm", provider: .highlevel), provider: harness.provider)
                ])
            let searches = { fake.requests.filter { $0.path == "/opportunities/search" }.count }

            // Once the first page is stored every request fails (past the client's retries).
            await #expect(throws: ProviderError.self) {
                try await service.pull(
                    account: "crm",
                    progress: { report in
                        if report.received == 100 { fake.faults.failNext(10_000, status: 500) }
                    })
            }
            let kept = try store.count(account: "crm")
            // The page after the first may have been fetched before the failure began; never a part of a page.
            #expect(kept == 100 || kept == 200)
            let inOrder = fake.opportunities.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }.map(\.id)
            let stored = try store.opportunities(account: "crm", pipelineID: nil, stageID: nil, statuses: [])
                .compactMap(\.remoteID)
            #expect(Set(stored) == Set(inOrder.prefix(kept)))
            let askedAtFailure = searches()
            try await Task.sleep(for: .milliseconds(100))
            #expect(searches() == askedAtFailure)

            fake.faults.failNext(0)
            let report = try await service.pull(account: "crm")
            #expect(report.received == 450 && report.written == 450)
            #expect(try store.count(account: "crm") == 450)
        }
    }

    /// With the rate limit on, the answer that uses up the window holds the client only until the window its own
    /// requests filled can have ended, not a whole window from then, and the provider refuses nothing.
    @Test func aRateLimitedPullResumesWhenItsOwnWindowEndsAndIsNeverRefused() async throws {
        let limit = RateLimit(limit: 5, interval: .seconds(1))
        let fake = try await HighLevelFake.start(token: Harness.token, count: 1_100, rateLimit: limit)
        let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
        do {
            let client = HighLevelClient(
                baseURL: fake.baseURL, token: Harness.token, locationID: fake.locationID, currency: "USD",
                http: http, pacer: Pacer(limit: 5, per: .seconds(1)), retry: Harness.fastRetry)
            let store = try CacheStore.inMemory()
            let service = BoardService(
                store: store,
                accounts: [Account(config: AccountConfig(name: "crm", provider: .highlevel), provider: client)])
            let report = try await service.pull(account: "crm")
            #expect(report.received == 1_100 && report.written == 1_100)
            // One pipelines request and eleven pages, each sent once: a 429 would have been sent again.
            let paths = fake.requests.map(\.path)
            #expect(paths.filter { $0 == "/opportunities/search" }.count == 11)
            #expect(paths.count == 12)
        } catch {
            try? await http.shutdown()
            await fake.stop()
            throw error
        }
        try await http.shutdown()
        await fake.stop()
    }

    /// Coastline takes new opportunities but no changes: the service refuses a move with one clear line and
    /// queues nothing, and a quick-add reaches the fake.
    @Test func coastlineTakesAQuickAddAndRefusesAMove() async throws {
        try await withHarness(.coastline, count: 9) { harness in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "pipeboard-sync-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
            let service = BoardService(
                store: store,
                accounts: [
                    Account(config: AccountConfig(name: "crm", provider: .coastline), provider: harness.provider)
                ])
            #expect(try await service.pull(account: "crm").received == 9)
            let pipeline = try await service.pipelines(account: "crm")[0]
            #expect(pipeline.stages.map(\.name).prefix(2) == ["New Lead", "Estimate Sent"])
            let card = try #require(try await service.list(account: "crm", pipeline: nil, stage: nil).first)
            #expect(["opportunity", "project", "archived"].contains(card.providerStatus ?? ""))
            do {
                _ = try await service.move(
                    id: card.id,
                    toStage: pipeline.stages[1].id == card.stageID ? pipeline.stages[0].name : pipeline.stages[1].name)
                Issue.record("a Coastline move was accepted")
            } catch {
                #expect(
                    String(describing: error) == "Coastline's API does not offer moving opportunities between stages")
            }
            #expect(try await service.outboxCounts(account: "crm") == (0, 0))
            _ = try await service.create(
                account: "crm", pipeline: nil,
                input: ["name": "Roof for the Garcias", "value": "14500", "stage": "Estimate Sent"])
            #expect(try await service.push(account: "crm").delivered == 1)
            let made = try #require(harness.coastline?.opportunities.first { $0.contactName == "Roof for the Garcias" })
            #expect(made.value == 14_500)
            #expect(made.stageId == CoastlineFake.Seed.sampleStages[1].id)
        }
    }

    /// Two new deals of one name for one contact ("Renewal" twice) stay two cards and two HighLevel records,
    /// next to an older deal of that name: none is taken for an earlier try of another.
    @Test func sameNamedDealsOfOneContactStayApartThroughAPush() async throws {
        try await withHarness(.highLevel, count: 1) { harness in
            let fake = try #require(harness.highLevel)
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("pipeboard-sync-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
            let account = Account(config: AccountConfig(name: "crm", provider: .highlevel), provider: harness.provider)
            let service = BoardService(store: store, accounts: [account])
            #expect(try await service.pull(account: "crm").received == 1)
            let older = try #require(fake.opportunities.first)
            let email = try #require(fake.contacts.first { $0.id == older.contactId }?.email)

            for _ in 0..<2 {
                _ = try await service.create(
                    account: "crm", pipeline: nil, input: ["name": older.name, "email": email])
            }
            #expect(try await service.push(account: "crm").delivered == 2)
            let cards = try await service.list(account: "crm", pipeline: nil, stage: nil)
                .filter { $0.name == older.name }
            let records = fake.opportunities.filter { $0.name == older.name }
            #expect(cards.count == 3 && records.count == 3)
            #expect(Set(cards.compactMap(\.remoteID)) == Set(records.map(\.id)))
        }
    }
}

/// The client picker's answers are provider text: sanitised before they can reach the screen.
@Suite struct LookUpTests {
    @Test func brightMoveClientSuggestionsAreSanitised() async throws {
        var setup = BrightMoveFake.Seed.sampleSetup
        setup.clients.append(
            BrightMoveFake.Client(guid: UUID().uuidString.lowercased(), name: "Evil\u{1B}[2J\u{1B}]0;pwned\u{07} Corp"))
        let fake = try await BrightMoveFake.start(
            companyKey: Harness.token, userKey: Harness.token, seed: BrightMoveFake.Seed(setup: setup))
        let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-lookup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(at: folder)
            Task {
                try? await http.shutdown(); await fake.stop()
            }
        }
        let client = BrightMoveClient(
            baseURL: fake.baseURL, companyKey: Harness.token, userKey: Harness.token, stages: ["Prospecting"],
            http: http, retry: Harness.fastRetry)
        let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
        let service = BoardService(
            store: store,
            accounts: [Account(config: AccountConfig(name: "bm", provider: .brightmove), provider: client)])
        let values = try await service.lookUp(account: "bm", field: BrightMoveClient.clientField, matching: "corp")
        #expect(values.count == 2)
        #expect(values.contains("Acme Corp"))
        #expect(values.allSatisfy { !$0.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 } })
        #expect(try await service.lookUp(account: "bm", field: "type", matching: "corp").isEmpty)
    }
}

extension Subject {
    var kind: ProviderKind {
        switch self {
        case .local: return .local
        case .highLevel: return .highlevel
        case .twenty: return .twenty
        case .brightMove: return .brightmove
        case .coperniq: return .coperniq
        case .coastline: return .coastline
        }
    }
}

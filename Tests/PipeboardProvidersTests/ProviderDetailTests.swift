import AsyncHTTPClient
import Foundation
import Logging
import PipeboardCore
import PipeboardProviders
import ProviderFakes
import TestSupport
import Testing

/// What each of BrightMove, Coperniq and Coastline does beyond the common contract.
@Suite struct BrightMoveDetailTests {
    @Test func bothKeysGoOnEveryCallAndStagesAreConfiguredThenLearned() async throws {
        try await withHarness(.brightMove) { harness in
            let pipeline = try #require(try await harness.provider.fetchPipelines().first)
            // Configured first, in order; then the names found on the records, in the order seen.
            #expect(pipeline.stages.map(\.name) == ["Prospecting", "Qualified", "Proposal Sent", "Negotiation"])
            #expect(pipeline.stages.map(\.id) == pipeline.stages.map(\.name))
            _ = try await harness.pullAll()
            let requests = harness.requests
            #expect(!requests.isEmpty)
            #expect(requests.allSatisfy { $0.headers["x-brightmove-company-apikey"] == Harness.token })
            #expect(requests.allSatisfy { $0.headers["x-brightmove-user-apikey"] == "user-" + Harness.token })
            #expect(requests.filter { $0.path.hasSuffix("/opportunities") }.allSatisfy { $0.query["size"] == "100" })
        }
    }

    @Test func epochMillisecondsDollarsAndProbability() async throws {
        try await withHarness(.brightMove, count: 3) { harness in
            let records = try await harness.pullAll().records.sorted { $0.createdAt < $1.createdAt }
            #expect(records.first?.createdAt == Date(timeIntervalSince1970: 1_767_225_600))
            #expect(records.first?.value == Money(micros: 20_000_500_000, currency: "USD"))
            #expect(records.first?.probability == 0.1)
            #expect(records.first?.companyName == "Acme Corp")
        }
    }

    @Test func theClientPickerFindsClientsByNameAndSaysWhenANameIsAmbiguous() async throws {
        try await withHarness(.brightMove, count: 0) { harness in
            let client = try #require(harness.provider as? BrightMoveClient)
            #expect(try await client.clients(matching: "glo").map(\.name) == ["Globex", "Globex Staffing"])
            let pipeline = try await client.fetchPipelines()[0]
            var draft = Opportunity(
                account: "t", pipelineID: pipeline.id, stageID: "Qualified", name: "Night shift", createdAt: Date())
            draft.customFields = [BrightMoveClient.clientField: "Globex", BrightMoveClient.typeField: "Contract"]
            let created = try await client.create(draft)
            let stored = try #require(harness.brightMove?.opportunity(id: created.remoteID))
            #expect(stored.clientName == "Globex")
            #expect(stored.typeName == "Contract")
            // No probability given: the stage's configured one.
            #expect(stored.closeProbability == 25)
            draft.customFields[BrightMoveClient.clientField] = "Glo"
            await #expect(
                throws: ProviderError.rejected(
                    status: 400, message: "2 BrightMove clients match 'Glo' (Globex, Globex Staffing); name one exactly"
                )
            ) {
                try await client.create(draft)
            }
        }
    }

    @Test func aRecordInTheAnswerIsUsedAsIsAndDeleteIsPermanentAndSaysSo() async throws {
        try await withHarness(.brightMove, count: 0) { harness in
            let fake = try #require(harness.brightMove)
            fake.emptyCreateAnswer = false
            #expect(harness.provider.deleteWarning?.hasPrefix("Permanent in BrightMove") == true)
            let draft = Subject.brightMove.completed(
                Opportunity(
                    account: "t", pipelineID: BrightMoveClient.pipelineID, stageID: "Prospecting",
                    name: "Payroll temp", createdAt: Date()))
            let created = try await harness.provider.create(draft)
            #expect(fake.opportunity(id: created.remoteID)?.name == "Payroll temp")
            let client = try #require(harness.provider as? BrightMoveClient)
            #expect(try await client.fetch(remoteID: created.remoteID)?.name == "Payroll temp")
            try await harness.provider.delete(remoteID: created.remoteID)
            #expect(fake.opportunity(id: created.remoteID) == nil)
            #expect(try await client.fetch(remoteID: created.remoteID) == nil)
        }
    }
}

@Suite struct CoperniqDetailTests {
    @Test func projectStatusIsShownAndSetButNeverWonOrLost() async throws {
        try await withHarness(.coperniq) { harness in
            let records = try await harness.pullAll().records
            #expect(Set(records.compactMap(\.providerStatus)) == ["ACTIVE", "ON_HOLD", "COMPLETED", "CANCELLED"])
            #expect(records.allSatisfy { $0.status == .open })
            let record = try #require(records.first { $0.providerStatus == "ACTIVE" })
            let current = record.opportunity(account: "t", existing: nil, defaultRank: 0)
            let updated = try await harness.provider.update(
                remoteID: record.remoteID, patch: OpportunityPatch(providerStatus: "ON_HOLD"), current: current)
            #expect(updated?.providerStatus == "ON_HOLD")
            #expect(updated?.status == .open)
            #expect(harness.coperniq?.opportunity(id: record.remoteID)?.status == "ON_HOLD")
            #expect(!harness.provider.capabilities.contains(.setStatus))
        }
    }

    /// Coperniq matches creates by title: a project of that title made before the card, or held by another card,
    /// is not this card's earlier try, so the create is refused with what to do and Coperniq is left as it was.
    @Test func aTitleCoperniqAlreadyHasIsRefusedUnlessItIsThisCardsEarlierTry() async throws {
        try await withHarness(.coperniq, count: 1) { harness in
            let fake = try #require(harness.coperniq)
            let pipeline = try await harness.provider.fetchPipelines()[0]
            let older = try #require(fake.opportunities.first)
            let draft = { (name: String) in
                Subject.coperniq.completed(
                    Opportunity(
                        account: "t", pipelineID: pipeline.id,
                        stageID: pipeline.stages[0].id, name: name, createdAt: Date()))
            }
            let refusal = "and matches new ones by title; give this one another name"
            do {
                _ = try await harness.provider.create(draft(older.title))
                Issue.record("an older project of the same title was taken for this card")
            } catch {
                #expect(String(describing: error).contains(refusal), "\(error)")
            }
            let first = try await harness.provider.create(draft("Roof"))
            do {
                _ = try await harness.provider.create(draft("Roof"), heldByOtherCards: { $0 == first.remoteID })
                Issue.record("another card's project was taken for this card")
            } catch {
                #expect(String(describing: error).contains(refusal), "\(error)")
            }
            #expect(fake.opportunities.count == 2)

            // A lost answer: the retry's match is this card's own first try, taken once.
            fake.faults.loseResponseOfNextWrites(1)
            let made = try await harness.provider.create(draft("Porch"), heldByOtherCards: { $0 == first.remoteID })
            #expect(fake.opportunities.filter { $0.title == "Porch" }.map { String($0.id) } == [made.remoteID])
        }
    }

    @Test func thePhaseFieldsAndTradesAreAskedForAndSent() async throws {
        try await withHarness(.coperniq, count: 0) { harness in
            let pipeline = try await harness.provider.fetchPipelines()[0]
            #expect(pipeline.name == "Residential Solar")
            #expect(pipeline.stages.map(\.name) == ["Lead", "Site Survey", "Design", "Install"])
            let required = harness.provider.formFields(for: pipeline).filter(\.required).map(\.id)
            #expect(required == ["name", CoperniqClient.addressField, CoperniqClient.tradesField, "stage"])
            let input = [
                "name": "Garage PV", "address": "9 Elm St, Austin, TX", "trades": "Solar", "provider_status": "on_hold",
            ]
            let patch = try FieldInput.patch(
                from: input, pipeline: pipeline, specs: harness.provider.formFields(for: pipeline),
                defaultCurrency: "USD"
            ).get()
            #expect(patch.providerStatus == "ON_HOLD")
            let draft = patch.applied(
                to: Opportunity(
                    account: "t", pipelineID: pipeline.id, stageID: pipeline.stages[2].id, name: "", createdAt: Date()))
            let created = try await harness.provider.create(draft)
            let stored = try #require(harness.coperniq?.opportunity(id: created.remoteID))
            #expect(stored.address == ["9 Elm St, Austin, TX"])
            #expect(stored.trades == ["Solar"])
            #expect(stored.status == "ON_HOLD")
            #expect(stored.phaseId == 1_003)
            let create = try #require(harness.requests.last { $0.method == "POST" })
            #expect(create.query["match_by"] == "title" && create.query["match_found_strategy"] == "skip")
            #expect(harness.requests.allSatisfy { $0.headers["x-api-key"] == Harness.token })
            let bad = FieldInput.patch(
                from: ["provider_status": "WON"], pipeline: pipeline, specs: harness.provider.formFields(for: pipeline),
                defaultCurrency: "USD", current: draft)
            #expect(throws: FieldErrors(["provider_status": "must be one of ACTIVE, ON_HOLD, CANCELLED, COMPLETED"])) {
                try bad.get()
            }
        }
    }

    @Test func eachWorkflowPullsOnlyItsOwnAndIncrementalPullsUseUpdatedAfter() async throws {
        try await withHarness(.coperniq, count: 5) { harness in
            let client = try #require(harness.provider as? CoperniqClient)
            let workflows = try await client.fetchPipelines()
            let service = try #require(workflows.first { $0.name == "Service" })
            let ticket = Subject.coperniq.completed(
                Opportunity(
                    account: "t", pipelineID: service.id, stageID: service.stages[0].id,
                    name: "Inverter fault", createdAt: Date()))
            let made = try await client.create(ticket)
            #expect(made.pipelineID == service.id)
            #expect(try await harness.pullAll().records.count == 5)
            #expect(
                try await client.pull(pipelineID: service.id, after: nil).opportunities.map(\.remoteID) == [
                    made.remoteID
                ])

            let since = Date()
            try await Task.sleep(for: .milliseconds(20))
            let solar = workflows[0]
            let first = try #require(try await client.pull(pipelineID: solar.id, after: nil).opportunities.first)
            _ = try await client.update(
                remoteID: first.remoteID, patch: OpportunityPatch(name: "Job 1, moved on"),
                current: first.opportunity(account: "t", existing: nil, defaultRank: 0))
            let changed = try await client.pull(pipelineID: solar.id, changedSince: since, after: nil)
            #expect(changed.opportunities.map(\.remoteID) == [first.remoteID])
            #expect(harness.requests.last?.query["updated_after"] != nil)
            #expect(try await client.fetch(remoteID: first.remoteID)?.name == "Job 1, moved on")
            try await client.delete(remoteID: first.remoteID)
            #expect(try await client.fetch(remoteID: first.remoteID) == nil)
        }
    }

    @Test func theDailyBudgetIsCountedShownWhenLowAndNeverOverrun() async throws {
        let fake = try await CoperniqFake.start(apiKey: Harness.token, count: 3, dailyLimit: 20)
        let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
        defer {
            Task {
                try? await http.shutdown(); await fake.stop()
            }
        }
        // Another process of the same key has used 6 already: the provider's count corrects ours.
        let other = CoperniqClient(
            baseURL: fake.baseURL, apiKey: Harness.token, currency: "USD", http: http,
            budget: DailyBudget(limit: 20), retry: Harness.fastRetry)
        for _ in 0..<6 { _ = try await other.fetchPipelines() }
        let budget = DailyBudget(limit: 20, lowMark: 5)
        let client = CoperniqClient(
            baseURL: fake.baseURL, apiKey: Harness.token, currency: "USD", http: http, budget: budget,
            retry: Harness.fastRetry)
        _ = try await client.fetchPipelines()
        #expect(budget.remaining == 13)
        #expect(await client.budgetNotice() == nil)
        for _ in 0..<8 { _ = try await client.fetchPipelines() }
        #expect(await client.budgetNotice() == "Coperniq: 5 of 20 requests left today")
        for _ in 0..<5 { _ = try await client.fetchPipelines() }
        #expect(fake.dailyUsed == 20)
        // Spent: refused here, without a request the provider would count.
        await #expect(throws: ProviderError.self) { try await client.fetchPipelines() }
        #expect(fake.dailyUsed == 20)
        #expect(await client.budgetNotice() == "Coperniq: 0 of 20 requests left today")
    }

    @Test func theProvidersDailyRefusalIsRateLimitedWithItsMessage() async throws {
        let fake = try await CoperniqFake.start(apiKey: Harness.token, count: 1, dailyLimit: 2)
        let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
        defer {
            Task {
                try? await http.shutdown(); await fake.stop()
            }
        }
        // A budget that does not know of the provider's lower limit: the 429 still ends as rate limited.
        let client = CoperniqClient(
            baseURL: fake.baseURL, apiKey: Harness.token, currency: "USD", http: http,
            budget: DailyBudget(limit: 5_000), retry: RetryPolicy(maxAttempts: 1))
        _ = try await client.fetchPipelines()
        _ = try await client.fetchPipelines()
        do {
            _ = try await client.fetchPipelines()
            Issue.record("the third request of a 2-a-day key was accepted")
        } catch let error as ProviderError {
            guard case .rateLimited = error else { Issue.record("expected rateLimited, got \(error)"); return }
        }
    }
}

@Suite struct CoastlineDetailTests {
    @Test func approvalStatusIsTheProviderStatusAndStagesAreNamedFromConfig() async throws {
        try await withHarness(.coastline, count: 9) { harness in
            let pipeline = try #require(try await harness.provider.fetchPipelines().first)
            #expect(pipeline.stages.map(\.name) == ["New Lead", "Estimate Sent", "Stage 0f6c2b1e"])
            let (records, pages) = try await harness.pullAll()
            #expect(pages == 3)
            #expect(records.count == 9)
            #expect(Set(records.compactMap(\.providerStatus)) == ["opportunity", "project", "archived"])
            #expect(records.allSatisfy { $0.status == .open })
            let requests = harness.requests
            #expect(
                requests.allSatisfy {
                    $0.headers["authorization"] == "Bearer \(Harness.token)" && $0.query["limit"] == "100"
                })
        }
    }

    @Test func aCreateTheProviderRefusesCarriesItsMessage() async throws {
        try await withHarness(.coastline, count: 2) { harness in
            let pipeline = try await harness.provider.fetchPipelines()[0]
            let draft = Opportunity(
                account: "t", pipelineID: pipeline.id, stageID: UUID().uuidString.lowercased(), name: "Fence",
                createdAt: Date())
            await #expect(
                throws: ProviderError.rejected(status: 400, message: "stage_id is not a stage of pipeline Sales")
            ) {
                try await harness.provider.create(draft)
            }
        }
    }

    @Test func fetchFindsARecordThroughTheListsAndTellsAGoneOneApart() async throws {
        try await withHarness(.coastline, count: 4) { harness in
            let client = try #require(harness.provider as? CoastlineClient)
            let record = try #require(try await harness.pullAll().records.last)
            #expect(try await client.fetch(remoteID: record.remoteID)?.name == record.name)
            #expect(try await client.fetch(remoteID: UUID().uuidString.lowercased()) == nil)
        }
    }

    /// Each approval status reads as its newest 100 (no paging is published): with full lists an unknown id may be
    /// hidden beyond them, so fetch says it cannot tell instead of calling the record gone.
    @Test func fullListsMakeAnUnknownRecordUnknowableRatherThanGone() async throws {
        try await withHarness(.coastline, count: 330) { harness in
            let (records, pages) = try await harness.pullAll()
            #expect(pages == 3)
            #expect(records.count == 300)
            #expect(Set(records.map(\.remoteID)).count == 300)
            let client = try #require(harness.provider as? CoastlineClient)
            await #expect(throws: ProviderError.unsupported(provider: "Coastline", operation: .update)) {
                try await client.fetch(remoteID: UUID().uuidString.lowercased())
            }
        }
    }
}

@Suite struct DailyBudgetTests {
    @Test func theDaysRequestsAreKeptBetweenRunsAndOldOnesDropped() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("budget-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let now = Date()
        // Two from yesterday (gone), three from today (kept).
        let lines = [-90_000, -86_500, -3_600, -60, -1].map {
            String(format: "%.3f\n", now.addingTimeInterval(Double($0)).timeIntervalSince1970)
        }
        try lines.joined().write(toFile: file, atomically: true, encoding: .utf8)
        let budget = DailyBudget(limit: 10, file: file, clock: { now })
        #expect(budget.remaining == 7)
        let next = DailyBudget(limit: 10, file: file, clock: { now })
        #expect(next.remaining == 7)
        #expect(try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count == 3)
    }
}

extension DailyBudgetTests {
    @Test func aCommandsRequestsCountForTheNextCommand() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("budget-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let fake = try await CoperniqFake.start(apiKey: Harness.token, count: 2)
        let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
        defer {
            Task {
                try? await http.shutdown(); await fake.stop()
            }
        }
        let first = CoperniqClient(
            baseURL: fake.baseURL, apiKey: Harness.token, currency: "USD", http: http,
            budget: DailyBudget(limit: 5_000, file: file), retry: Harness.fastRetry)
        for _ in 0..<3 { _ = try await first.fetchPipelines() }
        #expect(DailyBudget(limit: 5_000, file: file).remaining == 4_997)
    }
}

extension CoperniqDetailTests {
    /// 150 requests as fast as the client goes, against a fake holding the documented 100 a second: the pacer
    /// spreads them so that none is refused (a refusal would throw, as retries are off).
    @Test func pacingKeepsUnderAHundredASecond() async throws {
        let fake = try await CoperniqFake.start(apiKey: Harness.token, count: 1, rateLimit: CoperniqFake.perSecond)
        let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
        defer {
            Task {
                try? await http.shutdown(); await fake.stop()
            }
        }
        let client = CoperniqClient(
            baseURL: fake.baseURL, apiKey: Harness.token, currency: "USD", http: http, pacer: .coperniq(),
            retry: RetryPolicy(maxAttempts: 1))
        let started = ContinuousClock.now
        for _ in 0..<150 { _ = try await client.fetchPipelines() }
        #expect(fake.requests.count == 150)
        // 150 requests at 100 a second (a tenth as burst) cannot take less than about 1.5 s.
        #expect(ContinuousClock.now - started >= .seconds(1))
    }
}

/// BrightMove and Coastline publish no changed-since filter: an incremental pull reads the lists and keeps the
/// records changed since the watermark.
@Suite struct IncrementalPullTests {
    @Test(arguments: [Subject.brightMove, .coastline])
    func onlyRecordsChangedSinceTheWatermarkComeBack(_ subject: Subject) async throws {
        try await withHarness(subject, count: 6) { harness in
            let pipeline = try await harness.provider.fetchPipelines()[0]
            let since = Date()
            try await Task.sleep(for: .milliseconds(20))
            let draft = subject.completed(
                Opportunity(
                    account: "t", pipelineID: pipeline.id, stageID: pipeline.stages[0].id,
                    name: "Fresh one", createdAt: Date()))
            let made = try await harness.provider.create(draft)
            var changed: [RemoteOpportunity] = []
            var cursor: String?
            repeat {
                let page: PullPage =
                    if let client = harness.provider as? BrightMoveClient {
                        try await client.pull(pipelineID: pipeline.id, changedSince: since, after: cursor)
                    } else {
                        try await (harness.provider as! CoastlineClient).pull(
                            pipelineID: pipeline.id, changedSince: since, after: cursor)
                    }
                changed += page.opportunities
                cursor = page.next
            } while cursor != nil
            #expect(changed.map(\.remoteID) == [made.remoteID])
        }
    }
}

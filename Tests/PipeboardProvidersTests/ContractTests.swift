import Foundation
import PipeboardCore
import PipeboardProviders
import ProviderFakes
import TestSupport
import Testing

/// The behaviours every provider must show through `OpportunityProvider`, run against each one.
@Suite struct ContractTests {
    @Test(arguments: Subject.allCases)
    func createListMoveEditStatusDelete(_ subject: Subject) async throws {
        try await withHarness(subject) { harness in
            let provider = harness.provider
            let capabilities = provider.capabilities
            let pipeline = try #require(try await provider.fetchPipelines().first)
            #expect(pipeline.stages.map(\.position) == pipeline.stages.map(\.position).sorted())
            let stages = pipeline.stages
            try #require(stages.count >= 2)
            var draft = subject.completed(
                Opportunity(
                    account: "test", pipelineID: pipeline.id, stageID: stages[0].id, name: "Contract deal",
                    value: Money(micros: 1_250_500_000, currency: "USD"), contactName: "Pat Doe",
                    email: "pat@example.com", createdAt: Date()))
            let created = try await provider.create(draft)
            #expect(created.name == "Contract deal")
            #expect(created.value == Money(micros: 1_250_500_000, currency: "USD"))
            #expect(created.stageID == stages[0].id)
            draft.remoteID = created.remoteID
            #expect(try await harness.pullAll().records.contains { $0.remoteID == created.remoteID })

            let move = OpportunityPatch(stageID: stages[1].id, rank: -5)
            let edit = OpportunityPatch(
                name: "Contract deal, renamed", value: Money(micros: 99_000_000, currency: "USD"))
            if capabilities.contains(.move) {
                _ = try await provider.update(remoteID: created.remoteID, patch: move, current: draft)
                draft.stageID = stages[1].id
            } else {
                try await expectNotOffered(.move, by: provider) {
                    try await provider.update(remoteID: created.remoteID, patch: move, current: draft)
                }
            }
            if capabilities.contains(.update) {
                _ = try await provider.update(remoteID: created.remoteID, patch: edit, current: edit.applied(to: draft))
                draft = edit.applied(to: draft)
            } else {
                try await expectNotOffered(.update, by: provider) {
                    try await provider.update(remoteID: created.remoteID, patch: edit, current: edit.applied(to: draft))
                }
            }
            let won = OpportunityPatch(status: .won)
            if capabilities.contains(.setStatus) {
                _ = try await provider.update(remoteID: created.remoteID, patch: won, current: draft)
                draft.status = .won
            } else {
                try await expectNotOffered(.setStatus, by: provider) {
                    try await provider.update(remoteID: created.remoteID, patch: won, current: draft)
                }
            }
            let after = try #require(try await harness.pullAll().records.first { $0.remoteID == created.remoteID })
            #expect(after.stageID == draft.stageID)
            #expect(after.name == draft.name)
            #expect(after.value?.micros == draft.value?.micros)
            #expect(after.status == draft.status)

            if capabilities.contains(.delete) {
                try await provider.delete(remoteID: created.remoteID)
                #expect(try await harness.pullAll().records.contains { $0.remoteID == created.remoteID } == false)
            } else {
                try await expectNotOffered(.delete, by: provider) {
                    try await provider.delete(remoteID: created.remoteID)
                }
                #expect(try await harness.pullAll().records.contains { $0.remoteID == created.remoteID })
            }
        }
    }

    /// An operation the provider's capabilities leave out fails with the one-line "does not offer" message,
    /// before anything is sent.
    private func expectNotOffered<Answer>(
        _ operation: ProviderOperation, by provider: any OpportunityProvider,
        _ call: () async throws -> Answer
    ) async throws {
        do {
            let answer = try await call()
            Issue.record("\(provider.displayName) accepted \(operation.rawValue) against its capabilities: \(answer)")
        } catch let error as ProviderError {
            #expect(error == .unsupported(provider: provider.displayName, operation: operation))
            #expect(error.description == "\(provider.displayName)'s API does not offer \(operation.verb)")
        }
    }

    @Test(arguments: Subject.allCases)
    func pagingWalksMoreThanTwoPagesWithoutRepeats(_ subject: Subject) async throws {
        // Twenty's pages hold 200.
        let count = subject == .twenty ? 450 : 250
        try await withHarness(subject, count: count) { harness in
            let (records, pages) = try await harness.pullAll()
            #expect(pages >= 3)
            #expect(records.count == count)
            #expect(Set(records.map(\.remoteID)).count == count)
        }
    }

    @Test(arguments: Subject.http)
    func aBadTokenIsUnauthorizedWithTheProvidersMessage(_ subject: Subject) async throws {
        try await withHarness(subject, token: "wrong-test-token") { harness in
            let expected =
                switch subject {
                case .highLevel: "Invalid token: access token is invalid"
                case .brightMove: "Invalid or missing API key"
                case .coperniq: "Invalid API key"
                case .coastline: "Invalid or revoked API key"
                default: "Token invalid."
                }
            await #expect(throws: ProviderError.unauthorized(expected)) { try await harness.provider.fetchPipelines() }
            #expect(harness.requestCount == 1) // 401 is never retried
        }
    }

    @Test(arguments: Subject.http)
    func aRefusedChangeIsRejectedWithTheProvidersMessage(_ subject: Subject) async throws {
        // The stage is one the provider does not have, on purpose: that request is left out of the spec check.
        let onPurpose = { (request: RecordedRequest) in
            request.body.contains("NO_SUCH_STAGE") || request.body.contains("999999")
        }
        try await withHarness(subject, unchecked: onPurpose) { harness in
            let record = try #require(try await harness.pullAll().records.first)
            let current = record.opportunity(account: "test", existing: nil, defaultRank: 0)
            let before = harness.requestCount
            let (stage, expected): (String, ProviderError) =
                switch subject {
                case .highLevel: ("NO_SUCH_STAGE", .rejected(status: 400, message: "Pipeline stage not found"))
                case .twenty:
                    (
                        "NO_SUCH_STAGE",
                        .rejected(status: 400, message: "Invalid value 'NO_SUCH_STAGE' for field \"stage\"")
                    )
                case .brightMove:
                    (
                        "NO_SUCH_STAGE",
                        .rejected(status: 400, message: "Stage 'NO_SUCH_STAGE' does not exist for this company")
                    )
                case .coperniq:
                    ("999999", .rejected(status: 400, message: "phaseId: Phase 999999 does not belong to workflow 101"))
                default: ("NO_SUCH_STAGE", .unsupported(provider: harness.provider.displayName, operation: .move))
                }
            await #expect(throws: expected) {
                try await harness.provider.update(
                    remoteID: record.remoteID, patch: OpportunityPatch(stageID: stage), current: current)
            }
            // Sent once and not retried; a move the API does not offer is not sent at all.
            #expect(harness.requestCount == before + (harness.provider.capabilities.contains(.move) ? 1 : 0))
        }
    }

    @Test func highLevels422MessageArrayIsJoined() async throws {
        // The incomplete create is this test's own, sent past the client: it is left out of the spec check.
        try await withHarness(.highLevel, unchecked: { $0.method == "POST" }) { harness in
            let fake = try #require(harness.highLevel)
            let transport = HTTPTransport(
                http: .shared, baseURL: fake.baseURL,
                headers: [("Authorization", "Bearer \(Harness.token)"), ("Version", "2021-07-28")],
                secrets: [Harness.token], pacer: Pacer(limit: 1_000, per: .seconds(1)),
                retry: Harness.fastRetry, logger: .init(label: "test"))
            let body = Data(#"{"locationId":"\#(fake.locationID)","status":"open"}"#.utf8)
            await #expect(
                throws: ProviderError.rejected(
                    status: 422,
                    message: "pipelineId should not be empty; name should not be empty; contactId should not be empty")
            ) {
                try await transport.send(.POST, "/opportunities/", json: body)
            }
        }
    }

    @Test(arguments: Subject.http)
    func rateLimitedThenSucceeds(_ subject: Subject) async throws {
        try await withHarness(subject) { harness in
            // Some providers need several calls for their pipelines (Coastline reads three lists).
            _ = try await harness.provider.fetchPipelines()
            let calls = harness.requestCount
            harness.faults?.rateLimitNext(1)
            let pipelines = try await harness.provider.fetchPipelines()
            #expect(!pipelines.isEmpty)
            #expect(harness.requestCount == 2 * calls + 1)
        }
    }

    @Test(arguments: Subject.http)
    func brokenJSONIsAClearErrorNotACrash(_ subject: Subject) async throws {
        try await withHarness(subject) { harness in
            harness.faults?.garbleNext(1)
            do {
                _ = try await harness.provider.fetchPipelines()
                Issue.record("a broken answer was accepted")
            } catch let error as ProviderError {
                guard case .invalidResponse(let reason) = error else {
                    Issue.record("expected invalidResponse, got \(error)"); return
                }
                #expect(!reason.isEmpty && !reason.contains("\n"), "\(reason)")
            }
            // The next answer is whole again, and the provider is usable.
            #expect(try await !harness.provider.fetchPipelines().isEmpty)
        }
    }

    @Test(arguments: Subject.http)
    func aTimeoutThenSucceeds(_ subject: Subject) async throws {
        try await withHarness(subject) { harness in
            harness.faults?.slowNext(1, by: .seconds(6))
            let pulled = try await harness.pullAll()
            #expect(!pulled.records.isEmpty)
        }
    }

    @Test(arguments: Subject.http)
    func serverErrorsAndADroppedConnectionThenSucceed(_ subject: Subject) async throws {
        try await withHarness(subject) { harness in
            harness.faults?.failNext(2, status: 503)
            let pipelines = try await harness.provider.fetchPipelines()
            #expect(!pipelines.isEmpty)
            harness.faults?.dropNext(1)
            #expect(try await harness.provider.fetchPipelines() == pipelines)
        }
    }

    @Test(arguments: Subject.http)
    func aCreateWhoseAnswerIsLostIsNotMadeTwice(_ subject: Subject) async throws {
        try await withHarness(subject, count: 0) { harness in
            let pipeline = try #require(try await harness.provider.fetchPipelines().first)
            harness.faults?.loseResponseOfNextWrites(1)
            let draft = subject.completed(
                Opportunity(
                    account: "test", pipelineID: pipeline.id, stageID: pipeline.stages[0].id,
                    name: "Once only", email: "once@example.com", createdAt: Date()))
            let created = try await harness.provider.create(draft)
            let stored = try await harness.pullAll().records.filter { $0.name == "Once only" }
            #expect(stored.map(\.remoteID) == [created.remoteID])
        }
    }

    /// Two new cards of one name (two "Renewal" deals of one client): the record made for the first is held by
    /// it, so the second's create makes its own, also when its answer is lost, instead of taking the first's.
    @Test(arguments: [Subject.highLevel, .brightMove, .coastline])
    func aRecordHeldByAnotherCardIsNeverTakenForAnEarlierTry(_ subject: Subject) async throws {
        try await withHarness(subject, count: 0) { harness in
            let pipeline = try #require(try await harness.provider.fetchPipelines().first)
            let drafts = (0..<3).map { _ in
                subject.completed(
                    Opportunity(
                        account: "test", pipelineID: pipeline.id, stageID: pipeline.stages[0].id,
                        name: "Renewal", email: "renewal@example.com", createdAt: Date()))
            }
            let first = try await harness.provider.create(drafts[0])
            let second = try await harness.provider.create(drafts[1], heldByOtherCards: { $0 == first.remoteID })
            let held: Set = [first.remoteID, second.remoteID]
            #expect(held.count == 2)
            harness.faults?.loseResponseOfNextWrites(1)
            let third = try await harness.provider.create(drafts[2], heldByOtherCards: { held.contains($0) })
            #expect(!held.contains(third.remoteID))
            let stored = try await harness.pullAll().records.filter { $0.name == "Renewal" }
            #expect(Set(stored.map(\.remoteID)) == held.union([third.remoteID]) && stored.count == 3)
        }
    }
}

import AsyncHTTPClient
import Foundation
import Logging
import PipeboardCore
import PipeboardProviders
import ProviderFakes
import TestSupport
import Testing

/// How many requests reading the open tasks of a pipeline's deals costs, deal by deal and in bulk (the figures in
/// docs/providers.md).
@Suite struct ActivityRequestCountTests {
    static let deals = 250
    static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The pulled deals of a client's first pipeline, and the requests the pull took.
    static func pulled(_ provider: any OpportunityProvider) async throws -> [Opportunity] {
        let pipeline = try #require(try await provider.fetchPipelines().first)
        var deals: [Opportunity] = []
        var cursor: String?
        repeat {
            let page = try await provider.pull(pipelineID: pipeline.id, after: cursor)
            deals += page.opportunities.map { $0.opportunity(account: "test", existing: nil, defaultRank: 0) }
            cursor = page.next
        } while cursor != nil
        return deals
    }

    /// 250 deals, one open task each: a read of each deal's contact's tasks, and one of its notes. There is no
    /// bulk read to use instead.
    @Test func highLevel() async throws {
        let fake = try await HighLevelFake.start(
            token: Harness.token, count: Self.deals, rateLimit: RateLimit(limit: 100_000, interval: .seconds(1)))
        let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
        let client = HighLevelClient(
            baseURL: fake.baseURL, token: Harness.token, locationID: fake.locationID, currency: "USD", http: http,
            pacer: Pacer(limit: 100_000, per: .seconds(1)), retry: Harness.fastRetry, logger: Self.logger)
        defer { _ = http.shutdown() }
        for contact in fake.contacts { fake.addTask(contactID: contact.id, title: "Follow up", due: Date()) }
        let deals = try await Self.pulled(client)
        let pull = fake.requests.count
        #expect(pull == 1 + 3) // pipelines, then 100 a page

        for deal in deals { #expect(try await client.tasks(of: deal).count == 1) }
        #expect(fake.requests.count - pull == Self.deals)
        for deal in deals { _ = try await client.notes(of: deal) }
        #expect(fake.requests.count - pull == 2 * Self.deals)
        await #expect(throws: ProviderError.unsupported(provider: "HighLevel", operation: .listPipelineTasks)) {
            try await client.openTasks(pipelineID: deals[0].pipelineID)
        }
        await fake.stop()
    }

    /// 250 deals, one open task each, and 50 done: per deal one read of its task targets; in bulk one read per 200
    /// open tasks (with their targets), after one of the metadata API (the board's stage read learns it too).
    @Test(arguments: [TwentyFake.TargetFields.current, .legacy])
    func twenty(_ fields: TwentyFake.TargetFields) async throws {
        let fake = try await TwentyFake.start(
            token: Harness.token, count: Self.deals, rateLimit: RateLimit(limit: 100_000, interval: .seconds(1)))
        fake.targetFields = fields
        let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
        let client = TwentyClient(
            baseURL: fake.baseURL, token: Harness.token, defaultCurrency: "USD", http: http,
            pacer: Pacer(limit: 100_000, per: .seconds(1)), retry: Harness.fastRetry, logger: Self.logger)
        defer { _ = http.shutdown() }
        for (index, record) in fake.opportunities.enumerated() {
            let task = fake.insert(
                "tasks", ["title": .string("Follow up"), "status": .string(index < 50 ? "DONE" : "TODO")])
            fake.insert("taskTargets", ["taskId": .string(task), "targetOpportunityId": .string(record.id)])
            if index < 50 {
                let open = fake.insert("tasks", ["title": .string("Call"), "status": .string("TODO")])
                fake.insert("taskTargets", ["taskId": .string(open), "targetOpportunityId": .string(record.id)])
            }
        }
        let deals = try await Self.pulled(client)
        let pull = fake.requests.count
        #expect(pull == 1 + 2) // metadata (stages and link fields), then 200 a page

        for deal in deals { _ = try await client.tasks(of: deal) }
        #expect(fake.requests.count - pull == Self.deals)

        let before = fake.requests.count
        let open = try await client.openTasks(pipelineID: deals[0].pipelineID)
        #expect(fake.requests.count - before == 2) // 250 open tasks: 200, then 50
        #expect(open.count == Self.deals)
        #expect(open.values.map(\.count).reduce(0, +) == Self.deals)
        await fake.stop()
    }
}

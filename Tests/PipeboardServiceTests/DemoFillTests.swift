import Foundation
import PipeboardCore
import PipeboardService
import PipeboardStore
import Testing

/// `pipeboard demo --cards N` adds to a workspace: the deals a seed makes that are there already (a first run's
/// are seed 1's first) keep what was done to them, and the count says what was really added.
@Suite struct DemoFillTests {
    @Test func aFillOverTheFirstRunsDealsLeavesThemAsTheyAre() async throws {
        let bench = try await Workbench().seeded()
        defer { bench.cleanUp() }
        let starters = try await bench.service.list(account: nil, pipeline: nil, stage: nil, statuses: [])
        let first = try #require(DemoData.opportunities(count: 1, seed: 1, account: "local", now: Workbench.now).first)
        #expect(starters.contains { $0.id == first.id })
        _ = try await bench.service.edit(id: first.id, input: ["name": "My renamed deal", "value": "7"])
        #expect(await bench.service.syncAll(full: false).isEmpty)

        #expect(try await bench.service.fillDemo(account: nil, count: 1, seed: 1) == 0)
        #expect(try await bench.service.fillDemo(account: nil, count: DemoData.starterCount + 5, seed: 1) == 5)
        try await bench.service.pull(account: nil)
        let after = try await bench.service.list(account: nil, pipeline: nil, stage: nil, statuses: [])
        #expect(after.count == starters.count + 5)
        let edited = try #require(after.first { $0.id == first.id })
        #expect(edited.name == "My renamed deal")
        #expect(edited.value == Money(decimal: "7", currency: "USD"))
        // The workspace itself keeps the edit (a cache rebuilt from it would show it).
        let remoteID = try #require(edited.remoteID)
        #expect(try await bench.local.fetch(remoteID: remoteID)?.name == "My renamed deal")
    }
}

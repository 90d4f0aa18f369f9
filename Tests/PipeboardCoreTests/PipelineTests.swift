import Foundation
import Testing
@testable import PipeboardCore

@Suite struct PipelineTests {
    @Test func findsStagesByIdNameAndUniquePrefix() {
        let pipeline = DemoData.pipeline
        #expect(pipeline.stage(matching: "lead")?.name == "Lead")
        #expect(pipeline.stage(matching: "Negotiation")?.id == "negotiation")
        #expect(pipeline.stage(matching: "QUAL")?.id == "qualified")
        #expect(pipeline.stage(matching: "x") == nil)
    }

    @Test func ordersStagesByPosition() {
        let pipeline = Pipeline(
            id: "p", name: "P",
            stages: [Stage(id: "b", name: "B", position: 2), Stage(id: "a", name: "A", position: 1)])
        #expect(pipeline.stages.map(\.id) == ["a", "b"])
    }

    @Test func demoDataIsReproducibleAndSpread() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let first = DemoData.opportunities(count: 200, seed: 7, account: "local", now: now)
        #expect(first == DemoData.opportunities(count: 200, seed: 7, account: "local", now: now))
        #expect(first != DemoData.opportunities(count: 200, seed: 8, account: "local", now: now))
        #expect(Set(first.map(\.stageID)) == Set(DemoData.pipeline.stages.map(\.id)))
        #expect(Set(first.map(\.id)).count == 200)
        // Won and lost are statuses of deals in the open stages, not stages of their own.
        #expect(!DemoData.pipeline.stages.contains { ["won", "lost"].contains($0.name.lowercased()) })
        #expect(first.contains { $0.status == .won } && first.contains { $0.status == .lost })
        #expect(first.allSatisfy { $0.value.map { !$0.isNegative } ?? false })
    }

    /// `pipeboard demo` makes its deals one at a time: the same deals as batches made one after another, each with
    /// its own seed and ranks that follow the batch before.
    @Test func demoStreamMakesTheDealsOfItsBatches() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let streamed = Array(DemoData.Stream(count: 250, seed: 7, account: "local", now: now, batch: 100))
        let batches = stride(from: 0, to: 250, by: 100).flatMap { start in
            DemoData.opportunities(
                count: min(100, 250 - start), seed: 7 &+ UInt64(start), account: "local", now: now,
                firstRank: Int64(start))
        }
        #expect(streamed.count == 250)
        #expect(streamed == batches)
        #expect(Set(streamed.map(\.id)).count == 250)
        #expect(Array(DemoData.Stream(count: 0, seed: 7, account: "local", now: now)).isEmpty)
    }

    /// The cache and the workspace index deals by id: a fill's ids sort in the order its deals are made (across its
    /// batches too), so that they add to one end of those indexes. The short ids (eight hex digits) still differ.
    @Test func demoIDsSortInTheOrderMade() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let keys = DemoData.Stream(count: 2_500, seed: 7, account: "local", now: now, batch: 1_000)
            .map { $0.id.uuidString.lowercased() }
        #expect(keys == keys.sorted())
        #expect(Set(keys.map { $0.prefix(8) }).count == 2_500)
        // Another seed starts elsewhere, and the ids are still UUIDs (of version 8, a layout of their own).
        let other = DemoData.opportunities(count: 1, seed: 8, account: "local", now: now)[0].id.uuidString.lowercased()
        #expect(other.prefix(8) != keys[0].prefix(8))
        #expect(keys.allSatisfy { UUID(uuidString: $0) != nil && Array($0)[14] == "8" })
    }
}

import Foundation
import Testing
@testable import PipeboardCore

@Suite struct PipelineTests {
    @Test func findsStagesByIdNameAndUniquePrefix() {
        let pipeline = DemoData.pipeline
        #expect(pipeline.stage(matching: "won")?.name == "Won")
        #expect(pipeline.stage(matching: "Negotiation")?.id == "negotiation")
        #expect(pipeline.stage(matching: "QUAL")?.id == "qualified")
        #expect(pipeline.stage(matching: "x") == nil)
    }

    @Test func ordersStagesByPosition() {
        let pipeline = Pipeline(id: "p", name: "P", stages: [Stage(id: "b", name: "B", position: 2), Stage(id: "a", name: "A", position: 1)])
        #expect(pipeline.stages.map(\.id) == ["a", "b"])
    }

    @Test func demoDataIsReproducibleAndSpread() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let first = DemoData.opportunities(count: 200, seed: 7, account: "local", now: now)
        #expect(first == DemoData.opportunities(count: 200, seed: 7, account: "local", now: now))
        #expect(first != DemoData.opportunities(count: 200, seed: 8, account: "local", now: now))
        #expect(Set(first.map(\.stageID)) == Set(DemoData.pipeline.stages.map(\.id)))
        #expect(Set(first.map(\.id)).count == 200)
        #expect(first.allSatisfy { $0.value.map { !$0.isNegative } ?? false })
    }
}

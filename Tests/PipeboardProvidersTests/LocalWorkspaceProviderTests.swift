import Foundation
import GRDB
import PipeboardCore
import PipeboardProviders
import Testing

@Suite struct LocalWorkspaceProviderTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-local-\(UUID().uuidString)")
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func provider(pageSize: Int = 1_000) throws -> LocalWorkspaceProvider {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try LocalWorkspaceProvider(path: folder.appendingPathComponent("w.sqlite").path, pageSize: pageSize)
    }

    @Test func keepsPipelinesAndOffersEverything() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let local = try provider()
        #expect(try local.isEmpty())
        try local.savePipeline(DemoData.pipeline, position: 0)
        #expect(try await local.fetchPipelines() == [DemoData.pipeline])
        #expect(local.capabilities == Capabilities.all.union([.lostReason, .notes, .tasks]))
    }

    @Test func createUpdateDeleteRoundTrip() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let local = try provider()
        let draft = Opportunity(
            account: "local", pipelineID: "sales", stageID: "lead", name: "Acme",
            value: Money(micros: 5_000_000, currency: "USD"), createdAt: now)
        let created = try await local.create(draft)
        #expect(created.remoteID == draft.id.uuidString.lowercased())
        #expect(created.localID == draft.id)
        let moved = try await local.update(
            remoteID: created.remoteID, patch: OpportunityPatch(stageID: "won", status: .won), current: draft)
        #expect(moved?.stageID == "won")
        #expect(moved?.status == .won)
        #expect(moved?.value == draft.value)
        try await local.delete(remoteID: created.remoteID)
        await #expect(throws: ProviderError.self) { try await local.delete(remoteID: created.remoteID) }
        await #expect(throws: ProviderError.self) {
            _ = try await local.update(remoteID: created.remoteID, patch: OpportunityPatch(name: "x"), current: draft)
        }
    }

    @Test func pullPagesInChangeOrderUntilTheEnd() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let local = try provider(pageSize: 40)
        try local.insertMany(DemoData.opportunities(count: 100, seed: 2, account: "local", now: now))
        var cursor: String?
        var seen: [String] = []
        var pages = 0
        repeat {
            let page = try await local.pull(pipelineID: "sales", after: cursor)
            seen += page.opportunities.map(\.remoteID)
            cursor = page.next
            pages += 1
        } while cursor != nil
        #expect(pages == 3)
        #expect(Set(seen).count == 100)
        #expect(try await local.pull(pipelineID: "other", after: nil).opportunities.isEmpty)
    }

    /// The board and a script share a workspace: a write waits for the other process's instead of failing.
    @Test func aWriteWaitsForAnotherWriterOfTheFile() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let local = try provider()
        let other = try DatabaseQueue(path: folder.appendingPathComponent("w.sqlite").path)
        let holding = DispatchSemaphore(value: 0)
        let holder = Thread {
            try? other.inTransaction(.exclusive) { _ in
                holding.signal()
                Thread.sleep(forTimeInterval: 0.5)
                return .commit
            }
        }
        holder.start()
        holding.wait()
        let draft = Opportunity(
            account: "local", pipelineID: "sales", stageID: "lead", name: "While locked", createdAt: now)
        let created = try await local.create(draft)
        #expect(created.localID == draft.id)
    }
}

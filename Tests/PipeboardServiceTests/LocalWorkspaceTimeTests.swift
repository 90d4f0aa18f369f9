import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import Testing

/// The local workspace and the cache keep times to one precision, the millisecond (as providers give them and as
/// undo steps keep them): a move taken back by undo restores the stage time the workspace gave, and a pull right
/// after a local move finds nothing changed.
@Suite struct LocalWorkspaceTimeTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-times-\(UUID().uuidString)")

    /// A wall-clock time with microseconds that milliseconds since 1970 in JSON do not give back bit for bit.
    static let wallClock: Date = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        var seconds = 818_318_644.946_342
        while true {
            let date = Date(timeIntervalSinceReferenceDate: seconds)
            if let back = try? decoder.decode([Date].self, from: encoder.encode([date])), back != [date] { return date }
            seconds += 0.000_001_7
        }
    }()

    /// A workspace of three deals made at `wallClock`, and a service over it with `clock` (the default if nil).
    func service(clock: (@Sendable () -> Date)?) throws -> (BoardService, CacheStore, [Opportunity]) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let local = try LocalWorkspaceProvider(path: folder.appendingPathComponent("workspace.sqlite").path)
        try local.savePipeline(DemoData.pipeline, position: 0)
        let deals = (1...3).map {
            Opportunity(
                account: "local", pipelineID: "sales", stageID: "lead", name: "Deal \($0)", createdAt: Self.wallClock)
        }
        try local.insertMany(deals)
        let store = try CacheStore.inMemory()
        let account = Account(config: .local, provider: local)
        let service =
            if let clock { BoardService(store: store, accounts: [account], clock: clock) } else {
                BoardService(store: store, accounts: [account])
            }
        return (service, store, deals)
    }

    @Test func aMoveTakenBackByUndoKeepsTheStageTimeTheWorkspaceGave() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let movedAt = Date(timeIntervalSinceReferenceDate: 820_000_000)
        let (service, store, deals) = try service(clock: { movedAt })
        try await service.pull(account: "local")
        let pulled = try #require(try store.opportunity(id: deals[0].id))
        _ = try await service.move(id: deals[0].id, toStage: "proposal")
        _ = try await service.push(account: "local")
        #expect(try store.opportunity(id: deals[0].id)?.stageChangedAt == movedAt)
        _ = try await service.undo()
        _ = try await service.push(account: "local")
        let undone = try #require(try store.opportunity(id: deals[0].id))
        #expect(undone.stageID == "lead")
        #expect(undone.stageChangedAt == pulled.stageChangedAt)
        // The workspace holds the same time: a pull keeps it.
        try await service.pull(account: "local")
        #expect(try store.opportunity(id: deals[0].id)?.stageChangedAt == pulled.stageChangedAt)
    }

    /// With the service's own clock: the workspace gives back the very times the cache stamped.
    @Test func aPullRightAfterALocalMoveChangesNoCard() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (service, store, deals) = try service(clock: nil)
        try await service.pull(account: "local")
        _ = try await service.move(id: deals[1].id, toStage: "qualified")
        _ = try await service.push(account: "local")
        let cards = try store.opportunities(account: "local", pipelineID: "sales", stageID: nil, statuses: [])
        try await service.pull(account: "local")
        #expect(try store.opportunities(account: "local", pipelineID: "sales", stageID: nil, statuses: []) == cards)
        let moved = try #require(cards.first { $0.id == deals[1].id })
        #expect(moved.stageID == "qualified" && moved.stageChangedAt == moved.stageChangedAt.toTheMillisecond)
        #expect(try await service.history(id: deals[1].id).filter { $0.origin == .provider }.isEmpty)
    }
}

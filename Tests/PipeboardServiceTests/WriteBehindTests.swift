import Foundation
import PipeboardCore
@testable import PipeboardService
import PipeboardStore
import Testing

/// Pulled pages stored many per commit (`WriteBehind`): fast pages are gathered up to the limit, slow ones are
/// stored at once, commits keep the pages' order, and `finish` stores the rest.
@Suite("WriteBehind: a pull's pages are stored a few pages per commit")
struct WriteBehindTests {
    /// What each commit stored, in order.
    final class Commits: @unchecked Sendable {
        private let lock = NSLock()
        private var batches: [[String]] = []
        private var askedAt: [DeliveryMark?] = []
        var all: [[String]] { lock.withLock { batches } }
        var marks: [DeliveryMark?] { lock.withLock { askedAt } }
        func record(_ records: [RemoteOpportunity], askedAt mark: DeliveryMark? = nil) -> Int {
            lock.withLock {
                batches.append(records.map(\.remoteID))
                askedAt.append(mark)
            }
            return records.count
        }
    }

    static func page(_ number: Int, size: Int = 100) -> [RemoteOpportunity] {
        (0..<size).map { index in
            RemoteOpportunity(
                remoteID: "r-\(number)-\(index)", pipelineID: "p", stageID: "s", name: "Deal",
                createdAt: Date(timeIntervalSinceReferenceDate: 0), updatedAt: Date(timeIntervalSinceReferenceDate: 0))
        }
    }

    @Test("pages that come fast go into one commit until the limit; the rest when finished; order kept")
    func fastPagesAreGathered() async throws {
        let commits = Commits()
        let writer = WriteBehind(limit: 250) { records, _ in commits.record(records) }
        for number in 0..<7 { try await writer.add(Self.page(number)) }
        try await writer.finish()
        #expect(commits.all.map(\.count) == [300, 300, 100])
        #expect(commits.all.joined().map { $0 } == (0..<7).flatMap { Self.page($0).map(\.remoteID) })
        #expect(writer.written == 700)
    }

    @Test("a page that was slow to come is stored at once")
    func slowPagesAreStoredAtOnce() async throws {
        let commits = Commits()
        let writer = WriteBehind(limit: 10_000) { records, _ in commits.record(records) }
        try await writer.add(Self.page(0))
        for number in 1..<3 {
            try await Task.sleep(for: WriteBehind.slowPage + .milliseconds(50))
            try await writer.add(Self.page(number))
        }
        try await writer.finish()
        #expect(commits.all.map(\.count) == [200, 100])
        #expect(writer.written == 300)
    }

    @Test("a failed commit's error reaches the pull")
    func failuresReachThePull() async throws {
        struct Refused: Error {}
        let writer = WriteBehind(limit: 100) { _, _ in throw Refused() }
        try await writer.add(Self.page(0))
        await #expect(throws: Refused.self) { try await writer.finish() }
    }

    @Test("each commit is told the earliest mark its pages were asked for at")
    func commitsKnowTheirEarliestMark() async throws {
        let commits = Commits()
        let writer = WriteBehind(limit: 200) { records, askedAt in commits.record(records, askedAt: askedAt) }
        try await writer.add(Self.page(0), askedAt: DeliveryMark(sequence: 4))
        try await writer.add(Self.page(1), askedAt: DeliveryMark(sequence: 7))
        try await writer.add(Self.page(2), askedAt: DeliveryMark(sequence: 9))
        try await writer.finish()
        #expect(commits.marks == [DeliveryMark(sequence: 4), DeliveryMark(sequence: 9)])
    }
}

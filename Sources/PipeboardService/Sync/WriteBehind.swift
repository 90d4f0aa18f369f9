import Foundation
import PipeboardCore
import PipeboardStore

/// Stores a pull's pages behind its fetching, many pages per commit: each commit writes every index page its cards
/// touch, and consecutive pages share most of them, so a fast pull writes far fewer pages than one commit per page
/// did. Pages wait until `limit` records are waiting, or one has waited a second; a page that was slow to come is
/// stored at once (a slow provider's cards still show page by page). One commit runs at a time, on a queue of its
/// own, while the next pages are fetched: a commit blocks its thread for tens of milliseconds, and on one of the
/// few threads Swift's tasks share it stalled the fetching (a 50k pull: about 20k → 27k records stored per second).
///
/// Commits run in the order the pages came. `finish` waits for the last one; after an error, what was received
/// is still stored (`finish` again). Each commit is told the earliest mark its pages were asked for at.
final class WriteBehind {
    private let write: @Sendable ([RemoteOpportunity], DeliveryMark?) throws -> Int
    private let limit: Int
    private var waiting: [RemoteOpportunity] = []
    private var waitingAskedAt: DeliveryMark?
    private var running: Task<Int, any Error>?
    private let queue = DispatchQueue(label: "pipeboard.write-behind")
    private var lastPage: ContinuousClock.Instant?
    private var oldestWaiting = ContinuousClock.now
    /// Records stored by the commits that have ended.
    private(set) var written = 0

    init(
        limit: Int, write: @escaping @Sendable (_ records: [RemoteOpportunity], _ askedAt: DeliveryMark?) throws -> Int
    ) {
        self.limit = limit
        self.write = write
    }

    /// `askedAt`: the mark the page was asked for at (`mergePulled`).
    func add(
        _ records: [RemoteOpportunity], askedAt: DeliveryMark? = nil, isolation: isolated (any Actor)? = #isolation
    ) async throws {
        let now = ContinuousClock.now
        defer { lastPage = now }
        if waiting.isEmpty { oldestWaiting = now }
        waiting += records
        if let askedAt { waitingAskedAt = min(waitingAskedAt ?? askedAt, askedAt) }
        // Pages that come slowly are paced by the provider: storing each at once costs the pull nothing.
        let slow = lastPage.map { now - $0 >= Self.slowPage } ?? false
        if waiting.count >= limit || slow || now - oldestWaiting >= Self.longestWait { try await commitWaiting() }
    }

    /// A page that took this long to come is stored at once.
    static let slowPage = Duration.milliseconds(250)
    /// No page waits longer than this (counted when the next one comes) for its commit to start.
    static let longestWait = Duration.seconds(1)

    /// Waits for the running commit, then stores what is waiting and waits for that too.
    func finish(isolation: isolated (any Actor)? = #isolation) async throws {
        try await commitWaiting()
        try await awaitRunning()
    }

    /// Waits for the running commit (if any) and starts one with the waiting records.
    private func commitWaiting(isolation: isolated (any Actor)? = #isolation) async throws {
        try await awaitRunning()
        guard !waiting.isEmpty else { return }
        let (batch, askedAt) = (waiting, waitingAskedAt)
        waiting = []
        waitingAskedAt = nil
        let (write, queue) = (write, queue)
        running = Task {
            try await withCheckedThrowingContinuation { continuation in
                queue.async { continuation.resume(with: Result { try write(batch, askedAt) }) }
            }
        }
    }

    private func awaitRunning(isolation: isolated (any Actor)? = #isolation) async throws {
        guard let task = running else { return }
        running = nil
        written += try await task.value
    }
}

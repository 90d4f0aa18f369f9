import Foundation
import PipeboardProviders
import ProviderFakes
import Testing

/// The board's background sync against a HighLevel fake on loopback: each sync starts an interval after the one
/// before ended, so a provider slower than the interval never has syncs pile up over a long session.
@Suite(.serialized) struct BackgroundSyncTests {
    @Test func syncsFollowOneAnotherWhenTheProviderIsSlowerThanTheInterval() async throws {
        let retry = RetryPolicy(maxAttempts: 1, requestTimeout: .seconds(10))
        try await withHighLevelBoard(retry: retry, configure: { $0.syncInterval = 1 }) { fake, board in
            let before = fake.requests.count
            // Every answer takes 1.5 s: a sync (the pipelines, then a page of deals) takes 3 s or more.
            fake.faults.latency = .milliseconds(1_500)
            try await Task.sleep(for: .seconds(6))
            let syncs = fake.requests.dropFirst(before).filter { $0.path == "/opportunities/pipelines" }.count
            fake.faults.latency = .zero
            // One after another: a sync at 1 s, the next at 5 s or later. Piled up: one a second, 5 or 6.
            #expect(syncs >= 1)
            #expect(syncs <= 2, "\(syncs) syncs started in 6 s against a provider that answers in 1.5 s")
            #expect(try board.quit())
        }
    }
}

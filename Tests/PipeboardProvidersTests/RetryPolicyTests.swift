import PipeboardCore
import PipeboardProviders
import Testing

@Suite struct RetryPolicyTests {
    /// The provider clients' default: four tries, waiting as `Backoff.request` says between them.
    @Test func theDefaultPolicyWaitsAsTheRequestBackoffSays() {
        let policy = RetryPolicy()
        #expect(policy.maxAttempts == 4)
        #expect(policy.backoff == .request)
        #expect(
            RetryPolicy(baseDelay: .milliseconds(1), maxDelay: .milliseconds(2)).backoff
                == Backoff(base: .milliseconds(1), cap: .milliseconds(2)))
    }
}

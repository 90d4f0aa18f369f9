import PipeboardCore
import Testing

/// One backoff for the transport's tries and the outbox's deliveries, each with its own figures.
@Suite struct BackoffTests {
    @Test func theRequestsCeilingDoublesFromHalfASecondToEight() {
        let ceilings = (0..<7).map { Backoff.request.ceiling(attempt: $0) }
        #expect(
            ceilings == [
                .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8),
                .seconds(8),
            ])
    }

    @Test func theOutboxsCeilingDoublesFromOneSecondToFiveMinutes() {
        let ceilings = (0..<11).map { Backoff.outbox.ceiling(attempt: $0) }
        #expect(ceilings == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300].map { Duration.seconds($0) })
        #expect(Backoff.outbox.ceiling(attempt: 10_000) == .seconds(300))
    }

    /// Full jitter: anywhere from zero to the ceiling, not always the same.
    @Test func aDelayIsRandomWithinTheCeiling() {
        let delays = (0..<200).map { _ in Backoff.outbox.delay(attempt: 3) }
        #expect(delays.allSatisfy { $0 >= .zero && $0 <= .seconds(8) })
        #expect(Set(delays.map { $0.components.seconds }).count > 3)
    }

    @Test func aProvidersOwnLongerDelayWins() {
        #expect(Backoff.request.delay(attempt: 0, requested: .seconds(20)) == .seconds(20))
        #expect(Backoff.outbox.delay(attempt: 0, requested: .milliseconds(1)) <= .seconds(1))
    }
}

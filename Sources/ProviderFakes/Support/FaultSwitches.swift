import Foundation

/// Faults a test can turn on while a fake runs. Each "next N" switch counts down as requests arrive.
package final class FaultSwitches: Sendable {
    struct State {
        var latency: Duration = .zero
        var slow = 0
        var slowBy: Duration = .zero
        var failures = 0
        var failureStatus = 500
        var drops = 0
        var lostWrites = 0
        var rateLimited = 0
        var garbled = 0
        var rewrites: [@Sendable (Data) -> Data] = []
        var revoked = false
        var revokeAfterWrites = 0
        var held: [HeldRequest] = []
    }

    enum Fault { case fail(status: Int), drop, rateLimit }

    private let state = Locked(State())

    package init() {}

    /// Added to every request.
    package var latency: Duration {
        get { state.withLock { $0.latency } }
        set { state.withLock { $0.latency = newValue } }
    }

    /// The next `count` requests wait `delay` before being handled (to outlast a client's timeout).
    package func slowNext(_ count: Int, by delay: Duration) {
        state.withLock {
            $0.slow = count; $0.slowBy = delay
        }
    }
    /// The next `count` requests are answered with `status` (a 5xx) and the provider's error body.
    package func failNext(_ count: Int, status: Int = 500) {
        state.withLock {
            $0.failures = count; $0.failureStatus = status
        }
    }
    /// The next `count` requests get their connection closed without an answer.
    package func dropNext(_ count: Int) { state.withLock { $0.drops = count } }
    /// The next `count` writes are applied, then their connection is closed without an answer.
    package func loseResponseOfNextWrites(_ count: Int) { state.withLock { $0.lostWrites = count } }
    /// The next `count` requests are refused with 429 as if the rate window were used up.
    package func rateLimitNext(_ count: Int) { state.withLock { $0.rateLimited = count } }

    /// The account's token stops working (true) or works again (false): every request gets the provider's 401.
    package var tokenRevoked: Bool {
        get { state.withLock { $0.revoked } }
        set { state.withLock { $0.revoked = newValue } }
    }

    /// The token stops working once the next `count` writes have been applied (the last of them is still answered):
    /// a token revoked between the requests that make up one change.
    package func revokeTokenAfterNextWrites(_ count: Int) { state.withLock { $0.revokeAfterWrites = count } }

    /// The next `method` request whose path ends in `pathSuffix`, after `skipping` such requests, waits at `moment`
    /// until the returned request is released (one request: later ones pass).
    package func holdNext(
        _ method: String, pathEndingIn pathSuffix: String, _ moment: HeldRequest.Moment = .afterAnswering,
        skipping: Int = 0
    ) -> HeldRequest {
        let held = HeldRequest(method: method, pathSuffix: pathSuffix, moment: moment, skipping: skipping)
        state.withLock { $0.held.append(held) }
        return held
    }

    /// Waits while a test holds this request at `moment` (see `holdNext`).
    func holdIfAsked(_ request: FakeRequest, at moment: HeldRequest.Moment) async {
        let held = state.withLock { state -> HeldRequest? in
            guard let index = state.held.firstIndex(where: { $0.matches(request, at: moment) }) else { return nil }
            return state.held[index].passes() ? nil : state.held.remove(at: index)
        }
        await held?.hold()
    }

    /// Counts a write the fake applied, for `revokeTokenAfterNextWrites`.
    func writeApplied() {
        state.withLock { state in
            guard state.revokeAfterWrites > 0 else { return }
            state.revokeAfterWrites -= 1
            if state.revokeAfterWrites == 0 { state.revoked = true }
        }
    }

    /// The next `count` successful answers arrive cut in half: broken JSON with a 200.
    package func garbleNext(_ count: Int) { state.withLock { $0.garbled = count } }

    /// The next successful answers go out as `rewrite(body)`, one rewrite per answer, in order: hostile or broken
    /// bodies in the provider's own shapes, for fuzzing the clients' decoders over real HTTP.
    package func rewriteNext(_ rewrites: [@Sendable (Data) -> Data]) { state.withLock { $0.rewrites = rewrites } }

    /// The rewrite for this answer, if one is waiting.
    func takeRewrite() -> (@Sendable (Data) -> Data)? {
        state.withLock { state in state.rewrites.isEmpty ? nil : state.rewrites.removeFirst() }
    }

    /// Whether this answer should be cut in half.
    func takeGarbled() -> Bool {
        state.withLock { state in
            guard state.garbled > 0 else { return false }
            state.garbled -= 1
            return true
        }
    }

    /// The delay and the fault, if any, for a request that just arrived.
    func arrive() -> (delay: Duration, fault: Fault?) {
        state.withLock { state in
            var delay = state.latency
            if state.slow > 0 { state.slow -= 1; delay += state.slowBy }
            if state.drops > 0 { state.drops -= 1; return (delay, .drop) }
            if state.failures > 0 { state.failures -= 1; return (delay, .fail(status: state.failureStatus)) }
            if state.rateLimited > 0 { state.rateLimited -= 1; return (delay, .rateLimit) }
            return (delay, nil)
        }
    }

    /// Whether this applied write should lose its answer.
    func takeLostWrite() -> Bool {
        state.withLock { state in
            guard state.lostWrites > 0 else { return false }
            state.lostWrites -= 1
            return true
        }
    }
}

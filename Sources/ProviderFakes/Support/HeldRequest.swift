import Foundation

/// One request a test holds at the fake until it lets it go, so that two calls interleave in one known order
/// (a page of records read before a change arrives, answered after the change was acknowledged).
package final class HeldRequest: Sendable {
    /// Where the request waits: before the fake reads its records (the answer shows what is there when it is
    /// let go), or after (the answer shows what was there when it arrived).
    package enum Moment: Sendable { case beforeAnswering, afterAnswering }

    let method: String
    let pathSuffix: String
    let moment: Moment
    private let state: Locked<State>

    private struct State {
        var skipping: Int
        var arrived = false
        var released = false
        var arrivalWaiters: [CheckedContinuation<Void, Never>] = []
        var releaseWaiters: [CheckedContinuation<Void, Never>] = []
    }

    init(method: String, pathSuffix: String, moment: Moment, skipping: Int) {
        self.method = method
        self.pathSuffix = pathSuffix
        self.moment = moment
        state = Locked(State(skipping: skipping))
    }

    /// For a matching request: true while requests are still to be let through unheld (counting this one).
    func passes() -> Bool {
        state.withLock { state in
            guard state.skipping > 0 else { return false }
            state.skipping -= 1
            return true
        }
    }

    func matches(_ request: FakeRequest, at moment: Moment) -> Bool {
        moment == self.moment && request.method == method
            && ("/" + request.path.joined(separator: "/")).hasSuffix(pathSuffix)
    }

    /// Returns once the request has reached the fake (and, held after answering, its answer is made).
    package func arrival() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.arrived { return true }
                state.arrivalWaiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Lets the request go on.
    package func release() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.released = true
            defer { state.releaseWaiters = [] }
            return state.releaseWaiters
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Called by the fake when the request reaches the point it is held at: waits for `release`.
    func hold() async {
        let arrivals = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.arrived = true
            defer { state.arrivalWaiters = [] }
            return state.arrivalWaiters
        }
        for continuation in arrivals { continuation.resume() }
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.released { return true }
                state.releaseWaiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }
}

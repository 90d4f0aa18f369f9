import Foundation
import Synchronization

/// Runs `side` on another thread while `main` runs on this one, and returns both results (or the first error,
/// `main`'s before `side`'s). For two reads of the cache that need not share a transaction: each takes its own
/// reader, so on two cores the slower one is all the wait. `concurrentPerform` hands `side` to one of the pool's
/// threads; when none is free, this thread runs both, one after the other (as a plain sequence of the two reads would).
func readBothAtOnce<Main: Sendable, Side: Sendable>(
    _ main: @Sendable () throws -> Main, _ side: @Sendable () throws -> Side
) throws -> (Main, Side) {
    let mainResult = Mutex<Result<Main, any Error>?>(nil), sideResult = Mutex<Result<Side, any Error>?>(nil)
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 {
            let result = Result(catching: main)
            mainResult.withLock { $0 = result }
        } else {
            let result = Result(catching: side)
            sideResult.withLock { $0 = result }
        }
    }
    // concurrentPerform returns once both have run, so both are set.
    return (try mainResult.withLock { $0! }.get(), try sideResult.withLock { $0! }.get())
}

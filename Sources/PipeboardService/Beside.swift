import Foundation
import Synchronization

/// Runs `side` on a thread of its own while `main` runs on this one, and returns both results (or the first error,
/// `main`'s before `side`'s). For two reads of the cache that need not share a transaction: each takes its own
/// reader, so on two cores the slower one is all the wait. A thread of its own, not a pool's: `side` never waits
/// for a busy pool, and starting a thread (about 0.1 ms) is small beside a read worth running apart.
func beside<Main, Side: Sendable>(_ main: () throws -> Main, _ side: @escaping @Sendable () throws -> Side) throws -> (Main, Side) {
    let sideResult = Mutex<Result<Side, any Error>?>(nil)
    let sideDone = DispatchSemaphore(value: 0)
    Thread {
        let result = Result(catching: side)
        sideResult.withLock { $0 = result }
        sideDone.signal()
    }.start()
    let mainResult = Result(catching: main)
    sideDone.wait()
    return (try mainResult.get(), try sideResult.withLock { $0! }.get())
}

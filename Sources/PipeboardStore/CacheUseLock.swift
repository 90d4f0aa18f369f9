import Foundation

/// Marks a cache file as in use: every process with the cache open holds a shared `flock` on `<cache>.lock`,
/// and `cache rebuild` needs it exclusively, so it can never move the file from under a running board.
/// The kernel drops the lock when a process exits, however it exits.
final class CacheUseLock: @unchecked Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Lets go before this object dies (a rebuild releases its sole use before opening the new cache).
    func release() { flock(descriptor, LOCK_UN) }

    static func path(for cache: String) -> String { cache + ".lock" }

    /// Shared use, as every board and command has it; waits briefly for a rebuild to finish.
    static func shared(cache: String) throws -> CacheUseLock {
        try take(cache: cache, operation: LOCK_SH, attempts: 200)
            ?? {
                throw StoreError(
                    .busy,
                    "The cache at \(cache) is being rebuilt by another pipeboard; try again when it has finished.")
            }()
    }

    /// Sole use, for a rebuild; nil when any other pipeboard has the cache open.
    static func exclusive(cache: String) throws -> CacheUseLock? {
        try take(cache: cache, operation: LOCK_EX, attempts: 1)
    }

    private static func take(cache: String, operation: Int32, attempts: Int) throws -> CacheUseLock? {
        let lockPath = path(for: cache)
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError(
                .cannotOpen,
                "Cannot use the cache at \(cache): cannot create \(lockPath) (\(String(cString: strerror(errno)))).")
        }
        for attempt in 0..<attempts {
            if flock(descriptor, operation | LOCK_NB) == 0 { return CacheUseLock(descriptor: descriptor) }
            if attempt + 1 < attempts { usleep(25_000) }
        }
        close(descriptor)
        return nil
    }
}

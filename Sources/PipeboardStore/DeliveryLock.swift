import Foundation

/// One process at a time delivers an account's outbox: two pipeboard processes on one cache (the board and a
/// script) would otherwise both read the same pending entry and send it twice. An advisory `flock` on a file
/// beside the cache; the kernel releases it when the holder exits, even when it is killed.
package final class DeliveryLock: @unchecked Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock, waiting up to `timeout` for another process's delivery round to end; nil if it does not.
    static func acquire(path: String, timeout: Duration) async throws -> DeliveryLock? {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError(
                .cannotOpen, "Cannot create the delivery lock \(path): \(String(cString: strerror(errno))).")
        }
        let deadline = ContinuousClock.now + timeout
        while true {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return DeliveryLock(descriptor: descriptor) }
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else {
                close(descriptor)
                return nil
            }
            try await Task.sleep(for: .milliseconds(25))
        }
    }
}

extension CacheStore {
    /// The delivery lock of `account` for this cache file; an in-memory cache has no other process to fear.
    package func deliveryLock(account: String, timeout: Duration = .seconds(30)) async throws -> DeliveryLock? {
        guard let file = file else { return nil }
        let safe = String(account.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return try await DeliveryLock.acquire(path: "\(file).deliver-\(safe).lock", timeout: timeout)
    }
}

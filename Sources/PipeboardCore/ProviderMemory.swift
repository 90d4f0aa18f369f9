import Foundation

/// Small facts a client learns about its server and keeps between runs (Twenty: the largest page it takes).
/// The service loads them from the cache when the account opens and stores each change.
public final class ProviderMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: String] = [:]
    private var persist: (@Sendable (String, String) -> Void)?

    public init() {}

    public subscript(key: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return values[key]
    }

    /// Remembers `value`; a change is handed to the store the service attached.
    public func remember(_ key: String, _ value: String) {
        lock.lock()
        let changed = values[key] != value
        values[key] = value
        let persist = self.persist
        lock.unlock()
        if changed { persist?(key, value) }
    }

    /// What the cache kept from earlier runs, and where later changes go.
    public func attach(stored: [String: String], persist: @escaping @Sendable (String, String) -> Void) {
        lock.lock()
        values.merge(stored) { _, kept in kept }
        self.persist = persist
        lock.unlock()
    }
}

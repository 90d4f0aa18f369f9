import Foundation
import PipeboardCore
import PipeboardStore

/// What one round of delivery did.
public struct DeliveryReport: Hashable, Sendable {
    public var delivered = 0
    public var retrying = 0
    public var failed = 0
    public init() {}
}

/// Delivery: the outbox is the only way a change reaches a provider. Entries go out oldest first, one at a time
/// per opportunity, and each ends delivered, to be retried later, or failed with the provider's reason.
extension BoardService {
    /// Sends what the account's outbox holds that can go now.
    @discardableResult
    public func push(account name: String?) async throws -> DeliveryReport {
        let account = try account(name)
        guard !pushing.contains(account.name) else { return DeliveryReport() }
        pushing.insert(account.name)
        defer { pushing.remove(account.name) }
        var report = DeliveryReport()
        // Another pipeboard process on this cache may be delivering: wait for its round to end, then read what is
        // still pending, so no entry is sent by both. Held until this round ends.
        let lock = try await store.deliveryLock(account: account.name)
        if store.file != nil && lock == nil { return report }
        defer { withExtendedLifetime(lock) {} }
        var tried: Set<Int64> = []
        while true {
            let batch = try store.deliverable(account: account.name, now: clock(), limit: 50).filter { !tried.contains($0.id) }
            guard !batch.isEmpty else { break }
            for entry in batch {
                tried.insert(entry.id)
                switch await deliver(entry, account: account) {
                case .delivered: report.delivered += 1
                case .retrying: report.retrying += 1
                case .failed: report.failed += 1
                }
            }
        }
        return report
    }

    enum Outcome { case delivered, retrying, failed }

    private func deliver(_ entry: OutboxEntry, account: Account) async -> Outcome {
        do {
            let remoteID = try await send(entry, account: account)
            try store.write { try $0.markDelivered(entry.id, remoteID: remoteID) }
            return .delivered
        } catch let error as ProviderError where error.isRetryable {
            let delay = Self.backoff(attempt: entry.attempts, requested: error.retryAfter)
            try? store.write { try $0.markRetry(entry.id, reason: error.description, notBefore: clock().addingTimeInterval(delay)) }
            return .retrying
        } catch {
            try? store.write { try $0.markFailed(entry.id, reason: String(describing: error)) }
            return .failed
        }
    }

    /// Calls the provider for one entry; returns the remote id a create was given.
    private func send(_ entry: OutboxEntry, account: Account) async throws -> String? {
        let current = try store.opportunity(id: entry.opportunityID)
        switch entry.operation {
        case .create:
            guard let current else { return nil } // deleted since: nothing to send
            return try await account.provider.create(current).remoteID
        case .update(let patch):
            guard let current, let remoteID = current.remoteID else { return nil }
            _ = try await account.provider.update(remoteID: remoteID, patch: patch, current: current)
            return nil
        case .delete(let remoteID):
            guard let remoteID else { return nil }
            do {
                try await account.provider.delete(remoteID: remoteID)
            } catch ProviderError.notFound {
                // Already gone at the provider: the goal of the change is reached.
            }
            return nil
        }
    }

    /// Exponential backoff with full jitter, capped at five minutes; a provider's own delay wins when longer.
    static func backoff(attempt: Int, requested: TimeInterval?) -> TimeInterval {
        let ceiling = min(300, pow(2, Double(min(attempt, 16))))
        return max(requested ?? 0, Double.random(in: 0...ceiling))
    }
}

extension ProviderError {
    var retryAfter: TimeInterval? {
        if case .rateLimited(let delay) = self { return delay }
        return nil
    }
}

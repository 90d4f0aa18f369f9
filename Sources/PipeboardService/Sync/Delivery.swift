import Foundation
import PipeboardCore
import PipeboardStore

/// What one round of delivery did.
public struct DeliveryReport: Hashable, Sendable {
    public var delivered = 0
    package var retrying = 0
    package var failed = 0
    package var conflicts = 0
    /// The account's credentials were refused: its queue is paused (see `BoardService.attention`).
    package var paused = false
    package init() {}

    /// Nothing was sent, retried, refused or paused: the cache is as it was.
    package var changedNothing: Bool { delivered == 0 && retrying == 0 && failed == 0 && conflicts == 0 && !paused }
}

/// Delivery: the outbox is the only way a change reaches a provider. Entries go out oldest first, one at a time
/// per opportunity, and each attempt ends delivered, to be retried later, rejected with the provider's reason,
/// in conflict with the provider's own change, or with the account paused until its credentials are fixed.
extension BoardService {
    /// Sends what the account's outbox holds that can go now. A paused account sends nothing.
    /// - Parameter everyWaiting: a person asked (`pipeboard sync`, `r`): entries waiting out a retry's backoff go
    ///   now too. The background keeps the backoff.
    /// - Parameter progress: told the report so far after each entry (a long delivery's progress).
    @discardableResult
    public func push(
        account name: String?, everyWaiting: Bool = false, progress: (@Sendable (DeliveryReport) -> Void)? = nil
    ) async throws -> DeliveryReport {
        let account = try account(name)
        var report = DeliveryReport()
        guard try attention(account: account.name) == nil else { report.paused = true; return report }
        guard !pushing.contains(account.name) else { return report }
        pushing.insert(account.name)
        defer { pushing.remove(account.name) }
        // Another pipeboard process on this cache may be delivering: wait for its round to end, then read what is
        // still pending, so no entry is sent by both. Held until this round ends.
        let lock = try await store.deliveryLock(account: account.name)
        if store.file != nil && lock == nil { return report }
        defer { withExtendedLifetime(lock) {} }
        var tried: Set<Int64> = []
        round: while true {
            let due = everyWaiting ? Date.distantFuture : clock()
            let batch = try store.deliverable(account: account.name, now: due, limit: 50)
                .filter { !tried.contains($0.id) }
            guard !batch.isEmpty else { break }
            for entry in batch {
                tried.insert(entry.id)
                switch await deliver(entry, account: account) {
                case .delivered: report.delivered += 1
                case .failed: report.failed += 1
                case .conflict: report.conflicts += 1
                case .madeNotFound: report.retrying += 1
                case .retrying:
                    // The provider or the network is struggling: the rest waits for the next round instead of
                    // adding to the load, so the provider's pacing is kept.
                    report.retrying += 1
                    break round
                case .paused:
                    report.paused = true
                    break round
                }
                progress?(report)
            }
        }
        return report
    }

    /// Delivers every account's outbox; one account's trouble never stops another's.
    @discardableResult
    package func pushAll() async -> [String: DeliveryReport] {
        var reports: [String: DeliveryReport] = [:]
        for name in accountNames {
            reports[name] = (try? await push(account: name)) ?? DeliveryReport()
        }
        return reports
    }

    enum Outcome { case delivered, retrying, madeNotFound, failed, conflict, paused }

    private func deliver(_ entry: OutboxEntry, account: Account) async -> Outcome {
        inFlight.insert(entry.id)
        defer { inFlight.remove(entry.id) }
        do {
            try store.write { try $0.markSending(entry.id) }
            switch try await send(entry, account: account) {
            case .activity(let result):
                try store.write { writer in
                    // The note's or task's remote id first: its delivery is numbered by it.
                    try Self.record(result, writer: writer)
                    try writer.markDelivered(entry.id, remoteID: nil, version: result.version)
                }
                return .delivered
            case .sent(let remoteID, let base, let fresh, let version):
                try store.write { writer in
                    try writer.markDelivered(entry.id, remoteID: remoteID, base: base, version: version)
                    if let base, fresh {
                        try Self.mergeTheirs(base, into: entry.opportunityID, account: account, writer: writer)
                    }
                }
                return .delivered
            case .conflict(let conflict):
                try store.write { try $0.markConflict(entry.id, conflict: conflict, reason: Self.describe(conflict)) }
                return .conflict
            }
        } catch ProviderError.createdNotFound(let message) {
            // Made: never withdrawn as unsent nor sent again. Looked for at the next tries, with the backoff.
            let notBefore = clock().addingTimeInterval(Backoff.outbox.delay(attempt: entry.attempts).timeInterval)
            try? store.write { writer in
                try writer.markMadeNotFound(
                    entry.id,
                    reason: "made at \(account.provider.displayName), not found yet (\(message)); looked for again "
                        + "at each sync, never made twice", notBefore: notBefore)
            }
            return .madeNotFound
        } catch let error as ProviderError where error.isRetryable {
            let delay = Backoff.outbox.delay(attempt: entry.attempts, requested: error.retryAfter.map { .seconds($0) })
            let notBefore = clock().addingTimeInterval(delay.timeInterval)
            try? store.write { writer in
                try writer.markRetry(entry.id, reason: error.description, notBefore: notBefore)
                // No connection was made: the provider cannot have applied it.
                if case .unreachable = error, !entry.maybeSent { try writer.markNotSent(entry.id) }
            }
            return .retrying
        } catch ProviderError.unauthorized(let message) {
            try? store.write { writer in
                try writer.markRetry(entry.id, reason: "credentials refused: \(message)", notBefore: clock())
                // Refused at the door: the provider did not apply it.
                if !entry.maybeSent { try writer.markNotSent(entry.id) }
            }
            try? pauseAccount(account, message: message)
            return .paused
        } catch {
            try? store.write { try $0.markFailed(entry.id, reason: Self.reason(error)) }
            return .failed
        }
    }

    enum Sent {
        /// Delivered; `base` is the provider's record with the change, when known (`fresh` when read from the
        /// provider just now, so the card may take the provider's other fields from it). `version`: the provider's
        /// update time of the record with the change, where its answer says (see `mergePulled`).
        case sent(remoteID: String?, base: Opportunity?, fresh: Bool = false, version: Date? = nil)
        case conflict(OutboxConflict)
        /// A note or task change delivered, with what the cache learns from the answer.
        case activity(ActivityDelivered)
    }

    /// Calls the provider for one entry. An update is first checked against the provider's current record.
    private func send(_ entry: OutboxEntry, account: Account) async throws -> Sent {
        let current = try store.opportunity(id: entry.opportunityID)
        switch entry.operation {
        case .create:
            guard let current else { return .sent(remoteID: nil, base: nil) } // deleted since: nothing to send
            let (name, cardID) = (account.name, current.id)
            let heldByOtherCards: @Sendable (String) -> Bool = { [store] remoteID in
                // Unreadable counts as held: a second record can be deleted, a card merged into another is lost.
                do {
                    return try store.opportunity(account: name, remoteID: remoteID).map { $0.id != cardID } ?? false
                } catch { return true }
            }
            let created: RemoteOpportunity
            if entry.madeNotFound {
                // The provider made it already: look for it, never make a second one.
                guard let found = try await account.provider.findCreated(current, heldByOtherCards: heldByOtherCards)
                else {
                    throw ProviderError.createdNotFound("its lookup finds nothing")
                }
                created = found.sanitized
            } else {
                created = try await account.provider.create(current, heldByOtherCards: heldByOtherCards).sanitized
            }
            return .sent(
                remoteID: created.remoteID,
                base: created.opportunity(account: account.name, existing: current, defaultRank: current.rank))
        case .update(let patch):
            guard let current, let remoteID = current.remoteID else { return .sent(remoteID: nil, base: nil) }
            let base = try store.base(opportunityID: current.id)
            var theirs: Opportunity?
            do {
                guard let fetched = try await account.provider.fetch(remoteID: remoteID)?.sanitized else {
                    return .conflict(OutboxConflict(fields: [], theirs: nil))
                }
                theirs = fetched.opportunity(account: account.name, existing: current, defaultRank: current.rank)
            } catch ProviderError.unsupported {
                // No way to read one record: send as it is, absolute values.
            }
            if let theirs, let base {
                let clashing = patch.conflicts(base: base, theirs: theirs)
                if !clashing.isEmpty { return .conflict(OutboxConflict(fields: clashing, theirs: theirs)) }
            }
            let updated: RemoteOpportunity?
            do {
                updated = try await account.provider.update(remoteID: remoteID, patch: patch, current: current)
            } catch ProviderError.notFound {
                return .conflict(OutboxConflict(fields: [], theirs: nil))
            }
            if let theirs {
                return .sent(
                    remoteID: nil, base: patch.applied(to: theirs), fresh: true,
                    version: Self.version(updated, checkedAgainst: theirs))
            }
            return .sent(remoteID: nil, base: base.map { patch.applied(to: $0) })
        case .delete(let remoteID):
            guard let remoteID else { return .sent(remoteID: nil, base: nil) }
            do {
                try await account.provider.delete(remoteID: remoteID)
            } catch ProviderError.notFound {
                // Already gone at the provider: the goal of the change is reached.
            }
            return .sent(remoteID: nil, base: nil)
        case .restore(let remoteID):
            // Deleted again since: nothing to bring back.
            guard let current else { return .sent(remoteID: nil, base: nil) }
            let restored = try await account.provider.restore(remoteID: remoteID)?.sanitized
            let base = restored?.opportunity(account: account.name, existing: current, defaultRank: current.rank)
            return .sent(remoteID: remoteID, base: base, fresh: restored != nil)
        case .addNote, .deleteNote, .addTask, .updateTask, .deleteTask:
            return try await sendActivity(entry, account: account)
        }
    }

    /// The provider's update time of the record with our change, where it tells the record's versions apart: only
    /// when it moved on from the record the change was checked against (a provider that keeps no update time
    /// gives the creation time, and an answer without the record gives nothing).
    static func version(_ updated: RemoteOpportunity?, checkedAgainst theirs: Opportunity) -> Date? {
        guard let updated, updated.updatedAt > theirs.updatedAt else { return nil }
        return updated.updatedAt
    }

    /// Changes to different fields merge: once a card has nothing left to send, it takes the provider's values
    /// (which now include ours). The local order stays where the provider keeps none. The card's times stay too:
    /// the provider's record was read before our change reached it, so its times predate the change (a moved card
    /// would show its old age again); the next pull brings the provider's own.
    static func mergeTheirs(_ base: Opportunity, into id: UUID, account: Account, writer: StoreWriter) throws {
        guard try writer.outbox(opportunityID: id).isEmpty, let local = try writer.opportunity(id: id) else { return }
        var merged = base
        merged.id = local.id
        merged.remoteID = local.remoteID ?? base.remoteID
        merged.updatedAt = local.updatedAt
        if merged.stageID == local.stageID { merged.stageChangedAt = local.stageChangedAt }
        if merged.status == local.status { merged.statusChangedAt = local.statusChangedAt }
        if !account.provider.capabilities.contains(.reorder) { merged.rank = local.rank }
        // What else the provider changed meanwhile joins the deal's history, by the record's update time.
        if merged != local {
            try writer.update(merged, recording: ChangeSource(.provider, at: base.updatedAt, clock: .recordUpdate))
        }
    }

    static func describe(_ conflict: OutboxConflict) -> String {
        if let task = conflict.task {
            if task.theirs == nil { return "conflict: the task was deleted at the provider while changed here" }
            let names = task.fields.map(\.label).sorted().joined(separator: ", ")
            return "conflict: the task's \(names) changed at the provider too"
        }
        if conflict.deletedAtProvider { return "conflict: deleted at the provider while changed here" }
        let names = conflict.fields.map(\.label).sorted().joined(separator: ", ")
        return "conflict: \(names) changed at the provider too"
    }

    /// A refusal as the user reads it: the provider's own words.
    static func reason(_ error: any Error) -> String {
        if let error = error as? ProviderError { return error.description }
        if let error = error as? ServiceError { return error.description }
        return String(describing: error)
    }
}

extension ProviderError {
    var retryAfter: TimeInterval? {
        if case .rateLimited(let delay) = self { return delay }
        return nil
    }
}

import Foundation
import PipeboardCore
import PipeboardStore

/// What one pull brought in.
public struct PullReport: Hashable, Sendable {
    public var pipelines = 0
    public var received = 0
    public var written = 0
    public var removed = 0
    /// Pipelines pulled by changes only (since the provider-side watermark).
    public var incremental = 0
    public init() {}
}

/// Pulling: pipelines and opportunities from the provider into the cache. Provider text is sanitised here,
/// where it enters the model, once for every provider.
///
/// Incremental where the provider allows: the watermark is the highest `updatedAt` the provider reported for the
/// pipeline, so provider timestamps are only ever compared with provider timestamps. A full pull (no watermark
/// yet, or `full`) also drops cards the provider no longer has.
extension BoardService {
    @discardableResult
    public func pull(account name: String?, full: Bool = true,
                     progress: (@Sendable (PullReport) -> Void)? = nil) async throws -> PullReport {
        let account = try account(name)
        do {
            return try await pull(account, full: full, progress: progress)
        } catch ProviderError.unauthorized(let message) {
            try pauseAccount(account, message: message)
            throw ServiceError.needsAttention(try attention(account: account.name) ?? message)
        }
    }

    private func pull(_ account: Account, full: Bool, progress: (@Sendable (PullReport) -> Void)?) async throws -> PullReport {
        var report = PullReport()
        let pipelines = try await account.provider.fetchPipelines().map(\.sanitized)
        try store.write { try $0.savePipelines(account: account.name, pipelines) }
        report.pipelines = pipelines.count
        for pipeline in pipelines {
            let key = Setting.watermark(account.name, pipeline: pipeline.id)
            let since = full ? nil : try store.setting(key).flatMap(Double.init).map(Date.init(timeIntervalSinceReferenceDate:))
            var watermark = since
            var cursor: String?
            var seen: Set<String> = []
            var changedOnly = false
            repeat {
                let page = try await account.provider.pull(pipelineID: pipeline.id, changedSince: since, after: cursor)
                let records = page.opportunities.map(\.sanitized)
                report.written += try store.write { try $0.mergePulled(account: account.name, records) }
                report.received += records.count
                seen.formUnion(records.map(\.remoteID))
                watermark = records.map(\.updatedAt).reduce(watermark) { max($0 ?? $1, $1) }
                changedOnly = changedOnly || page.changedOnly
                cursor = page.next
                progress?(report)
            } while cursor != nil
            if changedOnly {
                report.incremental += 1
            } else {
                report.removed += try store.write { try $0.removeMissing(account: account.name, pipelineID: pipeline.id, keeping: seen) }
            }
            if let watermark {
                try store.write { try $0.setSetting(key, String(watermark.timeIntervalSinceReferenceDate)) }
            }
        }
        // The provider answered: whatever paused the account is settled.
        try store.write { try $0.setSetting(Setting.attention(account.name), nil) }
        return report
    }

    /// Sends every account's changes and pulls every account that is not paused (incrementally unless `full`).
    /// Returns one line per account that had trouble.
    public func syncAll(full: Bool) async -> [String] {
        var problems: [String] = []
        for name in accountNames {
            if let report = try? await push(account: name), report.paused {
                problems.append((try? attention(account: name)) ?? "account '\(name)' needs attention")
                continue
            }
            do {
                try await pull(account: name, full: full)
            } catch {
                problems.append("\(name): \(Self.reason(error))")
            }
        }
        return problems
    }
}

import Foundation
import PipeboardCore
import PipeboardStore

/// What one pull brought in.
public struct PullReport: Hashable, Sendable {
    package var pipelines = 0
    public var received = 0
    public var written = 0
    package var removed = 0
    /// Progress while the pull runs: pages read, pipelines finished, and the current pipeline's records so far
    /// out of the total its provider announced (nil where it announces none).
    package var pages = 0
    package var pipelinesDone = 0
    package var receivedInPipeline = 0
    package var expectedInPipeline: Int?
    /// Pipelines pulled by changes only (since the provider-side watermark).
    package var incremental = 0
    package init() {}

    /// How far the pull is, 0...1: whole pipelines, plus the share of the current one where its total is known.
    package var fraction: Double? {
        guard pipelines > 0 else { return nil }
        var current = 0.0
        if pipelinesDone < pipelines, receivedInPipeline > 0 {
            // Mid-pipeline without an announced total: no honest percentage.
            guard let expected = expectedInPipeline, expected > 0 else { return nil }
            current = min(1, Double(receivedInPipeline) / Double(expected))
        }
        return min(1, (Double(pipelinesDone) + current) / Double(pipelines))
    }
}

/// Pulling: pipelines and opportunities from the provider into the cache. Provider text is sanitised here,
/// where it enters the model, once for every provider.
///
/// Incremental where the provider allows: the watermark is the highest `updatedAt` the provider reported for the
/// pipeline, so provider timestamps are only ever compared with provider timestamps. A full pull (no watermark
/// yet, or `full`) also drops cards the provider no longer has.
extension BoardService {
    /// The most pulled records one commit stores (see `WriteBehind`).
    static let recordsPerCommit = 2_000

    @discardableResult
    public func pull(
        account name: String?, full: Bool = true,
        progress: (@Sendable (PullReport) -> Void)? = nil
    ) async throws -> PullReport {
        let account = try account(name)
        do {
            return try await pull(account, full: full, progress: progress)
        } catch ProviderError.unauthorized(let message) {
            try pauseAccount(account, message: message)
            throw ServiceError.needsAttention(attention(account, reason: message))
        }
    }

    private func pull(_ account: Account, full: Bool, progress: (@Sendable (PullReport) -> Void)?) async throws
        -> PullReport
    {
        var report = PullReport()
        let pipelines = try await account.provider.fetchPipelines().map(\.sanitized)
        try store.write { try $0.savePipelines(account: account.name, pipelines) }
        report.pipelines = pipelines.count
        progress?(report)
        for pipeline in pipelines {
            let key = Setting.watermark(account.name, pipeline: pipeline.id)
            let since =
                full ? nil : try store.setting(key).flatMap(Double.init).map(Date.init(timeIntervalSinceReferenceDate:))
            var watermark = since
            // A pull of every record drops the cards the provider no longer has, found by the remote ids it sent.
            // With no card of the pipeline from the provider cached before it, there are none: it keeps no ids (a
            // million of them took about 100 MB) and looks for none.
            let dropsMissing = try store.hasDeliveredCards(account: account.name, pipelineID: pipeline.id)
            var seen: Set<String> = []
            report.receivedInPipeline = 0
            report.expectedInPipeline = nil
            var changedOnly = false
            let provider = account.provider, pipelineID = pipeline.id, store = store, accountName = account.name
            let closing = Self.closingStatuses(of: pipeline, account: account)
            // Pages can be pulled again: their commits do not wait for the disk (the watermark's does).
            let writer = WriteBehind(limit: Self.recordsPerCommit) { records, askedAt in
                try store.writeRefetchable { try $0.mergePulled(account: accountName, records, askedAt: askedAt) }
            }
            // Changes acknowledged from here on may be missing from the pages (see `mergePulled`).
            let pullAskedAt = try store.deliveryMark()
            let writtenBefore = report.written
            // The next page is fetched (and sanitised) while this one is stored, and pages are stored while the next
            // ones are fetched: at a rate limit's pace the pull waits only for the provider.
            do {
                try await Prefetch.pages(
                    fetch: { cursor in
                        let askedAt = try store.deliveryMark()
                        var page = try await provider.pull(pipelineID: pipelineID, changedSince: since, after: cursor)
                        page.opportunities = page.opportunities.map { record in
                            var record = record.sanitized
                            // A provider without a status of its own says won or lost by a closing stage.
                            if record.status == .open, let status = closing[record.stageID] { record.status = status }
                            return record
                        }
                        return AskedPage(page: page, askedAt: askedAt)
                    }, next: \.page.next
                ) { asked in
                    let page = asked.page, records = page.opportunities
                    try await writer.add(records, askedAt: asked.askedAt)
                    report.written = writtenBefore + writer.written
                    report.received += records.count
                    report.pages += 1
                    report.receivedInPipeline += records.count
                    report.expectedInPipeline = page.total ?? report.expectedInPipeline
                    if dropsMissing { seen.formUnion(records.map(\.remoteID)) }
                    watermark = records.map(\.updatedAt).reduce(watermark) { max($0 ?? $1, $1) }
                    changedOnly = changedOnly || page.changedOnly
                    progress?(report)
                }
                try await writer.finish()
                report.written = writtenBefore + writer.written
            } catch {
                // What was received is stored all the same.
                try? await writer.finish()
                throw error
            }
            if changedOnly {
                report.incremental += 1
            } else if dropsMissing {
                report.removed += try store.write {
                    try $0.removeMissing(
                        account: account.name, pipelineID: pipeline.id, keeping: seen, askedAt: pullAskedAt,
                        now: clock())
                }
            }
            if let watermark {
                try store.write { try $0.setSetting(key, String(watermark.timeIntervalSinceReferenceDate)) }
            }
            try await pullOpenTasks(account, pipelineID: pipeline.id)
            report.pipelinesDone += 1
            progress?(report)
        }
        // The provider answered: whatever paused the account is settled.
        try store.write { writer in
            try writer.setSetting(Setting.attention(account.name), nil)
            // A rebuilt cache's history finds the cards this pull brought back.
            try writer.relinkDealHistory()
        }
        return report
    }

    /// A page with the delivery mark it was asked for at.
    struct AskedPage: Sendable {
        var page: PullPage
        var askedAt: DeliveryMark
    }

    /// Stage id → the status its cards have, for a provider whose status cannot be set and closing stages in the
    /// config; empty otherwise (the provider's own status stands).
    static func closingStatuses(of pipeline: Pipeline, account: Account) -> [String: OpportunityStatus] {
        guard !account.provider.capabilities.contains(.setStatus) else { return [:] }
        let closing = account.config.closingStages
        return pipeline.stages.reduce(into: [:]) { found, stage in found[stage.id] = closing.status(of: stage) }
    }

    /// Sends every account's changes and pulls every account that is not paused (incrementally unless `full`).
    /// Returns the trouble of each account that had some. `progress` hears each account's pull as it runs.
    /// `everyWaiting`: a person asked, so changes waiting out a retry's backoff go now too.
    package func syncAll(
        full: Bool, everyWaiting: Bool = false,
        progress: (@Sendable (PullReport) -> Void)? = nil
    ) async -> [SyncProblem] {
        var problems: [SyncProblem] = []
        for name in accountNames {
            if let report = try? await push(account: name, everyWaiting: everyWaiting), report.paused,
                let attention = try? attention(account: name)
            {
                problems.append(.paused(attention))
                continue
            }
            do {
                try await pull(account: name, full: full, progress: progress)
            } catch ServiceError.needsAttention(let attention) {
                problems.append(.refusedDuringPull(attention))
            } catch {
                problems.append(.pullFailed(account: name, reason: Self.reason(error)))
            }
        }
        return problems
    }
}

import Foundation
import PipeboardCore
import PipeboardStore

/// What one pull brought in.
public struct PullReport: Hashable, Sendable {
    public var pipelines = 0
    public var received = 0
    public var written = 0
    public var removed = 0
    /// Progress while the pull runs: pages read, pipelines finished, and the current pipeline's records so far
    /// out of the total its provider announced (nil where it announces none).
    public var pages = 0
    public var pipelinesDone = 0
    public var receivedInPipeline = 0
    public var expectedInPipeline: Int?
    public init() {}

    /// How far the pull is, 0...1: whole pipelines, plus the share of the current one where its total is known.
    public var fraction: Double? {
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
extension BoardService {
    @discardableResult
    public func pull(account name: String?, progress: (@Sendable (PullReport) -> Void)? = nil) async throws -> PullReport {
        let account = try account(name)
        var report = PullReport()
        let pipelines = try await account.provider.fetchPipelines().map(\.sanitized)
        try store.write { try $0.savePipelines(account: account.name, pipelines) }
        report.pipelines = pipelines.count
        progress?(report)
        for pipeline in pipelines {
            var cursor: String?
            var seen: Set<String> = []
            report.receivedInPipeline = 0
            report.expectedInPipeline = nil
            repeat {
                let page = try await account.provider.pull(pipelineID: pipeline.id, after: cursor)
                let records = page.opportunities.map(\.sanitized)
                report.written += try store.write { try $0.mergePulled(account: account.name, records) }
                report.received += records.count
                report.pages += 1
                report.receivedInPipeline += records.count
                report.expectedInPipeline = page.total ?? report.expectedInPipeline
                seen.formUnion(records.map(\.remoteID))
                cursor = page.next
                progress?(report)
            } while cursor != nil
            report.removed += try store.write { try $0.removeMissing(account: account.name, pipelineID: pipeline.id, keeping: seen) }
            report.pipelinesDone += 1
            progress?(report)
        }
        return report
    }
}

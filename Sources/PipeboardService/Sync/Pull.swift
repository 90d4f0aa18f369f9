import Foundation
import PipeboardCore
import PipeboardStore

/// What one pull brought in.
public struct PullReport: Hashable, Sendable {
    public var pipelines = 0
    public var received = 0
    public var written = 0
    public var removed = 0
    public init() {}
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
        for pipeline in pipelines {
            var cursor: String?
            var seen: Set<String> = []
            repeat {
                let page = try await account.provider.pull(pipelineID: pipeline.id, after: cursor)
                let records = page.opportunities.map(\.sanitized)
                report.written += try store.write { try $0.mergePulled(account: account.name, records) }
                report.received += records.count
                seen.formUnion(records.map(\.remoteID))
                cursor = page.next
                progress?(report)
            } while cursor != nil
            report.removed += try store.write { try $0.removeMissing(account: account.name, pipelineID: pipeline.id, keeping: seen) }
        }
        return report
    }
}

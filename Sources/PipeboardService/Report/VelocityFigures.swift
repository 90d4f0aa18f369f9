import Foundation
import PipeboardCore
import PipeboardStore

/// Velocity and the funnel from the deals' transitions, for `pipeboard report` and the board's velocity view.
extension BoardService {
    public func velocity(account name: String?, pipeline pipelineText: String?, period: Period = .always) throws
        -> Velocity
    {
        let account = try account(name)
        let pipeline = try pipeline(account: account.name, matching: pipelineText)
        return try store.velocity(account: account.name, pipeline: pipeline, period: period)
    }
}

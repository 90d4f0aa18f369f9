import PipeboardCore

/// A request the service cannot carry out, worded for the user.
public enum ServiceError: Error, Hashable, Sendable, CustomStringConvertible {
    case noSuchAccount(String, known: [String])
    case noPipelines(account: String)
    case noSuchPipeline(String, known: [String])
    case noSuchStage(String, known: [String])
    case noSuchOpportunity(String)
    case ambiguousID(String, matches: Int)
    case invalidInput(FieldErrors)
    case notOffered(ProviderError)
    case nothingToUndo
    case nothingToRedo
    /// A merged board's config does not fit the accounts' pipelines as they are now.
    case badMergedBoard(String)

    public var description: String {
        switch self {
        case let .noSuchAccount(name, known): return "no account named '\(name)'; accounts are \(known.joined(separator: ", "))"
        case let .noPipelines(account): return "account '\(account)' has no pipelines yet; run `pipeboard sync --account \(account)`"
        case let .noSuchPipeline(name, known): return "no pipeline '\(name)'; pipelines are \(known.joined(separator: ", "))"
        case let .noSuchStage(name, known): return "no stage '\(name)'; stages are \(known.joined(separator: ", "))"
        case let .noSuchOpportunity(id): return "no opportunity with id '\(id)'"
        case let .ambiguousID(id, matches): return "id '\(id)' matches \(matches) opportunities; give more characters"
        case let .invalidInput(errors): return errors.description
        case let .notOffered(error): return error.description
        case .nothingToUndo: return "nothing to undo"
        case .nothingToRedo: return "nothing to redo"
        case let .badMergedBoard(message): return message
        }
    }
}

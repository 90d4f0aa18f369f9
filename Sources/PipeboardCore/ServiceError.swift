/// A request the service cannot carry out, worded for the user. In Core, so that the board can word it too, with
/// the keys as bound (`sentence(retryKey:)`).
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
    /// The board as it was is one account's pipeline: a merged board has no past of its own.
    case pastOfMergedBoard(String)
    case nothingToRedo
    /// A merged board's config does not fit the accounts' pipelines as they are now.
    case badMergedBoard(String)
    /// The provider refused the account's credentials; its sentence says how to fix them.
    case needsAttention(Attention)
    case noSuchOutboxEntry(Int64)
    case notAConflict(Int64)
    /// The change is being sent right now.
    case outboxBusy(Int64)
    /// A new card's create may have reached the provider, which has not confirmed it yet.
    case createUnconfirmed(String)
    /// A lost reason that is not one of the provider's.
    case noSuchLostReason(String, known: [String])
    case noSuchTask(String)
    case ambiguousTaskID(String, matches: Int)
    case noSuchNote(String)
    /// A note without text, a task without a title.
    case emptyText(String)
    case invalidDue(DueInputError)
    /// A note or task's add may have reached the provider, which has not confirmed it yet.
    case addUnconfirmed(String)
    /// The provider keeps no history of its deals that pipeboard can read.
    case historyNotPublished(String)
    /// A new deal the provider does not have yet.
    case notAtProviderYet(String)

    /// The command line's words: the board's keys as shipped.
    public var description: String { sentence(retryKey: "r") }

    /// The words, with `retryKey` as the board's key that syncs and retries; only the commands without one.
    public func sentence(retryKey: String?) -> String {
        switch self {
        case let .noSuchAccount(name, known):
            return "no account named '\(name)'; accounts are \(known.joined(separator: ", "))"
        case let .noPipelines(account):
            return "account '\(account)' has no pipelines yet; run `pipeboard sync --account \(account)`"
        case let .noSuchPipeline(name, known):
            return "no pipeline '\(name)'; pipelines are \(known.joined(separator: ", "))"
        case let .noSuchStage(name, known): return "no stage '\(name)'; stages are \(known.joined(separator: ", "))"
        case let .noSuchLostReason(name, known):
            return known.isEmpty
                ? "no lost reason '\(name)': the provider lists none"
                : "no lost reason '\(name)'; lost reasons are \(known.joined(separator: ", "))"
        case let .noSuchOpportunity(id): return "no opportunity with id '\(id)'"
        case let .noSuchTask(id): return "no task with id '\(id)'; `pipeboard tasks ID` lists a deal's tasks"
        case let .ambiguousTaskID(id, matches): return "id '\(id)' matches \(matches) tasks; give more characters"
        case let .noSuchNote(id): return "no note with id '\(id)'"
        case let .emptyText(what): return "\(what) cannot be empty"
        case let .invalidDue(error): return error.description
        case let .addUnconfirmed(what):
            return
                "\(what) may already be at the provider, which has not confirmed it yet; try again after the next sync"
        case let .historyNotPublished(provider):
            return
                "\(provider) publishes no history of its deals; "
                + "pipeboard remembers their changes from the first pull on"
        case let .notAtProviderYet(name):
            return "“\(name)” is not at the provider yet; try again after the next sync"
        case let .ambiguousID(id, matches): return "id '\(id)' matches \(matches) opportunities; give more characters"
        case let .invalidInput(errors): return errors.description
        case let .notOffered(error): return error.description
        case .nothingToUndo: return "nothing to undo"
        case let .pastOfMergedBoard(name):
            return "the board as it was shows one account's pipeline; '\(name)' merges several: give --account"
        case .nothingToRedo: return "nothing to redo"
        case let .badMergedBoard(message): return message
        case let .needsAttention(attention): return attention.sentence(retryKey: retryKey)
        case let .noSuchOutboxEntry(id): return "no waiting change with id \(id); `pipeboard outbox` lists them"
        case let .notAConflict(id):
            return "change \(id) is not in conflict; use `pipeboard outbox retry \(id)` or `discard \(id)`"
        case let .outboxBusy(id): return "change \(id) is being sent right now; try again in a moment"
        case let .createUnconfirmed(name):
            let sync = (retryKey.map { "\($0) or " } ?? "") + "`pipeboard sync`"
            return "“\(name)” may already be at the provider, which has not confirmed it yet; "
                + "try again after the next sync (\(sync))"
        }
    }
}

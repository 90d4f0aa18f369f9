import Foundation

/// One change applied to several selected cards at once.
public enum BulkOperation: Hashable, Sendable {
    /// To the top of this stage.
    case move(toStageID: String)
    /// Each card to the stage `by` places from its own (-1 previous, +1 next).
    case shift(by: Int)
    case setStatus(OpportunityStatus, lostReason: String?)
    case delete

    /// The capability a provider needs for it.
    public var operation: ProviderOperation {
        switch self {
        case .move, .shift: return .move
        case .setStatus: return .setStatus
        case .delete: return .delete
        }
    }
}

/// What a bulk change did: how many cards changed, were already as asked, or could not be changed and why.
public struct BulkOutcome: Hashable, Sendable {
    public var changed: Int
    public var unchanged: Int
    public var refused: [String]

    public init(changed: Int = 0, unchanged: Int = 0, refused: [String] = []) {
        self.changed = changed
        self.unchanged = unchanged
        self.refused = refused
    }
}

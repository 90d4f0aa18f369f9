/// What a provider's API lets the board do. The UI offers only these, and says why otherwise.
public struct Capabilities: OptionSet, Hashable, Sendable, Codable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let create = Capabilities(rawValue: 1 << 0)
    public static let update = Capabilities(rawValue: 1 << 1)
    public static let move = Capabilities(rawValue: 1 << 2)
    public static let setStatus = Capabilities(rawValue: 1 << 3)
    public static let delete = Capabilities(rawValue: 1 << 4)
    public static let stageDiscovery = Capabilities(rawValue: 1 << 5)
    public static let search = Capabilities(rawValue: 1 << 6)
    /// Order within a stage is kept by the provider (else it is kept locally only).
    public static let reorder = Capabilities(rawValue: 1 << 7)
    /// Marking a deal lost can carry a reason (kept with the card as the custom field `lost_reason`).
    /// Not part of `all`: a provider says so where its API keeps one.
    public static let lostReason = Capabilities(rawValue: 1 << 8)
    /// The provider keeps its own list of lost reasons: marking a deal lost picks one of them, and the card keeps
    /// its id as the custom field `lost_reason_id`. Not part of `all`.
    public static let lostReasonList = Capabilities(rawValue: 1 << 9)
    /// A deleted record can be brought back at the provider: undoing a delete restores it (same id) instead of
    /// creating a new one. Not part of `all`.
    public static let restore = Capabilities(rawValue: 1 << 10)
    /// Notes on a deal can be read, added and deleted. Not part of `all`.
    public static let notes = Capabilities(rawValue: 1 << 11)
    /// Tasks on a deal can be read, added, edited, marked done or open, and deleted. Not part of `all`.
    public static let tasks = Capabilities(rawValue: 1 << 12)

    public static let all: Capabilities = [
        .create, .update, .move, .setStatus, .delete, .stageDiscovery, .search, .reorder,
    ]
}

/// An operation a user asks a provider for, which its Capabilities may not offer.
public enum ProviderOperation: String, Sendable, CaseIterable {
    case create, update, move, setStatus, delete, restore
    case listNotes, addNote, deleteNote
    case listTasks, addTask, updateTask, deleteTask, listPipelineTasks

    public var capability: Capabilities {
        switch self {
        case .create: return .create
        case .update: return .update
        case .move: return .move
        case .setStatus: return .setStatus
        case .delete: return .delete
        case .restore: return .restore
        case .listNotes, .addNote, .deleteNote: return .notes
        case .listTasks, .addTask, .updateTask, .deleteTask, .listPipelineTasks: return .tasks
        }
    }

    public var verb: String {
        switch self {
        case .create: return "creating opportunities"
        case .update: return "editing opportunities"
        case .move: return "moving opportunities between stages"
        case .setStatus: return "changing an opportunity's status"
        case .delete: return "deleting opportunities"
        case .restore: return "restoring deleted opportunities"
        case .listNotes: return "reading notes"
        case .addNote: return "adding notes"
        case .deleteNote: return "deleting notes"
        case .listTasks: return "reading tasks"
        case .addTask: return "adding tasks"
        case .updateTask: return "editing tasks"
        case .deleteTask: return "deleting tasks"
        case .listPipelineTasks: return "reading a pipeline's tasks at once"
        }
    }
}

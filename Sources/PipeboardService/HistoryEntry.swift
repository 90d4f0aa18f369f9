import Foundation
import PipeboardCore
import PipeboardStore

/// One undoable user action, as the steps that carried it out.
struct HistoryEntry: Codable, Hashable {
    enum Step: Codable, Hashable {
        case created(Opportunity)
        case deleted(Opportunity)
        case updated(id: UUID, before: OpportunityPatch, after: OpportunityPatch)
        case noteAdded(Note)
        case noteDeleted(Note)
        case taskAdded(DealTask)
        case taskDeleted(DealTask)
        case taskUpdated(id: UUID, before: TaskPatch, after: TaskPatch)

        /// The step that takes it back.
        var inverse: Step {
            switch self {
            case .created(let opportunity): return .deleted(opportunity)
            case .deleted(let opportunity): return .created(opportunity)
            case let .updated(id, before, after): return .updated(id: id, before: after, after: before)
            case .noteAdded(let note): return .noteDeleted(note)
            case .noteDeleted(let note): return .noteAdded(note)
            case .taskAdded(let task): return .taskDeleted(task)
            case .taskDeleted(let task): return .taskAdded(task)
            case let .taskUpdated(id, before, after): return .taskUpdated(id: id, before: after, after: before)
            }
        }

        /// The step with its change taking effect at `time` (see `OpportunityPatch.stamped(at:)`); a task marked
        /// done is done at that time too.
        func stamped(at time: Date) -> Step {
            switch self {
            case let .updated(id, before, after):
                return .updated(id: id, before: before, after: after.stamped(at: time))
            case .taskUpdated(let id, let before, var after):
                after.updatedAt = after.updatedAt ?? time
                if after.isDone == true { after.completedAt = after.completedAt ?? time }
                return .taskUpdated(id: id, before: before, after: after)
            default: return self
            }
        }
    }

    var label: String
    var steps: [Step]
    /// The outbox entry each step queued (nil where it queued none), so that undo can take back a change that
    /// has not reached the provider instead of sending a compensating one. Absent in entries written before.
    var queued: [Int64?]?

    var inverse: HistoryEntry { HistoryEntry(label: label, steps: steps.reversed().map(\.inverse)) }

    /// How many levels of undo are kept.
    static let depth = 200

    func record() throws -> HistoryRecord {
        HistoryRecord(label: label, payload: try HistoryEntry.encoder.encode(self))
    }

    init(label: String, steps: [Step]) {
        self.label = label
        self.steps = steps
    }

    init(_ record: HistoryRecord) throws {
        self = try HistoryEntry.decoder.decode(HistoryEntry.self, from: record.payload)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()
}

import Foundation
import PipeboardCore
import PipeboardStore

/// One undoable user action, as the steps that carried it out.
struct HistoryEntry: Codable, Hashable {
    enum Step: Codable, Hashable {
        case created(Opportunity)
        case deleted(Opportunity)
        case updated(id: UUID, before: OpportunityPatch, after: OpportunityPatch)

        /// The step that takes it back.
        var inverse: Step {
            switch self {
            case .created(let opportunity): return .deleted(opportunity)
            case .deleted(let opportunity): return .created(opportunity)
            case let .updated(id, before, after): return .updated(id: id, before: after, after: before)
            }
        }

        /// The step with its change taking effect at `time` (see `OpportunityPatch.stamped(at:)`).
        func stamped(at time: Date) -> Step {
            guard case let .updated(id, before, after) = self else { return self }
            return .updated(id: id, before: before, after: after.stamped(at: time))
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

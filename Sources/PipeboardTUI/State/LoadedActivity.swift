import Foundation
import PipeboardCore

/// A deal's notes and tasks as read for its details.
package struct LoadedActivity: Hashable, Sendable {
    package var id: UUID
    package var notes: [Note]
    package var tasks: [DealTask]

    package init(id: UUID, notes: [Note], tasks: [DealTask]) {
        self.id = id
        self.notes = notes
        self.tasks = tasks
    }

    /// Notes and tasks in one list, newest first by when each was made (a task keeps its place when it is done);
    /// made at the same moment, a task comes before a note.
    var entries: [ActivityEntry] {
        (notes.map(ActivityEntry.note) + tasks.map(ActivityEntry.task)).sorted { a, b in
            if a.createdAt != b.createdAt { return a.createdAt > b.createdAt }
            if a.isTask != b.isTask { return a.isTask }
            return a.id.uuidString < b.id.uuidString
        }
    }

    /// The tasks in the timeline's order: where the cursor stops.
    var taskOrder: [UUID] {
        entries.compactMap { entry in
            if case .task(let task) = entry { task.id } else { nil }
        }
    }

    func task(id: UUID) -> DealTask? { tasks.first { $0.id == id } }
}

/// One line of a deal's timeline of notes and tasks.
enum ActivityEntry: Hashable {
    case note(Note)
    case task(DealTask)

    var id: UUID {
        switch self {
        case .note(let note): note.id
        case .task(let task): task.id
        }
    }

    var isTask: Bool {
        if case .task = self { true } else { false }
    }

    var createdAt: Date {
        switch self {
        case .note(let note): note.createdAt
        case .task(let task): task.createdAt
        }
    }
}

import Foundation

/// A deal's next step: its earliest open task, as the board and `list` show it with the card.
public struct NextStep: Hashable, Sendable {
    public var taskID: UUID
    public var title: String
    public var due: DueDate?

    public init(taskID: UUID, title: String, due: DueDate?) {
        self.taskID = taskID
        self.title = title
        self.due = due
    }

    /// How the step stands on `today` (an ISO day).
    public func timing(today: String) -> NextStepTiming {
        guard let due else { return .undated }
        if due.day < today { return .overdue }
        return due.day == today ? .today : .upcoming
    }
}

/// Where a next step stands: what the card colours and marks it by.
public enum NextStepTiming: String, Hashable, Sendable, CaseIterable {
    case overdue, today, upcoming, undated
}

/// A task's fields that an edit changes and a conflict names.
public enum TaskField: String, CaseIterable, Codable, Sendable, Hashable {
    case title, due, done

    public var label: String { rawValue }
}

extension TaskPatch {
    public var fields: Set<TaskField> {
        var fields: Set<TaskField> = []
        if title != nil { fields.insert(.title) }
        if due != nil { fields.insert(.due) }
        if isDone != nil { fields.insert(.done) }
        return fields
    }

    /// The fields this patch changes that the provider also changed since `base` (its task as last read), to a
    /// value other than this patch's: sending would overwrite their change blindly.
    public func conflicts(base: DealTask, theirs: DealTask) -> Set<TaskField> {
        var clashing: Set<TaskField> = []
        if let title, theirs.title != base.title, theirs.title != title { clashing.insert(.title) }
        if let due, theirs.due != base.due, theirs.due != due { clashing.insert(.due) }
        if let isDone, theirs.isDone != base.isDone, theirs.isDone != isDone { clashing.insert(.done) }
        return clashing
    }

    /// Only the named fields.
    public func only(_ kept: Set<TaskField>) -> TaskPatch {
        TaskPatch(
            title: kept.contains(.title) ? title : nil, due: kept.contains(.due) ? due : nil,
            isDone: kept.contains(.done) ? isDone : nil, completedAt: kept.contains(.done) ? completedAt : nil,
            updatedAt: updatedAt)
    }

    /// The patch without its times, as the outbox sends it.
    public var unstamped: TaskPatch {
        var copy = self
        copy.updatedAt = nil
        return copy
    }
}

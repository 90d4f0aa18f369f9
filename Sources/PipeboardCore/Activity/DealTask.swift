import Foundation

/// A task on a deal: something to do by a day. The earliest open task of a deal is its next step.
/// (Named so that it is never mistaken for Swift's concurrency `Task`.)
public struct DealTask: Hashable, Sendable, Codable, Identifiable {
    /// Local identity from birth, as a card's.
    public var id: UUID
    public var account: String
    /// The local id of the deal it belongs to.
    public var opportunityID: UUID
    /// The provider's id, once delivered.
    public var remoteID: String?
    public var title: String
    /// Nil where the provider keeps a task without one; such a task comes after every dated one.
    public var due: DueDate?
    public var isDone: Bool
    /// When it was marked done, where known.
    public var completedAt: Date?
    /// Who it is assigned to, where the provider says.
    public var owner: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// The provider's record as last received, so that an edit loses nothing the board does not show.
    public var raw: String?

    public init(
        id: UUID = .random(), account: String, opportunityID: UUID, remoteID: String? = nil, title: String,
        due: DueDate? = nil, isDone: Bool = false, completedAt: Date? = nil, owner: String? = nil,
        createdAt: Date, updatedAt: Date? = nil, raw: String? = nil
    ) {
        self.id = id
        self.account = account
        self.opportunityID = opportunityID
        self.remoteID = remoteID
        self.title = title
        self.due = due
        self.isDone = isDone
        self.completedAt = completedAt
        self.owner = owner
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.raw = raw
    }

    /// This task with `patch` applied at `now`.
    public func applying(_ patch: TaskPatch, now: Date) -> DealTask {
        var copy = self
        if let title = patch.title { copy.title = title }
        if let due = patch.due { copy.due = due }
        if let isDone = patch.isDone, isDone != copy.isDone {
            copy.isDone = isDone
            copy.completedAt = isDone ? (patch.completedAt ?? now) : nil
        }
        copy.updatedAt = patch.updatedAt ?? now
        return copy
    }

    /// The patch that turns this task into `other`, field by field, times included (what undo sends back).
    public func patch(to other: DealTask) -> TaskPatch {
        TaskPatch(
            title: other.title == title ? nil : other.title,
            due: other.due == due ? nil : other.due,
            isDone: other.isDone == isDone ? nil : other.isDone,
            completedAt: other.isDone == isDone ? nil : other.completedAt,
            updatedAt: other.updatedAt)
    }
}

/// A change to a task; nil leaves a field alone. The due date can be changed, not cleared: HighLevel requires one.
public struct TaskPatch: Hashable, Sendable, Codable {
    public var title: String?
    public var due: DueDate?
    public var isDone: Bool?
    /// When it was marked done; nil: when the patch is applied. Undo and redo put it back exactly.
    public var completedAt: Date?
    /// When the change took effect; nil: when the patch is applied.
    public var updatedAt: Date?

    public init(
        title: String? = nil, due: DueDate? = nil, isDone: Bool? = nil, completedAt: Date? = nil,
        updatedAt: Date? = nil
    ) {
        self.title = title
        self.due = due
        self.isDone = isDone
        self.completedAt = completedAt
        self.updatedAt = updatedAt
    }

    public var isEmpty: Bool { title == nil && due == nil && isDone == nil }
}

/// A task as a provider returns it, already sanitised.
public struct RemoteTask: Hashable, Sendable {
    public var remoteID: String
    public var title: String
    public var due: DueDate?
    public var isDone: Bool
    public var completedAt: Date?
    public var owner: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var raw: String?

    public init(
        remoteID: String, title: String, due: DueDate? = nil, isDone: Bool = false, completedAt: Date? = nil,
        owner: String? = nil, createdAt: Date, updatedAt: Date? = nil, raw: String? = nil
    ) {
        self.remoteID = remoteID
        self.title = title
        self.due = due
        self.isDone = isDone
        self.completedAt = completedAt
        self.owner = owner
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.raw = raw
    }

    /// The task for this record on the deal `opportunityID`, keeping the local identity of `existing`.
    public func task(account: String, opportunityID: UUID, existing: DealTask?) -> DealTask {
        DealTask(
            id: existing?.id ?? .random(), account: account, opportunityID: opportunityID, remoteID: remoteID,
            title: title, due: due, isDone: isDone, completedAt: completedAt, owner: owner, createdAt: createdAt,
            updatedAt: updatedAt, raw: raw)
    }
}

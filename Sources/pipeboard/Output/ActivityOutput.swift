import Foundation
import PipeboardCore

/// The JSON shapes of notes, tasks, next steps and the agenda on the command line (documented in README).
/// Every key is always present.
struct NoteOutput: Encodable {
    let note: Note

    enum Key: String, CodingKey { case id, remote_id, deal_id, text, author, created_at }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(note.id.uuidString.lowercased(), forKey: .id)
        try container.encode(note.remoteID, forKey: .remote_id)
        try container.encode(note.opportunityID.uuidString.lowercased(), forKey: .deal_id)
        try container.encode(note.text, forKey: .text)
        try container.encode(note.author, forKey: .author)
        try container.encode(ISOTime.string(from: note.createdAt), forKey: .created_at)
    }
}

struct TaskOutput: Encodable {
    let task: DealTask
    /// Today, as an ISO day: what "overdue" is measured against.
    let today: String

    enum Key: String, CodingKey {
        case id, remote_id, deal_id, title, due, done, overdue, completed_at, owner, created_at, updated_at
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(task.id.uuidString.lowercased(), forKey: .id)
        try container.encode(task.remoteID, forKey: .remote_id)
        try container.encode(task.opportunityID.uuidString.lowercased(), forKey: .deal_id)
        try container.encode(task.title, forKey: .title)
        try container.encode(task.due?.iso, forKey: .due)
        try container.encode(task.isDone, forKey: .done)
        try container.encode(!task.isDone && task.due?.isOverdue(today: today) == true, forKey: .overdue)
        try container.encode(task.completedAt.map(ISOTime.string), forKey: .completed_at)
        try container.encode(task.owner, forKey: .owner)
        try container.encode(ISOTime.string(from: task.createdAt), forKey: .created_at)
        try container.encode(ISOTime.string(from: task.updatedAt), forKey: .updated_at)
    }
}

/// `next_step` in `list --format json` and the agenda: the deal's earliest open task.
struct NextStepOutput: Encodable {
    let step: NextStep
    let today: String

    enum Key: String, CodingKey { case task_id, title, due, overdue }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(step.taskID.uuidString.lowercased(), forKey: .task_id)
        try container.encode(step.title, forKey: .title)
        try container.encode(step.due?.iso, forKey: .due)
        try container.encode(step.timing(today: today) == .overdue, forKey: .overdue)
    }
}

struct AgendaOutput: Encodable {
    let group: Agenda.Group
    let entry: Agenda.Entry
    let stageName: String
    let today: String

    enum Key: String, CodingKey { case group, deal_id, name, account, stage, next_step }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(group.rawValue, forKey: .group)
        try container.encode(entry.opportunity.id.uuidString.lowercased(), forKey: .deal_id)
        try container.encode(entry.opportunity.name, forKey: .name)
        try container.encode(entry.opportunity.account, forKey: .account)
        try container.encode(stageName, forKey: .stage)
        try container.encode(entry.nextStep.map { NextStepOutput(step: $0, today: today) }, forKey: .next_step)
    }
}

import Foundation
import GRDB
import PipeboardCore

/// Maps `Note` to and from the `note` table.
enum NoteRow {
    static let columns = ["id", "account", "opportunity_id", "remote_id", "text", "created_at", "author"]
    static let selection = columns.joined(separator: ", ")

    static let upsertSQL = """
        INSERT INTO note (\(selection)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
        ON CONFLICT (id) DO UPDATE SET \(columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
        """

    static func arguments(for note: Note) -> StatementArguments {
        [
            OpportunityRow.key(note.id), note.account, OpportunityRow.key(note.opportunityID), note.remoteID,
            note.text, DateColumn.encode(note.createdAt), note.author,
        ]
    }

    static func decode(_ row: Row) throws -> Note {
        let idText: String = try row.checked("id")
        let dealText: String = try row.checked("opportunity_id")
        guard let id = UUID(uuidString: idText), let deal = UUID(uuidString: dealText) else {
            throw StoreError.corrupt("note id \"\(idText)\"")
        }
        return try Note(
            id: id, account: row.checked("account"), opportunityID: deal, remoteID: row.checked("remote_id"),
            text: row.checked("text"), createdAt: DateColumn.decode(row.checked("created_at")),
            author: row.checked("author"))
    }

    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments) throws -> [Note] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map(decode)
    }
}

/// Maps `DealTask` to and from the `task` table.
enum TaskRow {
    static let columns = [
        "id", "account", "opportunity_id", "remote_id", "title", "due_day", "due_time", "due_key", "done",
        "completed_at", "owner", "created_at", "updated_at", "raw",
    ]
    static let selection = columns.joined(separator: ", ")

    /// Writes every column but the base, which only delivery and pulls set (`saveTaskBase`).
    static let upsertSQL = """
        INSERT INTO task (\(selection)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
        ON CONFLICT (id) DO UPDATE SET \(columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
        """

    /// The order of `task_next_step`: by due date, a day without a time after that day's times, none last.
    static func dueKey(_ due: DueDate?) -> String {
        guard let due else { return "~" }
        return due.day + " " + (due.time ?? "24:00")
    }

    static func arguments(for task: DealTask) -> StatementArguments {
        [
            OpportunityRow.key(task.id), task.account, OpportunityRow.key(task.opportunityID), task.remoteID,
            task.title, task.due?.day, task.due?.time, dueKey(task.due), task.isDone,
            task.completedAt.map(DateColumn.encode), task.owner, DateColumn.encode(task.createdAt),
            DateColumn.encode(task.updatedAt), task.raw,
        ]
    }

    static func decode(_ row: Row) throws -> DealTask {
        let idText: String = try row.checked("id")
        let dealText: String = try row.checked("opportunity_id")
        guard let id = UUID(uuidString: idText), let deal = UUID(uuidString: dealText) else {
            throw StoreError.corrupt("task id \"\(idText)\"")
        }
        let day: String? = try row.checked("due_day")
        let time: String? = try row.checked("due_time")
        return try DealTask(
            id: id, account: row.checked("account"), opportunityID: deal, remoteID: row.checked("remote_id"),
            title: row.checked("title"), due: day.map { DueDate(day: $0, time: time) }, isDone: row.checked("done"),
            completedAt: (row.checked("completed_at") as Double?).map(DateColumn.decode), owner: row.checked("owner"),
            createdAt: DateColumn.decode(row.checked("created_at")),
            updatedAt: DateColumn.decode(row.checked("updated_at")), raw: row.checked("raw"))
    }

    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments) throws -> [DealTask] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map(decode)
    }
}

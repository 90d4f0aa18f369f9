import Foundation

// The JSON of HighLevel's contact notes and tasks (apps/contacts.json), as the client reads and writes it.

/// `GetNoteSchema`.
struct HLNote: Decodable {
    let id: String
    let body: String?
    let title: String?
    let userId: String?
    let dateAdded: String?
    let raw: String?

    enum CodingKeys: String, CodingKey { case id, body, title, userId, dateAdded }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        body = try container.decodeIfPresent(String.self, forKey: .body)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        userId = try container.decodeIfPresent(String.self, forKey: .userId)
        dateAdded = try container.decodeIfPresent(String.self, forKey: .dateAdded)
        raw = JSONValue.rawText(from: decoder)
    }
}

struct HLNotesResponse: Decodable { let notes: [HLNote] }
struct HLNoteResponse: Decodable { let note: HLNote }

/// `TaskSchema`. `dateAdded` is not in the schema; it is read where an answer has it.
struct HLTask: Decodable {
    let id: String
    let title: String?
    let dueDate: String?
    let completed: Bool?
    let assignedTo: String?
    let dateAdded: String?
    let raw: String?

    enum CodingKeys: String, CodingKey { case id, title, dueDate, completed, assignedTo, dateAdded }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        dueDate = try container.decodeIfPresent(String.self, forKey: .dueDate)
        completed = try container.decodeIfPresent(Bool.self, forKey: .completed)
        assignedTo = try container.decodeIfPresent(String.self, forKey: .assignedTo)
        dateAdded = try container.decodeIfPresent(String.self, forKey: .dateAdded)
        raw = JSONValue.rawText(from: decoder)
    }
}

struct HLTasksResponse: Decodable { let tasks: [HLTask] }
struct HLTaskResponse: Decodable { let task: HLTask }

/// `NotesDTO`: `body` is required.
struct HLNoteBody: Encodable { let body: String }

/// `CreateTaskParams` (title, dueDate and completed required) and `UpdateTaskBody` (all optional): only the fields
/// set are sent.
struct HLTaskBody: Encodable {
    var title: String?
    var dueDate: String?
    var completed: Bool?
}

/// `UpdateTaskStatusParams`.
struct HLTaskCompletedBody: Encodable { let completed: Bool }

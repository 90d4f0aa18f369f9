import Foundation

// Notes and tasks live on the contact (apps/contacts.json): GET/POST /contacts/{contactId}/notes,
// GET/PUT/DELETE /contacts/{contactId}/notes/{id}, GET/POST /contacts/{contactId}/tasks,
// GET/PUT/DELETE /contacts/{contactId}/tasks/{taskId} and PUT .../tasks/{taskId}/completed. The spec documents
// 400, 401 and 422 for them, no 404: an unknown contact, note or task is a 400.

extension HighLevelFake {
    /// A note as `GetNoteSchema` describes it.
    package struct Note: Codable, Sendable, Hashable {
        package var id: String
        package var body: String
        package var userId: String?
        package var dateAdded: String
        package var contactId: String
        package var title: String?
        package var color: String?
        package var pinned: Bool?
    }

    /// A task as `TaskSchema` describes it.
    package struct ContactTask: Codable, Sendable, Hashable {
        package var id: String
        package var title: String
        package var body: String?
        package var assignedTo: String?
        package var dueDate: String
        package var completed: Bool
        package var contactId: String
    }

    static let noteKeys: Set<String> = ["userId", "body", "title", "color", "pinned"]
    static let taskKeys: Set<String> = ["title", "body", "dueDate", "completed", "assignedTo"]

    // MARK: Reading and changing them from tests, as someone in HighLevel's own app would

    package var notes: [Note] { state.withLock { $0.notes.sorted { ($0.dateAdded, $0.id) < ($1.dateAdded, $1.id) } } }
    package var tasks: [ContactTask] { state.withLock { $0.tasks.sorted { $0.id < $1.id } } }
    package func task(id: String) -> ContactTask? { state.withLock { $0.tasks.first { $0.id == id } } }

    /// Adds a note to a contact as HighLevel's app would; returns it.
    @discardableResult
    package func addNote(contactID: String, body: String, userID: String? = nil, at date: Date = Date()) -> Note {
        let note = Note(
            id: FakeIDs.highLevel(), body: body, userId: userID, dateAdded: FakeDates.string(date),
            contactId: contactID)
        state.withLock { $0.notes.append(note) }
        return note
    }

    /// Adds a task to a contact as HighLevel's app would; returns it.
    @discardableResult
    package func addTask(
        contactID: String, title: String, due: Date, completed: Bool = false, assignedTo: String? = nil
    ) -> ContactTask {
        let task = ContactTask(
            id: FakeIDs.highLevel(), title: title, assignedTo: assignedTo, dueDate: FakeDates.string(due),
            completed: completed, contactId: contactID)
        state.withLock { $0.tasks.append(task) }
        return task
    }

    // MARK: Routes

    /// The answer for `/contacts/{contactId}/notes...` and `/contacts/{contactId}/tasks...`; nil for other paths.
    func activityRoute(_ request: FakeRequest) -> FakeReply? {
        let path = request.path, method = request.method
        guard path.count >= 3, path[0] == "contacts", ["notes", "tasks"].contains(path[2]) else { return nil }
        let contactID = path[1]
        guard state.withLock({ $0.contacts[contactID] != nil }) else {
            return Self.badRequest("Contact not found")
        }
        switch (path[2], path.count, method) {
        case ("notes", 3, "GET"): return listNotes(contactID)
        case ("notes", 3, "POST"): return createNote(contactID, request)
        case ("notes", 4, "GET"): return note(path[3], of: contactID)
        case ("notes", 4, "PUT"): return updateNote(path[3], of: contactID, request)
        case ("notes", 4, "DELETE"): return deleteNote(path[3], of: contactID)
        case ("tasks", 3, "GET"): return listTasks(contactID)
        case ("tasks", 3, "POST"): return createTask(contactID, request)
        case ("tasks", 4, "GET"): return task(path[3], of: contactID)
        case ("tasks", 4, "PUT"): return updateTask(path[3], of: contactID, request)
        case ("tasks", 4, "DELETE"): return deleteTask(path[3], of: contactID)
        case ("tasks", 5, "PUT") where path[4] == "completed": return completeTask(path[3], of: contactID, request)
        default: return nil
        }
    }

    private func listNotes(_ contactID: String) -> FakeReply {
        struct Body: Encodable { let notes: [Note] }
        return .json(200, Body(notes: notes.filter { $0.contactId == contactID }))
    }

    private func note(_ id: String, of contactID: String) -> FakeReply {
        guard let note = notes.first(where: { $0.id == id && $0.contactId == contactID }) else {
            return Self.badRequest("Note not found")
        }
        struct Body: Encodable { let note: Note }
        return .json(200, Body(note: note))
    }

    /// `NotesDTO`: `body` required; `userId`, `title`, `color` strings, `pinned` a boolean.
    private func noteProblems(_ body: [String: Any], creating: Bool) -> [String] {
        var problems = body.keys.filter { !Self.noteKeys.contains($0) }.sorted().map {
            "property \($0) should not exist"
        }
        if creating && body["body"] == nil { problems.append("body should not be empty") }
        for key in ["body", "userId", "title", "color"] where body[key] != nil && !(body[key] is String) {
            problems.append("\(key) must be a string")
        }
        if let pinned = body["pinned"], !Self.isBoolean(pinned) { problems.append("pinned must be a boolean value") }
        return problems
    }

    private func createNote(_ contactID: String, _ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.badRequest("Unexpected token in JSON") }
        let problems = noteProblems(body, creating: true)
        guard problems.isEmpty else { return Self.unprocessable(problems) }
        let note = Note(
            id: FakeIDs.highLevel(), body: body["body"] as! String, userId: body["userId"] as? String,
            dateAdded: FakeDates.string(Date()), contactId: contactID, title: body["title"] as? String,
            color: body["color"] as? String, pinned: (body["pinned"] as? NSNumber)?.boolValue)
        state.withLock { $0.notes.append(note) }
        struct Body: Encodable { let note: Note }
        return .json(201, Body(note: note), isWrite: true)
    }

    private func updateNote(_ id: String, of contactID: String, _ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.badRequest("Unexpected token in JSON") }
        let problems = noteProblems(body, creating: false)
        guard problems.isEmpty else { return Self.unprocessable(problems) }
        return state.withLock { state in
            guard let index = state.notes.firstIndex(where: { $0.id == id && $0.contactId == contactID }) else {
                return Self.badRequest("Note not found")
            }
            if let text = body["body"] as? String { state.notes[index].body = text }
            if let user = body["userId"] as? String { state.notes[index].userId = user }
            if let title = body["title"] as? String { state.notes[index].title = title }
            if let color = body["color"] as? String { state.notes[index].color = color }
            if let pinned = body["pinned"] as? NSNumber { state.notes[index].pinned = pinned.boolValue }
            struct Body: Encodable { let note: Note }
            return .json(200, Body(note: state.notes[index]), isWrite: true)
        }
    }

    private func deleteNote(_ id: String, of contactID: String) -> FakeReply {
        state.withLock { state in
            guard let index = state.notes.firstIndex(where: { $0.id == id && $0.contactId == contactID }) else {
                return Self.badRequest("Note not found")
            }
            state.notes.remove(at: index)
            return .json(200, Succeeded(), isWrite: true)
        }
    }

    private func listTasks(_ contactID: String) -> FakeReply {
        struct Body: Encodable { let tasks: [ContactTask] }
        return .json(200, Body(tasks: state.withLock { $0.tasks.filter { $0.contactId == contactID } }))
    }

    private func task(_ id: String, of contactID: String) -> FakeReply {
        guard let task = state.withLock({ $0.tasks.first { $0.id == id && $0.contactId == contactID } }) else {
            return Self.badRequest("Task not found")
        }
        struct Body: Encodable { let task: ContactTask }
        return .json(200, Body(task: task))
    }

    /// `CreateTaskParams` (`title`, `dueDate`, `completed` required) and `UpdateTaskBody` (all optional).
    private func taskProblems(_ body: [String: Any], creating: Bool) -> [String] {
        var problems = body.keys.filter { !Self.taskKeys.contains($0) }.sorted().map {
            "property \($0) should not exist"
        }
        for key in ["title", "dueDate"] where creating && body[key] == nil {
            problems.append("\(key) should not be empty")
        }
        if creating && body["completed"] == nil { problems.append("completed must be a boolean value") }
        for key in ["title", "body", "assignedTo", "dueDate"] where body[key] != nil && !(body[key] is String) {
            problems.append("\(key) must be a string")
        }
        if let due = body["dueDate"] as? String, Self.date(due) == nil {
            problems.append("dueDate must be a valid ISO 8601 date string")
        }
        if let completed = body["completed"], !Self.isBoolean(completed) {
            problems.append("completed must be a boolean value")
        }
        return problems
    }

    private func createTask(_ contactID: String, _ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.badRequest("Unexpected token in JSON") }
        let problems = taskProblems(body, creating: true)
        guard problems.isEmpty else { return Self.unprocessable(problems) }
        let task = ContactTask(
            id: FakeIDs.highLevel(), title: body["title"] as! String, body: body["body"] as? String,
            assignedTo: body["assignedTo"] as? String, dueDate: Self.normalised(body["dueDate"] as! String),
            completed: (body["completed"] as! NSNumber).boolValue, contactId: contactID)
        state.withLock { $0.tasks.append(task) }
        struct Body: Encodable { let task: ContactTask }
        return .json(201, Body(task: task), isWrite: true)
    }

    private func updateTask(_ id: String, of contactID: String, _ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.badRequest("Unexpected token in JSON") }
        let problems = taskProblems(body, creating: false)
        guard problems.isEmpty else { return Self.unprocessable(problems) }
        return state.withLock { state in
            guard let index = state.tasks.firstIndex(where: { $0.id == id && $0.contactId == contactID }) else {
                return Self.badRequest("Task not found")
            }
            if let title = body["title"] as? String { state.tasks[index].title = title }
            if let text = body["body"] as? String { state.tasks[index].body = text }
            if let owner = body["assignedTo"] as? String { state.tasks[index].assignedTo = owner }
            if let due = body["dueDate"] as? String { state.tasks[index].dueDate = Self.normalised(due) }
            if let done = body["completed"] as? NSNumber { state.tasks[index].completed = done.boolValue }
            struct Body: Encodable { let task: ContactTask }
            return .json(200, Body(task: state.tasks[index]), isWrite: true)
        }
    }

    /// `UpdateTaskStatusParams`: `completed`, a boolean, required.
    private func completeTask(_ id: String, of contactID: String, _ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.badRequest("Unexpected token in JSON") }
        var problems = body.keys.filter { $0 != "completed" }.sorted().map { "property \($0) should not exist" }
        if !(body["completed"].map(Self.isBoolean) ?? false) { problems.append("completed must be a boolean value") }
        guard problems.isEmpty, let done = body["completed"] as? NSNumber else { return Self.unprocessable(problems) }
        return state.withLock { state in
            guard let index = state.tasks.firstIndex(where: { $0.id == id && $0.contactId == contactID }) else {
                return Self.badRequest("Task not found")
            }
            state.tasks[index].completed = done.boolValue
            struct Body: Encodable { let task: ContactTask }
            return .json(200, Body(task: state.tasks[index]), isWrite: true)
        }
    }

    private func deleteTask(_ id: String, of contactID: String) -> FakeReply {
        state.withLock { state in
            guard let index = state.tasks.firstIndex(where: { $0.id == id && $0.contactId == contactID }) else {
                return Self.badRequest("Task not found")
            }
            state.tasks.remove(at: index)
            return .json(200, Succeeded(), isWrite: true)
        }
    }

    /// JSON's true and false, not numbers (JSONSerialization reads both as NSNumber).
    static func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    /// An ISO 8601 date-time, with or without fractional seconds (the spec's examples have both).
    static func date(_ text: String) -> Date? {
        (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle()))
    }

    /// Dates as the API writes them back: UTC with milliseconds.
    static func normalised(_ text: String) -> String { date(text).map(FakeDates.string) ?? text }
}

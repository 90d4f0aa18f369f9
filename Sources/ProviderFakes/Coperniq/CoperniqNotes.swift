import Foundation

// Notes on opportunities, as Coperniq's API reference gives them (the notes API of the reference providers.md
// cites): GET / POST /opportunities/{opportunityId}/notes, DELETE /notes/{noteId}. A note is text with its author;
// `NoteCreate` requires `body`. (Renamed from comments: the old paths are not served here.)

extension CoperniqFake {
    /// A note as the list gives it (`NoteListItem`), with the opportunity it is on.
    package struct Note: Codable, Sendable, Hashable {
        package var id: Int64
        package var note: String
        package var createdAt: String
        package var updatedAt: String
        package var opportunityId: Int64
        package var author: Author
    }

    /// `NoteListItemCreatedByUser`: the user whose API key wrote the note.
    package struct Author: Codable, Sendable, Hashable {
        package var id: Int64
        package var firstName: String
        package var lastName: String
        package var email: String
    }

    /// The user the fake's API key belongs to.
    static let keyUser = Author(id: 77, firstName: "Api", lastName: "User", email: "api.user@example.com")

    package var notes: [Note] { state.withLock { $0.notes.sorted { $0.id < $1.id } } }

    /// Adds a note as someone in Coperniq's own app would; returns it.
    @discardableResult
    package func addNote(opportunityID: Int64, text: String, at date: Date = Date()) -> Note {
        state.withLock { state in
            let note = Note(
                id: state.nextID, note: text, createdAt: FakeDates.string(date), updatedAt: FakeDates.string(date),
                opportunityId: opportunityID, author: Self.keyUser)
            state.nextID += 1
            state.notes.append(note)
            return note
        }
    }

    /// The answer for the notes paths (after `/v1`); nil for any other path.
    func notesRoute(_ path: [String], _ request: FakeRequest) -> FakeReply? {
        if path.count == 3, path[0] == "opportunities", path[2] == "notes" {
            guard let id = Int64(path[1]) else {
                return Self.invalid("opportunityId", "opportunityId must be an integer")
            }
            guard state.withLock({ $0.opportunities[id] != nil }) else {
                return Self.error(404, "NOT_FOUND", "Opportunity not found")
            }
            switch request.method {
            case "GET": return listNotes(id)
            case "POST": return createNote(id, request)
            default: return nil
            }
        }
        if path.count == 2, path[0] == "notes", request.method == "DELETE" {
            return deleteNote(path[1])
        }
        return nil
    }

    /// `ListNotesResponse`: `{notes: [{id, note, createdByUser, createdAt}], totalCount}`, newest first.
    private func listNotes(_ id: Int64) -> FakeReply {
        struct Item: Encodable {
            let id: Int64
            let note: String
            let createdByUser: Author
            let createdAt: String
        }
        struct Body: Encodable {
            let notes: [Item]
            let totalCount: Int
        }
        let items = notes.filter { $0.opportunityId == id }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
            .map { Item(id: $0.id, note: $0.note, createdByUser: $0.author, createdAt: $0.createdAt) }
        return .json(200, Body(notes: items, totalCount: items.count))
    }

    /// `NoteCreate`: `body` required, a string of 1 to 5,000 characters; `replyToId` an integer. Answers
    /// `NoteCreateResponse` (no author).
    private func createNote(_ id: Int64, _ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.invalid("body", "Request body must be a JSON object") }
        if let unknown = body.keys.sorted().first(where: { !["body", "replyToId"].contains($0) }) {
            return Self.invalid(unknown, "Unknown field '\(unknown)'")
        }
        guard let text = body["body"] as? String, (1...5_000).contains(text.count) else {
            return Self.invalid("body", "body is required: a string of 1 to 5000 characters")
        }
        let note = addNote(opportunityID: id, text: text)
        struct Created: Encodable {
            let id: Int64
            let note: String
            let createdAt: String
            let updatedAt: String
        }
        return .json(
            201, Created(id: note.id, note: note.note, createdAt: note.createdAt, updatedAt: note.updatedAt),
            isWrite: true)
    }

    private func deleteNote(_ id: String) -> FakeReply {
        state.withLock { state in
            guard let index = state.notes.firstIndex(where: { String($0.id) == id }) else {
                return Self.error(404, "NOT_FOUND", "Note not found")
            }
            state.notes.remove(at: index)
            return FakeReply(status: 200, body: Data(), isWrite: true)
        }
    }
}

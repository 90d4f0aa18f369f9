import Foundation
import PipeboardCore

/// Notes on a Coperniq opportunity: `GET / POST /opportunities/{opportunityId}/notes`, `DELETE /notes/{noteId}`.
/// Coperniq's reminders would be its tasks, but a reminder needs the id of a user to assign, which an API key does
/// not name: tasks are not offered.
extension CoperniqClient {
    package func notes(of deal: Opportunity) async throws -> [RemoteNote] {
        let data = try await transport.send(
            .GET, "/opportunities/\(HTTPTransport.segment(try remoteID(of: deal)))/notes")
        return try ProviderJSON.decode(CQNotesResponse.self, from: data, what: "Coperniq notes").notes.map(remote)
            .sorted { $0.createdAt > $1.createdAt }
    }

    /// Coperniq has no idempotency key for notes: when the answer is lost, the deal's notes are read for one with
    /// the same text made since the note was written, before the outbox tries again.
    package func addNote(_ note: Note, to deal: Opportunity) async throws -> RemoteNote {
        let path = "/opportunities/\(HTTPTransport.segment(try remoteID(of: deal)))/notes"
        do {
            let data = try await transport.send(.POST, path, json: try ProviderJSON.encode(CQNoteBody(body: note.text)))
            return remote(try ProviderJSON.decode(CQNote.self, from: data, what: "Coperniq note"))
        } catch let error as ProviderError where error.isRetryable {
            let since = note.createdAt.addingTimeInterval(-Self.clockSkew)
            let text = ProviderText.clean(note.text)
            if let applied = try? await notes(of: deal).first(where: { $0.text == text && $0.createdAt >= since }) {
                return applied
            }
            throw error
        }
    }

    /// A note Coperniq no longer has counts as deleted.
    package func deleteNote(remoteID: String, of deal: Opportunity) async throws {
        do {
            _ = try await transport.send(.DELETE, "/notes/\(HTTPTransport.segment(remoteID))")
        } catch ProviderError.notFound {
            return
        }
    }

    func remoteID(of deal: Opportunity) throws -> String {
        guard let remoteID = deal.remoteID else {
            throw ProviderError.rejected(status: 400, message: "the opportunity is not in Coperniq yet")
        }
        return remoteID
    }

    func remote(_ note: CQNote) -> RemoteNote {
        let author = [note.createdByUser?.firstName, note.createdByUser?.lastName].compactMap { $0?.nilIfBlank }
            .joined(separator: " ")
        return RemoteNote(
            remoteID: String(note.id), text: ProviderText.clean(note.note ?? ""),
            createdAt: ProviderDate.parse(note.createdAt) ?? Date(), author: ProviderText.clean(author).nilIfBlank,
            raw: note.raw)
    }
}

/// `ListNotesResponse`.
struct CQNotesResponse: Decodable { let notes: [CQNote] }

/// `NoteListItem` (and `NoteCreateResponse`, which has no author).
struct CQNote: Decodable {
    struct User: Decodable {
        let firstName: String?
        let lastName: String?
    }

    let id: Int64
    let note: String?
    let createdAt: String?
    let createdByUser: User?
    let raw: String?

    enum CodingKeys: String, CodingKey { case id, note, createdAt, createdByUser }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(FlexibleInt64.self, forKey: .id).value
        note = try container.decodeIfPresent(String.self, forKey: .note)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        createdByUser = try? container.decodeIfPresent(User.self, forKey: .createdByUser)
        raw = JSONValue.rawText(from: decoder)
    }
}

/// `NoteCreate`.
struct CQNoteBody: Encodable { let body: String }

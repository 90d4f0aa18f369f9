import Foundation

// The JSON of Twenty's note, task, noteTarget and taskTarget objects (core-activities.openapi.json), as the client
// reads and writes it.

/// RICH_TEXT_V2: either half may be sent alone, the server derives the other.
struct TwentyRichText: Codable {
    var markdown: String?
    var blocknote: String?
}

/// ACTOR, as answers carry it.
struct TwentyActor: Decodable {
    let name: String?
    let workspaceMemberId: String?
}

/// A note (`NoteForResponse`).
struct TwentyNote: Decodable {
    let id: String
    let title: String?
    let bodyV2: TwentyRichText?
    let createdAt: String?
    let deletedAt: String?
    let createdBy: TwentyActor?
    let raw: String?

    enum CodingKeys: String, CodingKey { case id, title, bodyV2, createdAt, deletedAt, createdBy }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        bodyV2 = try container.decodeIfPresent(TwentyRichText.self, forKey: .bodyV2)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        deletedAt = try container.decodeIfPresent(String.self, forKey: .deletedAt)
        createdBy = try? container.decodeIfPresent(TwentyActor.self, forKey: .createdBy)
        raw = JSONValue.rawText(from: decoder)
    }
}

/// A task (`TaskForResponse`); at depth 1 with its targets, each naming its deal by the workspace's link field.
struct TwentyTask: Decodable {
    let id: String
    let title: String?
    let dueAt: String?
    let status: String?
    let assigneeId: String?
    let createdAt: String?
    let updatedAt: String?
    let deletedAt: String?
    let taskTargets: [[String: JSONValue]]?
    let raw: String?

    enum CodingKeys: String, CodingKey {
        case id, title, dueAt, status, assigneeId, createdAt, updatedAt, deletedAt, taskTargets
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        dueAt = try container.decodeIfPresent(String.self, forKey: .dueAt)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        assigneeId = try container.decodeIfPresent(String.self, forKey: .assigneeId)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        updatedAt = try container.decodeIfPresent(String.self, forKey: .updatedAt)
        deletedAt = try container.decodeIfPresent(String.self, forKey: .deletedAt)
        taskTargets = try container.decodeIfPresent([[String: JSONValue]].self, forKey: .taskTargets)
        raw = JSONValue.rawText(from: decoder)
    }
}

/// A noteTarget or taskTarget at depth 1: the note or task it links, under `note` / `task`.
struct TwentyTarget<Linked: Decodable>: Decodable {
    let linked: Linked?

    struct Key: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let name = Linked.self == TwentyNote.self ? "note" : "task"
        linked = try container.decodeIfPresent(Linked.self, forKey: Key(name))
    }
}

/// `{data: {<plural>: [...]}, pageInfo}`, for any object's list.
struct TwentyPage<Record: Decodable>: Decodable {
    let records: [Record]
    let next: String?

    struct Key: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    struct PageInfo: Decodable {
        let hasNextPage: Bool?
        let endCursor: String?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let data = try container.nestedContainer(keyedBy: Key.self, forKey: Key("data"))
        guard let key = data.allKeys.first else {
            throw DecodingError.keyNotFound(
                Key("records"), .init(codingPath: data.codingPath, debugDescription: "no list in data"))
        }
        records = try data.decode([Record].self, forKey: key)
        let info = try container.decodeIfPresent(PageInfo.self, forKey: Key("pageInfo"))
        next = info?.hasNextPage == true ? info?.endCursor : nil
    }
}

/// `{data: {<createNote | updateTask | task | ...>: record}}`.
struct TwentyOne<Record: Decodable>: Decodable {
    let record: Record

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TwentyPage<Record>.Key.self)
        let data = try container.nestedContainer(keyedBy: TwentyPage<Record>.Key.self, forKey: .init("data"))
        guard let key = data.allKeys.first else {
            throw DecodingError.keyNotFound(
                TwentyPage<Record>.Key("record"), .init(codingPath: data.codingPath, debugDescription: "empty data"))
        }
        record = try data.decode(Record.self, forKey: key)
    }
}

/// Body of a note create (the local id, so a retried create is the same record) or update.
struct TwentyNoteBody: Encodable {
    var id: String?
    var title: String?
    var bodyV2: TwentyRichText?
}

/// Body of a task create or update: only the fields set are sent.
struct TwentyTaskBody: Encodable {
    var id: String?
    var title: String?
    var dueAt: String?
    var status: String?
}

/// Body of a target create: the note or task, and the deal under the workspace's link field name.
struct TwentyTargetBody: Encodable {
    let id: String
    let parentField: String
    let parentID: String
    let linkField: String
    let dealID: String

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TwentyPage<TwentyNote>.Key.self)
        try container.encode(id, forKey: .init("id"))
        try container.encode(parentID, forKey: .init(parentField))
        try container.encode(dealID, forKey: .init(linkField))
    }
}

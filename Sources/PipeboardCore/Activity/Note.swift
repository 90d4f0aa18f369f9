import Foundation

/// A note on a deal: what happened. Kept with the deal it belongs to; the provider's id arrives on delivery.
public struct Note: Hashable, Sendable, Codable, Identifiable {
    /// Local identity from birth, as a card's.
    public var id: UUID
    public var account: String
    /// The local id of the deal it belongs to.
    public var opportunityID: UUID
    /// The provider's id, once delivered.
    public var remoteID: String?
    public var text: String
    public var createdAt: Date
    /// Who wrote it, where the provider says (a user's name or id).
    public var author: String?

    public init(
        id: UUID = .random(), account: String, opportunityID: UUID, remoteID: String? = nil, text: String,
        createdAt: Date, author: String? = nil
    ) {
        self.id = id
        self.account = account
        self.opportunityID = opportunityID
        self.remoteID = remoteID
        self.text = text
        self.createdAt = createdAt
        self.author = author
    }
}

/// A note as a provider returns it, already sanitised.
public struct RemoteNote: Hashable, Sendable {
    public var remoteID: String
    public var text: String
    public var createdAt: Date
    public var author: String?
    /// The provider's record as received.
    public var raw: String?

    public init(remoteID: String, text: String, createdAt: Date, author: String? = nil, raw: String? = nil) {
        self.remoteID = remoteID
        self.text = text
        self.createdAt = createdAt
        self.author = author
        self.raw = raw
    }

    /// The note for this record on the deal `opportunityID`, keeping the local identity of `existing`.
    public func note(account: String, opportunityID: UUID, existing: Note?) -> Note {
        Note(
            id: existing?.id ?? .random(), account: account, opportunityID: opportunityID, remoteID: remoteID,
            text: text, createdAt: createdAt, author: author)
    }
}

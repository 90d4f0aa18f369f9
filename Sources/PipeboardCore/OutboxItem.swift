import Foundation

/// One undelivered change as the outbox list shows it (board overlay on `o`, `pipeboard outbox`).
public struct OutboxItem: Hashable, Sendable, Identifiable {
    public enum State: String, Hashable, Sendable {
        /// Waiting for its turn, or for a retry after a temporary failure.
        case pending
        /// Refused by the provider, with its reason; edit the card to resend, or discard.
        case failed
        /// The provider changed the same field or deleted the record; keep mine or take theirs.
        case conflict
        /// The account's credentials were refused: its queue waits until they are fixed.
        case paused
    }

    public var id: Int64
    public var account: String
    public var opportunityID: UUID
    /// The card's name (or the deleted card's last name).
    public var cardName: String
    /// What the change does: "move to Proposal", "edit value, name", "create", "delete".
    public var summary: String
    public var state: State
    /// The provider's reason for the last failure, retry or conflict.
    public var reason: String?
    public var attempts: Int
    /// When a retry is due, if one is scheduled.
    public var nextTry: Date?
    /// For a conflict: both sides of every field at stake.
    public var conflict: ConflictDetail?
    /// For a paused change: why its account is paused (`reason` holds it as the command line words it).
    public var attention: Attention?

    public init(
        id: Int64, account: String, opportunityID: UUID, cardName: String, summary: String, state: State,
        reason: String? = nil, attempts: Int = 0, nextTry: Date? = nil, conflict: ConflictDetail? = nil,
        attention: Attention? = nil
    ) {
        self.id = id
        self.account = account
        self.opportunityID = opportunityID
        self.cardName = cardName
        self.summary = summary
        self.state = state
        self.reason = reason
        self.attempts = attempts
        self.nextTry = nextTry
        self.conflict = conflict
        self.attention = attention
    }
}

/// Mine and theirs side by side, field by field.
public struct ConflictDetail: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public var field: String
        public var mine: String
        public var theirs: String
        public init(field: String, mine: String, theirs: String) {
            self.field = field
            self.mine = mine
            self.theirs = theirs
        }
    }

    public var rows: [Row]
    /// The provider no longer has the record: keeping mine creates it again, taking theirs deletes it here.
    public var deletedAtProvider: Bool

    public init(rows: [Row], deletedAtProvider: Bool) {
        self.rows = rows
        self.deletedAtProvider = deletedAtProvider
    }
}

/// How the user settles a conflict.
public enum ConflictChoice: String, Hashable, Sendable, CaseIterable {
    /// Send my change over the provider's.
    case mine
    /// Drop my change to the fields at stake and take the provider's values.
    case theirs
}

extension OpportunityField {
    /// How the field is named to the user.
    public var label: String {
        switch self {
        case .name: return "name"
        case .stage: return "stage"
        case .rank: return "order"
        case .value: return "value"
        case .status: return "status"
        case .providerStatus: return "provider status"
        case .contact: return "contact"
        case .company: return "company"
        case .email: return "email"
        case .phone: return "phone"
        case .owner: return "owner"
        case .closeDate: return "close date"
        case .source: return "source"
        case .probability: return "probability"
        case .tags: return "tags"
        case .customFields: return "custom fields"
        }
    }
}

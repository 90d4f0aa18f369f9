import Foundation

/// A deal, job or placement: one card on the board.
public struct Opportunity: Hashable, Sendable, Codable, Identifiable {
    /// Local identity from birth; never changes, even before the provider knows the record.
    public var id: UUID
    /// The account (workspace) the opportunity belongs to.
    public var account: String
    /// The provider's id, once it has one.
    public var remoteID: String?
    public var pipelineID: String
    public var stageID: String
    /// Order within the stage: lower comes first.
    public var rank: Int64
    public var name: String
    public var value: Money?
    public var status: OpportunityStatus
    /// The provider's own status where it has no won / lost model (Coperniq's project status, Coastline's approval
    /// status).
    public var providerStatus: String?
    public var contactName: String?
    public var companyName: String?
    public var email: String?
    public var phone: String?
    public var owner: String?
    /// Expected close date as an ISO day, "2026-12-31".
    public var closeDate: String?
    public var source: String?
    /// The deal's own chance of winning, 0...1; nil falls back to the stage's.
    public var probability: Double?
    public var tags: [String]
    public var customFields: [String: String]
    public var createdAt: Date
    public var updatedAt: Date
    public var stageChangedAt: Date
    /// When the status last changed (won, lost, ...); nil when not known (a card cached before this was kept),
    /// where the update time stands for it.
    public var statusChangedAt: Date?
    /// The provider's record as last received, so that a round trip loses nothing.
    public var raw: String?

    public init(
        id: UUID = .random(), account: String, remoteID: String? = nil, pipelineID: String, stageID: String,
        rank: Int64 = 0, name: String, value: Money? = nil, status: OpportunityStatus = .open,
        providerStatus: String? = nil, contactName: String? = nil, companyName: String? = nil,
        email: String? = nil, phone: String? = nil, owner: String? = nil, closeDate: String? = nil,
        source: String? = nil, probability: Double? = nil, tags: [String] = [], customFields: [String: String] = [:],
        createdAt: Date, updatedAt: Date? = nil, stageChangedAt: Date? = nil, statusChangedAt: Date? = nil,
        raw: String? = nil
    ) {
        self.id = id
        self.account = account
        self.remoteID = remoteID
        self.pipelineID = pipelineID
        self.stageID = stageID
        self.rank = rank
        self.name = name
        self.value = value
        self.status = status
        self.providerStatus = providerStatus
        self.contactName = contactName
        self.companyName = companyName
        self.email = email
        self.phone = phone
        self.owner = owner
        self.closeDate = closeDate
        self.source = source
        self.probability = probability
        self.tags = tags
        self.customFields = customFields
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.stageChangedAt = stageChangedAt ?? createdAt
        self.statusChangedAt = statusChangedAt
        self.raw = raw
    }

    /// Whole days since the card entered its stage, never negative.
    public func daysInStage(now: Date) -> Int {
        max(0, Int(now.timeIntervalSince(stageChangedAt) / 86_400))
    }

    /// Who the deal is with, for the card's second line.
    public var counterparty: String? {
        switch (contactName?.nilIfBlank, companyName?.nilIfBlank) {
        case let (contact?, company?): return "\(contact) · \(company)"
        case let (contact?, nil): return contact
        case let (nil, company?): return company
        case (nil, nil): return nil
        }
    }
}

extension String {
    /// nil for an empty or all-whitespace string.
    public var nilIfBlank: String? {
        // A printable ASCII letter, digit or sign first settles it without Foundation's trimming.
        if let first = utf8.first, (0x21...0x7E).contains(first) { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : self
    }
}

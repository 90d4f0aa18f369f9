import Foundation

/// The fields a user or a provider can change. Conflict detection and undo work field by field.
public enum OpportunityField: String, CaseIterable, Codable, Sendable, Hashable {
    case name, stage, rank, value, status, providerStatus, contact, company, email, phone, owner
    case closeDate, source, probability, tags, customFields
}

/// A change to some fields of an opportunity; nil leaves a field alone.
/// Text fields take "" to clear; `clearValue` clears the value; `clearProbability` clears the probability.
/// `stageChangedAt`, `statusChangedAt` and `updatedAt` are not fields: they say when the change took effect, so
/// that undo and redo put a card's times back exactly (nil: when the patch is applied).
public struct OpportunityPatch: Hashable, Sendable, Codable {
    public var name: String?
    public var stageID: String?
    public var rank: Int64?
    public var value: Money?
    public var clearValue: Bool
    public var status: OpportunityStatus?
    public var providerStatus: String?
    public var contactName: String?
    public var companyName: String?
    public var email: String?
    public var phone: String?
    public var owner: String?
    public var closeDate: String?
    public var source: String?
    public var probability: Double?
    public var clearProbability: Bool
    public var tags: [String]?
    public var customFields: [String: String]?
    public var stageChangedAt: Date?
    public var statusChangedAt: Date?
    public var updatedAt: Date?

    public init(
        name: String? = nil, stageID: String? = nil, rank: Int64? = nil, value: Money? = nil, clearValue: Bool = false,
        status: OpportunityStatus? = nil, providerStatus: String? = nil, contactName: String? = nil,
        companyName: String? = nil, email: String? = nil, phone: String? = nil, owner: String? = nil,
        closeDate: String? = nil, source: String? = nil, probability: Double? = nil, clearProbability: Bool = false,
        tags: [String]? = nil, customFields: [String: String]? = nil
    ) {
        self.name = name
        self.stageID = stageID
        self.rank = rank
        self.value = value
        self.clearValue = clearValue
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
        self.clearProbability = clearProbability
        self.tags = tags
        self.customFields = customFields
    }

    public var fields: Set<OpportunityField> {
        var set: Set<OpportunityField> = []
        if name != nil { set.insert(.name) }
        if stageID != nil { set.insert(.stage) }
        if rank != nil { set.insert(.rank) }
        if value != nil || clearValue { set.insert(.value) }
        if status != nil { set.insert(.status) }
        if providerStatus != nil { set.insert(.providerStatus) }
        if contactName != nil { set.insert(.contact) }
        if companyName != nil { set.insert(.company) }
        if email != nil { set.insert(.email) }
        if phone != nil { set.insert(.phone) }
        if owner != nil { set.insert(.owner) }
        if closeDate != nil { set.insert(.closeDate) }
        if source != nil { set.insert(.source) }
        if probability != nil || clearProbability { set.insert(.probability) }
        if tags != nil { set.insert(.tags) }
        if customFields != nil { set.insert(.customFields) }
        return set
    }

    public var isEmpty: Bool { fields.isEmpty }

    /// The patch that sets every field this patch touches back to its value in `before`, with its times.
    public func inverse(restoring before: Opportunity) -> OpportunityPatch {
        var inverse = OpportunityPatch.capturing(fields, of: before).stamped(updatedAt: before.updatedAt)
        if stageID != nil { inverse.stageChangedAt = before.stageChangedAt }
        // A status time not known stood as the update time: that is what the figures read, so it comes back as that.
        if status != nil { inverse.statusChangedAt = before.statusChangedAt ?? before.updatedAt }
        return inverse
    }

    /// The patch taking effect at `time`: the card's updated time, and its stage time where it moves the card.
    /// Times already set stay.
    public func stamped(at time: Date) -> OpportunityPatch {
        var patch = stamped(updatedAt: time)
        if stageID != nil, patch.stageChangedAt == nil { patch.stageChangedAt = time }
        if status != nil, patch.statusChangedAt == nil { patch.statusChangedAt = time }
        return patch
    }

    private func stamped(updatedAt time: Date) -> OpportunityPatch {
        var patch = self
        if patch.updatedAt == nil { patch.updatedAt = time }
        return patch
    }

    /// The same fields without the times, as a provider is sent them.
    public var unstamped: OpportunityPatch {
        var patch = self
        patch.stageChangedAt = nil
        patch.statusChangedAt = nil
        patch.updatedAt = nil
        return patch
    }

    /// A patch that sets `fields` to their values in `opportunity`.
    public static func capturing(_ fields: Set<OpportunityField>, of opportunity: Opportunity) -> OpportunityPatch {
        var patch = OpportunityPatch()
        for field in fields {
            switch field {
            case .name: patch.name = opportunity.name
            case .stage: patch.stageID = opportunity.stageID
            case .rank: patch.rank = opportunity.rank
            case .value:
                if let value = opportunity.value { patch.value = value } else { patch.clearValue = true }
            case .status: patch.status = opportunity.status
            case .providerStatus: patch.providerStatus = opportunity.providerStatus ?? ""
            case .contact: patch.contactName = opportunity.contactName ?? ""
            case .company: patch.companyName = opportunity.companyName ?? ""
            case .email: patch.email = opportunity.email ?? ""
            case .phone: patch.phone = opportunity.phone ?? ""
            case .owner: patch.owner = opportunity.owner ?? ""
            case .closeDate: patch.closeDate = opportunity.closeDate ?? ""
            case .source: patch.source = opportunity.source ?? ""
            case .probability:
                if let probability = opportunity.probability {
                    patch.probability = probability
                } else {
                    patch.clearProbability = true
                }
            case .tags: patch.tags = opportunity.tags
            case .customFields: patch.customFields = opportunity.customFields
            }
        }
        return patch
    }

    /// This patch without the fields whose value already equals the opportunity's.
    public func changes(from opportunity: Opportunity) -> OpportunityPatch {
        let after = applied(to: opportunity)
        let changed = fields.filter {
            OpportunityPatch.capturing([$0], of: after) != OpportunityPatch.capturing([$0], of: opportunity)
        }
        return only(changed)
    }

    /// The fields this patch would overwrite although the provider changed them since `base`: `theirs` differs
    /// from `base` and from the value this patch sends. Provider values are compared with provider values only,
    /// never clocks; order within a stage (rank) is not a conflict.
    public func conflicts(base: Opportunity, theirs: Opportunity) -> Set<OpportunityField> {
        let mine = applied(to: theirs)
        return fields.subtracting([.rank]).filter { field in
            let theirValue = OpportunityPatch.capturing([field], of: theirs)
            return theirValue != OpportunityPatch.capturing([field], of: base)
                && theirValue != OpportunityPatch.capturing([field], of: mine)
        }
    }

    /// The same patch restricted to `kept`.
    public func only(_ kept: Set<OpportunityField>) -> OpportunityPatch {
        fields.subtracting(kept).reduce(self) { $0.without($1) }
    }

    public func without(_ field: OpportunityField) -> OpportunityPatch {
        var patch = self
        switch field {
        case .name: patch.name = nil
        case .stage: patch.stageID = nil; patch.stageChangedAt = nil
        case .rank: patch.rank = nil
        case .value: patch.value = nil; patch.clearValue = false
        case .status: patch.status = nil; patch.statusChangedAt = nil
        case .providerStatus: patch.providerStatus = nil
        case .contact: patch.contactName = nil
        case .company: patch.companyName = nil
        case .email: patch.email = nil
        case .phone: patch.phone = nil
        case .owner: patch.owner = nil
        case .closeDate: patch.closeDate = nil
        case .source: patch.source = nil
        case .probability: patch.probability = nil; patch.clearProbability = false
        case .tags: patch.tags = nil
        case .customFields: patch.customFields = nil
        }
        return patch
    }

    /// The opportunity with this patch applied. Timestamps are the caller's business (see `Opportunity.applying`).
    public func applied(to opportunity: Opportunity) -> Opportunity {
        var result = opportunity
        if let name { result.name = name }
        if let stageID { result.stageID = stageID }
        if let rank { result.rank = rank }
        if clearValue { result.value = nil } else if let value { result.value = value }
        if let status { result.status = status }
        if let providerStatus { result.providerStatus = providerStatus.nilIfBlank }
        if let contactName { result.contactName = contactName.nilIfBlank }
        if let companyName { result.companyName = companyName.nilIfBlank }
        if let email { result.email = email.nilIfBlank }
        if let phone { result.phone = phone.nilIfBlank }
        if let owner { result.owner = owner.nilIfBlank }
        if let closeDate { result.closeDate = closeDate.nilIfBlank }
        if let source { result.source = source.nilIfBlank }
        if clearProbability { result.probability = nil } else if let probability { result.probability = probability }
        if let tags { result.tags = tags }
        if let customFields { result.customFields = customFields }
        return result
    }
}

extension Opportunity {
    /// The opportunity after a user's change at `now`: updated time, and stage time when the stage changes;
    /// a patch that carries its own times (an undo, a redo) puts those back instead.
    public func applying(_ patch: OpportunityPatch, at now: Date) -> Opportunity {
        var result = patch.applied(to: self)
        if result != self { result.updatedAt = patch.updatedAt ?? now }
        if result.stageID != stageID { result.stageChangedAt = patch.stageChangedAt ?? now }
        if result.status != status { result.statusChangedAt = patch.statusChangedAt ?? now }
        return result
    }
}

import Foundation

/// The fields whose changes a deal's history keeps, and the deal's own coming and going: `deleted` keeps the card
/// as it was when it went (`from`, see `DealChange.snapshot`), `restored` marks its return (an undo, a redo).
public enum DealField: String, CaseIterable, Codable, Sendable, Hashable {
    case stage, status, value, owner
    case closeDate = "close_date"
    case name
    case deleted, restored

    /// The fields a change compares (`DealChange.between`).
    public static let tracked: [DealField] = [.stage, .status, .value, .owner, .closeDate, .name]
}

/// Who made a change: this device (directly, or by undoing or redoing), or the provider, seen by a pull or in its
/// answer to a delivered change.
public enum ChangeOrigin: String, CaseIterable, Codable, Sendable, Hashable {
    case local, undo, redo, provider

    /// Made on this device.
    public var isLocal: Bool { self != .provider }
}

/// Where a change's time comes from: this device's commit, the provider's own time of that change (HighLevel's
/// `lastStageChangeAt` / `lastStatusChangeAt`), or only the record's update time (the change happened by then).
public enum ChangeClock: String, CaseIterable, Codable, Sendable, Hashable {
    case commit
    case providerChange = "provider_change"
    case recordUpdate = "record_update"
}

/// One remembered change of one field of a deal. History is only ever appended to: an undo is a new change.
///
/// Values are kept as text: a stage by its id, a status by its raw value, a value as "micros currency" (see
/// `DealChange.text(of:)`), a close date as its ISO day; nil is "none".
public struct DealChange: Hashable, Sendable, Codable {
    /// The row's id once stored: among changes at the same time, the later one has the higher id.
    public var id: Int64?
    public var opportunityID: UUID
    public var account: String
    public var field: DealField
    public var from: String?
    public var to: String?
    public var at: Date
    /// When the deal took the `from` value, where known (stage and status: the card's time of that change), so that
    /// the days spent in a stage are `at - since` without reading the changes before.
    public var since: Date?
    public var origin: ChangeOrigin
    public var clock: ChangeClock

    public init(
        id: Int64? = nil, opportunityID: UUID, account: String, field: DealField, from: String?, to: String?,
        at: Date, since: Date? = nil, origin: ChangeOrigin, clock: ChangeClock
    ) {
        self.id = id
        self.opportunityID = opportunityID
        self.account = account
        self.field = field
        self.from = from
        self.to = to
        self.at = at
        self.since = since
        self.origin = origin
        self.clock = clock
    }

    /// A value as history keeps it: "12000000000 USD" (micros, then the currency).
    public static func text(of money: Money?) -> String? {
        money.map { "\($0.micros) \($0.currency)" }
    }

    /// The value `text(of:)` wrote; nil for none or for text that is not one.
    public static func money(from text: String?) -> Money? {
        guard let parts = text?.split(separator: " "), parts.count == 2, let micros = Int64(parts[0]) else {
            return nil
        }
        return Money(micros: micros, currency: String(parts[1]))
    }

    /// A field's value on a card, as history keeps it.
    public static func value(of field: DealField, on card: Opportunity) -> String? {
        switch field {
        case .stage: return card.stageID
        case .status: return card.status.rawValue
        case .value: return text(of: card.value)
        case .owner: return card.owner
        case .closeDate: return card.closeDate
        case .name: return card.name
        case .deleted, .restored: return nil
        }
    }

    /// The deal's going: `from` holds the card as it was, so that the board as it was before still shows it.
    public static func deletion(of card: Opportunity, at time: Date, origin: ChangeOrigin, clock: ChangeClock = .commit)
        -> DealChange
    {
        DealChange(
            opportunityID: card.id, account: card.account, field: .deleted, from: snapshot(card), to: nil, at: time,
            origin: origin, clock: clock)
    }

    /// The deal's return (an undone delete, a redone add).
    public static func restoration(of card: Opportunity, at time: Date, origin: ChangeOrigin) -> DealChange {
        DealChange(
            opportunityID: card.id, account: card.account, field: .restored, from: nil, to: nil, at: time,
            origin: origin, clock: .commit)
    }

    /// A card as JSON text, exactly (dates as seconds since 2001, as the cache keeps them).
    public static func snapshot(_ card: Opportunity) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(card)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The card `snapshot` wrote; nil for text that is not one.
    public static func card(from text: String?) -> Opportunity? {
        text.flatMap { try? JSONDecoder().decode(Opportunity.self, from: Data($0.utf8)) }
    }

    /// The changes that turn `old` into `new`, in `DealField` order. A stage or status change keeps when the old
    /// value began (`since`).
    public static func between(
        _ old: Opportunity, _ new: Opportunity, at time: Date, origin: ChangeOrigin, clock: ChangeClock
    ) -> [DealChange] {
        var changes: [DealChange] = []
        for field in DealField.tracked {
            let from = value(of: field, on: old)
            let to = value(of: field, on: new)
            guard from != to else { continue }
            let since: Date? =
                switch field {
                case .stage: old.stageChangedAt
                case .status: old.statusChangedAt ?? old.updatedAt
                default: nil
                }
            changes.append(
                DealChange(
                    opportunityID: new.id, account: new.account, field: field, from: from, to: to, at: time,
                    since: since, origin: origin, clock: clock))
        }
        return changes
    }

    /// What a pull saw change between the cached card and the provider's record, each at the best time known:
    /// the provider's own time of a stage or status change where it reports one, else the record's update time.
    public static func pulled(_ cached: Opportunity, _ record: RemoteOpportunity, into card: Opportunity)
        -> [DealChange]
    {
        var changes: [DealChange] = []
        for field in DealField.tracked {
            let from = value(of: field, on: cached)
            let to = value(of: field, on: card)
            guard from != to else { continue }
            var at = record.updatedAt
            var clock = ChangeClock.recordUpdate
            var since: Date?
            switch field {
            case .stage:
                since = cached.stageChangedAt
                if let own = record.stageChangedAt { (at, clock) = (own, .providerChange) }
            case .status:
                since = cached.statusChangedAt ?? cached.updatedAt
                if let own = record.statusChangedAt { (at, clock) = (own, .providerChange) }
            default: break
            }
            changes.append(
                DealChange(
                    opportunityID: card.id, account: card.account, field: field, from: from, to: to, at: at,
                    since: since, origin: .provider, clock: clock))
        }
        return changes
    }
}

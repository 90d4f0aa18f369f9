import Foundation

/// The board as it was: a card taken back to a past moment by undoing, newest first, the changes it had after it.
public enum AsOf {
    /// The end of an ISO day ("2026-11-01"), in UTC: the first instant of the next day. Nil for text that is not a
    /// day.
    public static func endOfDay(_ day: String) -> Date? {
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2])
        else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, dayOfMonth)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: components), ISODay.string(from: start) == day else { return nil }
        return start.addingTimeInterval(86_400)
    }

    /// The last whole second before `cutoff`: "now" on the board as it was (the day shown is the day asked for).
    public static func lastMoment(before cutoff: Date) -> Date { cutoff.addingTimeInterval(-1) }

    /// The card as it was just before `cutoff`, from the card now (nil: deleted) and the changes it had after the
    /// cutoff (any order; earlier ones are ignored): the changes are undone newest first. Nil when it did not exist
    /// then (created later, or deleted and not yet back).
    public static func state(of card: Opportunity?, changes: [DealChange], before cutoff: Date) -> Opportunity? {
        var past = card
        for change in changes.filter({ $0.at >= cutoff }).sorted(by: isEarlier).reversed() {
            switch change.field {
            case .deleted: past = DealChange.card(from: change.from) ?? past
            case .restored: past = nil
            default: if past != nil { apply(change, field: change.field, to: &past!) }
            }
        }
        guard let past, past.createdAt < cutoff else { return nil }
        return past
    }

    /// `state(of:changes:before:)` for a card with only the first change of each field at or after the cutoff
    /// (`firsts`, at most one per field): each field takes the value its first change started from, which is what
    /// undoing them all would leave. Nil when the firsts cannot say: a deletion or a return among them, or a first
    /// stage, status or name change without the value or time it started from; replay all the changes then.
    public static func state(of card: Opportunity, firstChanges firsts: [DealChange]) -> Opportunity? {
        var past = card
        for change in firsts {
            switch change.field {
            case .deleted, .restored: return nil
            case .stage: guard change.from != nil, change.since != nil else { return nil }
            case .status:
                guard change.from.flatMap(OpportunityStatus.init(rawValue:)) != nil, change.since != nil else {
                    return nil
                }
            case .name: guard change.from != nil else { return nil }
            case .value, .owner, .closeDate: break
            }
            apply(change, field: change.field, to: &past)
        }
        return past
    }

    /// Sets `field` of `card` to the value `change` started from.
    public static func apply(_ change: DealChange, field: DealField, to card: inout Opportunity) {
        switch field {
        case .stage:
            card.stageID = change.from ?? card.stageID
            if let since = change.since { card.stageChangedAt = since }
        case .status:
            card.status = change.from.flatMap(OpportunityStatus.init(rawValue:)) ?? card.status
            if let since = change.since { card.statusChangedAt = since }
        case .value: card.value = DealChange.money(from: change.from)
        case .owner: card.owner = change.from
        case .closeDate: card.closeDate = change.from
        case .name: card.name = change.from ?? card.name
        case .deleted, .restored: break
        }
    }

    /// Order of changes: by time, then as stored.
    public static func isEarlier(_ change: DealChange, than other: DealChange) -> Bool {
        change.at != other.at ? change.at < other.at : (change.id ?? 0) < (other.id ?? 0)
    }
}

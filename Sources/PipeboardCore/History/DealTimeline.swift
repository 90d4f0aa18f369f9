import Foundation

/// A deal's life as lines to read: created, each stage move with the days spent in the stage it left, value,
/// status, owner, close date and name changes, and where it is now. Newest last.
public struct TimelineEntry: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case created, stage, status, value, other, now }
    public var at: Date?
    public var kind: Kind
    public var text: String
    /// Who made it, where not this device: "provider", "undo", "redo".
    public var origin: String?
}

public enum DealTimeline {
    public static func entries(
        of card: Opportunity, changes: [DealChange], stageNames: [String: String], now: Date
    ) -> [TimelineEntry] {
        func name(_ id: String?) -> String { DealChange.shown(id, field: .stage, stageNames: stageNames) }
        let ordered = changes.sorted(by: AsOf.isEarlier)
        let firstStage = ordered.first { $0.field == .stage }?.from ?? card.stageID
        var entries = [TimelineEntry(at: card.createdAt, kind: .created, text: "created in \(name(firstStage))")]
        for change in ordered {
            let origin: String? =
                switch change.origin {
                case .local: nil
                case .undo: "undo"
                case .redo: "redo"
                case .provider: "provider"
                }
            let from = DealChange.shown(change.from, field: change.field, stageNames: stageNames)
            let to = DealChange.shown(change.to, field: change.field, stageNames: stageNames)
            let entry: TimelineEntry
            switch change.field {
            case .stage:
                let stay = change.since.map { " · \(days(from: $0, to: change.at)) in \(from)" } ?? ""
                entry = TimelineEntry(at: change.at, kind: .stage, text: "\(from) → \(to)\(stay)", origin: origin)
            case .status:
                entry = TimelineEntry(at: change.at, kind: .status, text: "status \(from) → \(to)", origin: origin)
            case .value:
                entry = TimelineEntry(at: change.at, kind: .value, text: "value \(from) → \(to)", origin: origin)
            case .owner, .closeDate, .name:
                let label = change.field == .closeDate ? "close date" : change.field.rawValue
                entry = TimelineEntry(at: change.at, kind: .other, text: "\(label) \(from) → \(to)", origin: origin)
            case .deleted:
                entry = TimelineEntry(at: change.at, kind: .other, text: "deleted", origin: origin)
            case .restored:
                entry = TimelineEntry(at: change.at, kind: .other, text: "restored", origin: origin)
            }
            entries.append(entry)
        }
        entries.append(
            TimelineEntry(
                at: nil, kind: .now,
                text:
                    "in \(name(card.stageID)) for \(days(from: card.stageChangedAt, to: now)) · \(card.status.rawValue)"
            ))
        return entries
    }

    /// "3d", "0d": whole days, never negative.
    static func days(from start: Date, to end: Date) -> String {
        "\(max(0, Int(end.timeIntervalSince(start) / 86_400)))d"
    }
}

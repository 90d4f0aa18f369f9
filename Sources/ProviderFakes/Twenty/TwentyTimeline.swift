import Foundation

// Twenty's timeline of an opportunity, as twentyhq/twenty keeps it: one `timelineActivity` per event of the record
// (TimelineActivityWorkspaceEntity: happensAt, name, properties, linkedRecordCachedName, linkedRecordId,
// linkedObjectMetadataId, workspaceMemberId, target<Object>Id; modules/timeline/standard-objects at 01abd1f),
// named `<object>.<action>` ("opportunity.created", "opportunity.updated"), its properties those of the event
// (ObjectRecordUpdateEvent in twenty-shared/database-events: before, after, updatedFields, and diff: each changed
// field's {before, after}). The REST API nests them in the opportunity read at depth 1 (`timelineActivities`,
// OpportunityForResponse in core-opportunities.openapi.json). The timeline's join column is `targetOpportunityId`
// on current servers and `opportunityId` where the morph migration has not run (TimelineActivityRepository writes
// `<object>Id`), as for note targets. Twenty merges an update into the same member's update of the last ten minutes;
// the fake keeps one activity per update.

extension TwentyFake {
    struct TimelineActivity: Sendable {
        var id: String
        var opportunityID: String
        var name: String
        var happensAt: String
        var properties: Value
    }

    /// The diff of two states of a record over the fields the API writes (`amount` as its composite object).
    static func diff(_ before: Opportunity, _ after: Opportunity) -> [String: Value] {
        func text(_ value: String?) -> Value { value.map(Value.string) ?? .null }
        func amount(_ value: Amount) -> Value {
            .object([
                "amountMicros": value.amountMicros.map { .number(Double($0)) } ?? .null,
                "currencyCode": text(value.currencyCode),
            ])
        }
        var diff: [String: Value] = [:]
        func pair(_ name: String, _ from: Value, _ to: Value) {
            if from != to { diff[name] = .object(["before": from, "after": to]) }
        }
        pair("name", text(before.name), text(after.name))
        pair("stage", .string(before.stage), .string(after.stage))
        pair("amount", amount(before.amount), amount(after.amount))
        pair("closeDate", text(before.closeDate), text(after.closeDate))
        return diff
    }

    /// Appends an update's activity to the record's timeline (nothing when no written field changed).
    static func recordUpdate(
        _ before: Opportunity, _ after: Opportunity, at time: Date, in state: inout State
    ) {
        let diff = diff(before, after)
        guard !diff.isEmpty else { return }
        let properties: Value = .object([
            "diff": .object(diff), "updatedFields": .array(diff.keys.sorted().map(Value.string)),
        ])
        state.timeline[after.id, default: []].append(
            TimelineActivity(
                id: FakeIDs.uuid(), opportunityID: after.id, name: "opportunity.updated",
                happensAt: FakeDates.string(time), properties: properties))
    }

    /// Appends a create's activity.
    static func recordCreate(_ record: Opportunity, in state: inout State) {
        state.timeline[record.id, default: []].append(
            TimelineActivity(
                id: FakeIDs.uuid(), opportunityID: record.id, name: "opportunity.created",
                happensAt: record.createdAt,
                properties: .object(["after": .object(["id": .string(record.id), "stage": .string(record.stage)])])))
    }

    /// A timeline activity as the API writes it, newest first in the record's `timelineActivities`.
    struct TimelineActivityJSON: Encodable {
        let activity: TimelineActivity
        let naming: TargetFields

        struct Key: CodingKey {
            let stringValue: String
            init(_ name: String) { stringValue = name }
            init?(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(activity.id, forKey: Key("id"))
            try container.encode(activity.happensAt, forKey: Key("happensAt"))
            try container.encode(activity.name, forKey: Key("name"))
            try container.encode(activity.properties, forKey: Key("properties"))
            try container.encode("", forKey: Key("linkedRecordCachedName"))
            try container.encodeNil(forKey: Key("linkedRecordId"))
            try container.encodeNil(forKey: Key("linkedObjectMetadataId"))
            try container.encodeNil(forKey: Key("workspaceMemberId"))
            let column = naming == .current ? "targetOpportunityId" : "opportunityId"
            try container.encode(activity.opportunityID, forKey: Key(column))
            try container.encode(activity.happensAt, forKey: Key("createdAt"))
            try container.encode(activity.happensAt, forKey: Key("updatedAt"))
            try container.encodeNil(forKey: Key("deletedAt"))
        }
    }
}

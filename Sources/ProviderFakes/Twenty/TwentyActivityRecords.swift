import Foundation

// The fake's model of Twenty's standard note, task, noteTarget and taskTarget objects (core-activities.openapi.json
// and the standard field definitions it cites): each object is a table of typed fields, its records plain values.

extension TwentyFake {
    /// Which names a workspace's noteTarget / taskTarget link fields have. Twenty 1.17 renamed them; workspaces
    /// whose upgrade has not run, and servers before 1.17, keep the old ones. A workspace has one set, never both.
    package enum TargetFields: Sendable {
        /// `targetPersonId`, `targetCompanyId`, `targetOpportunityId` (MORPH_RELATION fields target*).
        case current
        /// `personId`, `companyId`, `opportunityId` (RELATION fields person, company, opportunity).
        case legacy
    }

    /// A field value as JSON holds it.
    package indirect enum Value: Sendable, Hashable, Encodable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        case object([String: Value])
        case array([Value])

        init?(json: Any) {
            switch json {
            case is NSNull: self = .null
            case let text as String: self = .string(text)
            case let number as NSNumber where HighLevelFake.isBoolean(number): self = .bool(number.boolValue)
            case let number as NSNumber: self = .number(number.doubleValue)
            case let object as [String: Any]:
                var fields: [String: Value] = [:]
                for (key, item) in object {
                    guard let value = Value(json: item) else { return nil }
                    fields[key] = value
                }
                self = .object(fields)
            case let list as [Any]:
                let values = list.compactMap(Value.init(json:))
                guard values.count == list.count else { return nil }
                self = .array(values)
            default: return nil
            }
        }

        package var string: String? {
            if case .string(let text) = self { return text }
            return nil
        }

        package subscript(key: String) -> Value? {
            if case .object(let fields) = self { return fields[key] }
            return nil
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let text): try container.encode(text)
            case .number(let number): try container.encode(number)
            case .bool(let flag): try container.encode(flag)
            case .null: try container.encodeNil()
            case .object(let fields): try container.encode(fields)
            case .array(let list): try container.encode(list)
            }
        }
    }

    /// One record of a note, task or target object: its fields by their current names, system fields included.
    package typealias Record = [String: Value]

    /// What a field takes in a create or update body.
    enum FieldKind: Equatable {
        case text
        /// RICH_TEXT_V2: `{blocknote, markdown}`, both strings.
        case richText
        case dateTime
        case select([String])
        case position
        /// ACTOR: `{source, workspaceMemberId?, name?}`; the server sets it.
        case actor
        /// A many-to-one join column: a uuid naming a record of the object (its plural name).
        case link(String)
    }

    /// One of the four objects: its names and the fields a body may carry.
    struct ActivityObject {
        let singular: String
        let plural: String
        let fields: [String: FieldKind]
        /// The join column naming the note or task a target belongs to.
        var parent: String?

        static let actorSources = [
            "EMAIL", "CALENDAR", "WORKFLOW", "AGENT", "API", "IMPORT", "MANUAL", "SYSTEM", "WEBHOOK",
        ]
        static let taskStatuses = ["TODO", "IN_PROGRESS", "DONE"]

        static let note = ActivityObject(
            singular: "note", plural: "notes",
            fields: [
                "title": .text, "bodyV2": .richText, "position": .position, "createdBy": .actor, "updatedBy": .actor,
            ])
        static let task = ActivityObject(
            singular: "task", plural: "tasks",
            fields: [
                "title": .text, "bodyV2": .richText, "dueAt": .dateTime, "status": .select(taskStatuses),
                "position": .position, "createdBy": .actor, "updatedBy": .actor,
                "assigneeId": .link("workspaceMembers"),
            ])

        static func target(of parent: ActivityObject, naming: TargetFields) -> ActivityObject {
            let parentColumn = parent.singular + "Id"
            var fields: [String: FieldKind] = [parentColumn: .link(parent.plural)]
            for (object, plural) in [("Person", "people"), ("Company", "companies"), ("Opportunity", "opportunities")] {
                fields[linkName(object, naming) + "Id"] = .link(plural)
            }
            // The legacy definitions have no position, createdBy or updatedBy.
            if naming == .current {
                fields["position"] = .position
                fields["createdBy"] = .actor
                fields["updatedBy"] = .actor
            }
            return ActivityObject(
                singular: parent.singular + "Target", plural: parent.singular + "Targets", fields: fields,
                parent: parentColumn)
        }

        /// The relation field's name for a target object ("Opportunity"): `targetOpportunity` or `opportunity`.
        static func linkName(_ object: String, _ naming: TargetFields) -> String {
            naming == .current ? "target" + object : object.prefix(1).lowercased() + object.dropFirst()
        }
    }

    /// A target's join column as stored (current name) for the name a workspace uses, and back.
    static func storedColumn(_ name: String, naming: TargetFields) -> String {
        guard naming == .legacy, ["personId", "companyId", "opportunityId"].contains(name) else { return name }
        return "target" + name.prefix(1).uppercased() + name.dropFirst()
    }

    static func shownColumn(_ name: String, naming: TargetFields) -> String {
        guard naming == .legacy, ["targetPersonId", "targetCompanyId", "targetOpportunityId"].contains(name) else {
            return name
        }
        let bare = name.dropFirst("target".count)
        return bare.prefix(1).lowercased() + bare.dropFirst()
    }
}

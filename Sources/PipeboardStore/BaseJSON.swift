import Foundation
import PipeboardCore

/// Writes a base (see `BaseRow`) as the JSON that `Opportunity`'s Codable conformance reads back, without
/// JSONEncoder: a pull saves one base per record, and JSONEncoder spent more than half the merge of a page on them.
/// The text is what JSONEncoder writes with `.deferredToDate` (dates as seconds since the reference date), absent
/// optionals left out, and `raw` never written (see `BaseRow`); BaseJSONTests decode it back into the same card,
/// every field set or not.
enum BaseJSON {
    static func encode(_ card: Opportunity) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        out.append(UInt8(ascii: "{"))
        func key(_ name: StaticString) {
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out += "\":".utf8
        }
        func string(_ name: StaticString, _ value: String?) {
            guard let value else { return }
            key(name)
            JSONString.append(value, to: &out)
        }
        func number(_ name: StaticString, _ value: Double?) {
            guard let value else { return }
            key(name)
            out += "\(value)".utf8
        }
        string("id", card.id.uuidString)
        string("account", card.account)
        string("remoteID", card.remoteID)
        string("pipelineID", card.pipelineID)
        string("stageID", card.stageID)
        key("rank")
        out += String(card.rank).utf8
        string("name", card.name)
        if let value = card.value {
            key("value")
            out += "{\"micros\":\(value.micros),\"currency\":".utf8
            JSONString.append(value.currency, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        string("status", card.status.rawValue)
        string("providerStatus", card.providerStatus)
        string("contactName", card.contactName)
        string("companyName", card.companyName)
        string("email", card.email)
        string("phone", card.phone)
        string("owner", card.owner)
        string("closeDate", card.closeDate)
        string("source", card.source)
        number("probability", card.probability)
        key("tags")
        out.append(UInt8(ascii: "["))
        for (index, tag) in card.tags.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONString.append(tag, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        key("customFields")
        out.append(UInt8(ascii: "{"))
        for (index, field) in card.customFields.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONString.append(field.key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONString.append(field.value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        number("createdAt", card.createdAt.timeIntervalSinceReferenceDate)
        number("updatedAt", card.updatedAt.timeIntervalSinceReferenceDate)
        number("stageChangedAt", card.stageChangedAt.timeIntervalSinceReferenceDate)
        number("statusChangedAt", card.statusChangedAt?.timeIntervalSinceReferenceDate)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Every number of the card is finite (JSON has no NaN or infinity).
    static func canWrite(_ card: Opportunity) -> Bool {
        [
            card.probability ?? 0, card.createdAt.timeIntervalSinceReferenceDate,
            card.updatedAt.timeIntervalSinceReferenceDate,
            card.stageChangedAt.timeIntervalSinceReferenceDate,
            card.statusChangedAt?.timeIntervalSinceReferenceDate ?? 0,
        ]
        .allSatisfy(\.isFinite)
    }
}

import Foundation
import PipeboardCore

/// Writes a base (see `BaseRow`) as the JSON that `Opportunity`'s Codable conformance reads back, without
/// JSONEncoder: a pull saves one base per record, and JSONEncoder spent more than half the merge of a page on them.
/// The text is what JSONEncoder writes with `.deferredToDate` (dates as seconds since the reference date), absent
/// optionals left out; BaseJSONTests decode it back into the same card, every field set or not.
enum BaseJSON {
    static func encode(_ card: Opportunity) -> String {
        var out = "{"
        out.reserveCapacity(256 + (card.raw?.utf8.count ?? 0) * 9 / 8)
        var first = true
        func key(_ name: String) {
            if !first { out += "," }
            first = false
            out += "\""
            out += name
            out += "\":"
        }
        func string(_ name: String, _ value: String?) {
            guard let value else { return }
            key(name)
            write(value, into: &out)
        }
        func number(_ name: String, _ value: Double?) {
            guard let value else { return }
            key(name)
            out += "\(value)"
        }
        string("id", card.id.uuidString)
        string("account", card.account)
        string("remoteID", card.remoteID)
        string("pipelineID", card.pipelineID)
        string("stageID", card.stageID)
        key("rank")
        out += String(card.rank)
        string("name", card.name)
        if let value = card.value {
            key("value")
            out += "{\"micros\":\(value.micros),\"currency\":"
            write(value.currency, into: &out)
            out += "}"
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
        out += "["
        for (index, tag) in card.tags.enumerated() {
            if index > 0 { out += "," }
            write(tag, into: &out)
        }
        out += "]"
        key("customFields")
        out += "{"
        for (index, field) in card.customFields.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { out += "," }
            write(field.key, into: &out)
            out += ":"
            write(field.value, into: &out)
        }
        out += "}"
        number("createdAt", card.createdAt.timeIntervalSinceReferenceDate)
        number("updatedAt", card.updatedAt.timeIntervalSinceReferenceDate)
        number("stageChangedAt", card.stageChangedAt.timeIntervalSinceReferenceDate)
        string("raw", card.raw)
        out += "}"
        return out
    }

    /// Every number of the card is finite (JSON has no NaN or infinity).
    static func canWrite(_ card: Opportunity) -> Bool {
        [card.probability ?? 0, card.createdAt.timeIntervalSinceReferenceDate, card.updatedAt.timeIntervalSinceReferenceDate,
         card.stageChangedAt.timeIntervalSinceReferenceDate].allSatisfy(\.isFinite)
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as it is.
    static func write(_ text: String, into out: inout String) {
        out += "\""
        var plain = true
        for byte in text.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            plain = false
            break
        }
        if plain {
            out += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

import Foundation

/// Twenty's REST `filter`: `field[COMPARATOR]:value` conditions joined by commas (all must hold). Values may be
/// quoted; `in` takes `[a,b]`; `is` takes NULL or NOT_NULL. The nested `and(...)` / `or(...)` / `not(...)` forms
/// are refused here: the fake has no use for them.
extension TwentyFake {
    struct Condition {
        let field: String
        let comparator: String
        let values: [String]

        func matches(_ record: Record) -> Bool {
            let actual: String? =
                switch record[field] {
                case .string(let text)?: text
                case .number(let number)?: String(number)
                case .bool(let flag)?: String(flag)
                default: nil
                }
            let wanted = values.first ?? ""
            switch comparator {
            case "eq": return actual == wanted
            case "neq": return actual != wanted
            case "in": return actual.map(values.contains) ?? false
            case "is": return wanted == "NULL" ? actual == nil : actual != nil
            case "gt": return actual.map { $0 > wanted } ?? false
            case "gte": return actual.map { $0 >= wanted } ?? false
            case "lt": return actual.map { $0 < wanted } ?? false
            case "lte": return actual.map { $0 <= wanted } ?? false
            case "like", "ilike":
                let pattern = wanted.replacingOccurrences(of: "%", with: "")
                return actual.map { $0.lowercased().contains(pattern.lowercased()) } ?? false
            default: return false
            }
        }
    }

    struct FilterRefusal: Error { let reply: FakeReply }

    static let comparators: Set<String> = ["eq", "neq", "in", "is", "gt", "gte", "lt", "lte", "like", "ilike"]

    /// The conditions of `text` on `object`'s fields (the workspace's names), or the server's 400.
    func parseFilter(_ text: String?, _ object: ActivityObject) -> Result<[Condition], FilterRefusal> {
        guard let text, !text.isEmpty else { return .success([]) }
        let naming = state.withLock { $0.targetFields }
        let known = Set(object.fields.keys).union(["id", "createdAt", "updatedAt", "deletedAt"])
        let refuse = { (detail: String) in
            Result<[Condition], FilterRefusal>.failure(
                FilterRefusal(
                    reply: Self.badRequest("'filter' invalid for '\(object.singular)': \(detail), eg: price[gte]:10")))
        }
        var conditions: [Condition] = []
        for part in Self.topLevelParts(text) {
            guard let open = part.firstIndex(of: "["), let close = part.firstIndex(of: "]"), open < close,
                part[part.index(after: close)...].first == ":"
            else { return refuse("'\(part)'") }
            let field = String(part[..<open])
            let comparator = String(part[part.index(after: open)..<close])
            let raw = String(part[part.index(close, offsetBy: 2)...])
            guard known.contains(field) else { return refuse("unknown field '\(field)'") }
            guard Self.comparators.contains(comparator) else { return refuse("unknown comparator '\(comparator)'") }
            var values: [String]
            if comparator == "in" {
                guard raw.hasPrefix("["), raw.hasSuffix("]") else { return refuse("'in' takes [a,b]") }
                values = raw.dropFirst().dropLast().split(separator: ",").map { Self.unquoted(String($0)) }
            } else {
                values = [Self.unquoted(raw)]
                if comparator == "is", !["NULL", "NOT_NULL"].contains(values[0]) {
                    return refuse("'is' takes NULL or NOT_NULL")
                }
            }
            if case .link? = object.fields[field], comparator != "is",
                let bad = values.first(where: { UUID(uuidString: $0) == nil })
            {
                return refuse("'\(bad)' is not a UUID")
            }
            conditions.append(
                Condition(field: Self.storedColumn(field, naming: naming), comparator: comparator, values: values))
        }
        return .success(conditions)
    }

    /// The comma-separated parts of a filter, commas inside brackets, parentheses or quotes left alone.
    static func topLevelParts(_ text: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0, quoted = false
        for character in text {
            switch character {
            case "\"": quoted.toggle()
            case "[", "(": if !quoted { depth += 1 }
            case "]", ")": if !quoted { depth -= 1 }
            case "," where depth == 0 && !quoted:
                parts.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func unquoted(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else { return trimmed }
        return String(trimmed.dropFirst().dropLast())
    }
}

import Foundation

/// Checks a JSON value against an OpenAPI (3.0 or 3.1) schema: `$ref`, type (with 3.0's `nullable` and 3.1's
/// type lists), enum, const, required, properties, additionalProperties, items, allOf / anyOf / oneOf,
/// numeric and length bounds, and the formats uuid, date-time and date. Each problem names where it is.
struct SchemaCheck {
    let library: SpecLibrary

    func problems(_ value: SpecJSON, against given: SpecJSON, in origin: URL, at location: String) -> [String] {
        let schema: SpecJSON
        let file: URL
        do {
            (schema, file) = try library.resolve(given, in: origin)
        } catch {
            return ["\(location): \(error)"]
        }
        guard case .object = schema else { return [] }
        if let problem = typeProblem(value, schema, at: location) { return [problem] }
        if case .null = value { return [] }
        var found: [String] = []
        if let options = schema["enum"]?.array, !options.contains(where: { Self.same($0, value) }) {
            let listed = options.map(\.brief).joined(separator: ", ")
            found.append("\(location): \(value.brief) is not one of \(listed)")
        }
        if let constant = schema["const"], !Self.same(constant, value) {
            found.append("\(location): \(value.brief) is not \(constant.brief)")
        }
        found += combinators(value, schema, file, at: location)
        switch value {
        case .string(let text): found += stringProblems(text, schema, at: location)
        case .integer, .number: found += numberProblems(value.double ?? 0, schema, at: location)
        case .object(let members): found += objectProblems(members, schema, file, at: location)
        case .array(let items): found += arrayProblems(items, schema, file, at: location)
        default: break
        }
        return found
    }

    private func typeProblem(_ value: SpecJSON, _ schema: SpecJSON, at location: String) -> String? {
        var allowed: [String]
        if let single = schema["type"]?.string {
            allowed = [single]
        } else if let list = schema["type"]?.array {
            allowed = list.compactMap(\.string)
        } else {
            return nil
        }
        if schema["nullable"]?.bool == true { allowed.append("null") }
        let actual = value.typeName
        let fits = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
        return fits
            ? nil : "\(location): \(value.brief) is \(actual), the spec says \(allowed.joined(separator: " or "))"
    }

    private func combinators(_ value: SpecJSON, _ schema: SpecJSON, _ file: URL, at location: String) -> [String] {
        var found: [String] = []
        for part in schema["allOf"]?.array ?? [] {
            found += problems(value, against: part, in: file, at: location)
        }
        let fits = { (choice: SpecJSON) in problems(value, against: choice, in: file, at: location).isEmpty }
        if let choices = schema["anyOf"]?.array, !choices.contains(where: fits) {
            found.append("\(location): \(value.brief) fits none of anyOf's \(choices.count) schemas")
        }
        if let choices = schema["oneOf"]?.array {
            let fitting = choices.filter(fits).count
            if fitting != 1 { found.append("\(location): \(value.brief) fits \(fitting) of oneOf's schemas, not one") }
        }
        return found
    }

    private func stringProblems(_ text: String, _ schema: SpecJSON, at location: String) -> [String] {
        var found: [String] = []
        if let least = schema["minLength"]?.double, Double(text.count) < least {
            found.append("\(location): shorter than \(Int(least)) characters")
        }
        if let most = schema["maxLength"]?.double, Double(text.count) > most {
            found.append("\(location): longer than \(Int(most)) characters")
        }
        if let pattern = schema["pattern"]?.string, text.range(of: pattern, options: .regularExpression) == nil {
            found.append("\(location): \"\(text.prefix(40))\" does not match \(pattern)")
        }
        switch schema["format"]?.string {
        case "uuid"? where UUID(uuidString: text) == nil:
            found.append("\(location): \"\(text.prefix(40))\" is not a uuid")
        case "date-time"?
        where (try? Date(text, strategy: .iso8601)) == nil
            && (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) == nil:
            found.append("\(location): \"\(text.prefix(40))\" is not an RFC 3339 date-time")
        case "date"? where text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil:
            found.append("\(location): \"\(text.prefix(40))\" is not a full date")
        default:
            break
        }
        return found
    }

    private func numberProblems(_ number: Double, _ schema: SpecJSON, at location: String) -> [String] {
        var found: [String] = []
        if let least = schema["minimum"]?.double {
            let exclusive = schema["exclusiveMinimum"]?.bool == true
            if exclusive ? number <= least : number < least { found.append("\(location): \(number) is below \(least)") }
        }
        if let most = schema["maximum"]?.double {
            let exclusive = schema["exclusiveMaximum"]?.bool == true
            if exclusive ? number >= most : number > most { found.append("\(location): \(number) is above \(most)") }
        }
        if let least = schema["exclusiveMinimum"]?.double, number <= least {
            found.append("\(location): \(number) is not above \(least)")
        }
        if let most = schema["exclusiveMaximum"]?.double, number >= most {
            found.append("\(location): \(number) is not below \(most)")
        }
        return found
    }

    private func objectProblems(
        _ members: [String: SpecJSON], _ schema: SpecJSON, _ file: URL,
        at location: String
    ) -> [String] {
        var found: [String] = []
        for name in schema["required"]?.array?.compactMap(\.string) ?? [] where members[name] == nil {
            found.append("\(location): required field \"\(name)\" is missing")
        }
        let properties = schema["properties"]?.object ?? [:]
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            let place = "\(location).\(name)"
            if let property = properties[name] {
                found += problems(member, against: property, in: file, at: place)
            } else if schema["additionalProperties"]?.bool == false {
                found.append("\(place): not a field the spec declares")
            } else if let extra = schema["additionalProperties"], extra.object != nil {
                found += problems(member, against: extra, in: file, at: place)
            }
        }
        return found
    }

    private func arrayProblems(_ items: [SpecJSON], _ schema: SpecJSON, _ file: URL, at location: String) -> [String] {
        var found: [String] = []
        if let least = schema["minItems"]?.double, Double(items.count) < least {
            found.append("\(location): fewer than \(Int(least)) items")
        }
        if let most = schema["maxItems"]?.double, Double(items.count) > most {
            found.append("\(location): more than \(Int(most)) items")
        }
        if let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() {
                found += problems(item, against: itemSchema, in: file, at: "\(location)[\(index)]")
            }
        }
        return found
    }

    /// Equal as JSON: 1 and 1.0 are the same number.
    static func same(_ left: SpecJSON, _ right: SpecJSON) -> Bool {
        if let a = left.double, let b = right.double { return a == b }
        return left == right
    }
}

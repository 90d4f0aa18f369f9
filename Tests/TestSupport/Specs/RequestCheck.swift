import Foundation

/// A request as it went over the wire: what the checker needs, whoever captured it.
public struct SpecRequest: Sendable {
    public let method: String
    /// As sent, percent-encoded, with any trailing slash.
    public let path: String
    public let query: [URLQueryItem]
    /// By lower-case name.
    public let headers: [String: String]
    public let body: Data

    public init(
        method: String, path: String, query: [URLQueryItem] = [], headers: [String: String] = [:],
        body: Data = Data()
    ) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.headers = Dictionary(
            headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    /// `GET /rest/opportunities?limit=200`, for messages.
    public var line: String {
        var components = URLComponents()
        components.queryItems = query.isEmpty ? nil : query
        return "\(method) \(path)\(components.percentEncodedQuery.map { "?" + $0 } ?? "")"
    }
}

/// One way a request departs from the provider's spec.
public struct SpecViolation: Sendable, Equatable, CustomStringConvertible {
    public enum Rule: String, Sendable {
        case unknownPath = "path not in the spec"
        case undeclaredMethod = "method not declared for the path"
        case deprecated = "operation deprecated"
        case pathParameter = "path parameter"
        case undeclaredQuery = "query parameter not declared"
        case queryValue = "query parameter value"
        case missingQuery = "required query parameter missing"
        case missingHeader = "required header missing"
        case headerValue = "header value"
        case unauthenticated = "credentials the spec requires missing"
        case undeclaredBody = "body the operation does not take"
        case missingBody = "required body missing"
        case body = "body schema"
        case answer = "answer schema"
    }

    public let request: String
    public let operation: String?
    public let rule: Rule
    public let detail: String

    public var description: String {
        "\(request)\(operation.map { " (\($0))" } ?? ""): \(rule.rawValue): \(detail)"
    }
}

extension SpecLibrary {
    /// Every way `request` departs from the spec; empty when it conforms.
    public func violations(of request: SpecRequest) -> [SpecViolation] {
        let raw = request.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.path
        let segments = raw.drop { $0 == "/" }.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.removingPercentEncoding ?? String($0) }
        func violation(_ rule: SpecViolation.Rule, _ detail: String, _ operation: String? = nil) -> SpecViolation {
            SpecViolation(request: request.line, operation: operation, rule: rule, detail: detail)
        }
        let candidates = matches(segments)
        guard !candidates.isEmpty else { return [violation(.unknownPath, "no path of the spec matches \(raw)")] }
        let method = request.method.lowercased()
        guard let match = candidates.first(where: { $0.item[method] != nil }), let operation = match.item[method] else {
            let declared = Set(candidates.flatMap { $0.item.object?.keys.filter(Self.methods.contains) ?? [] })
            return [
                violation(
                    .undeclaredMethod,
                    "\(request.method) \(candidates[0].template) takes "
                        + declared.map { $0.uppercased() }.sorted().joined(separator: ", "))
            ]
        }
        let name = operation["operationId"]?.string ?? "\(request.method) \(match.template)"
        var found: [SpecViolation] = []
        if operation["deprecated"]?.bool == true {
            let summary = operation["summary"]?.string.map { ": \($0)" } ?? ""
            found.append(
                violation(.deprecated, "\(request.method) \(match.template) is marked deprecated\(summary)", name))
        }
        let checker = RequestChecker(
            library: self, document: match.document, template: match.template, method: method,
            item: match.item, operation: operation)
        found += checker.problems(request, pathValues: match.values).map { violation($0.0, $0.1, name) }
        return found
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    struct PathMatch {
        let document: Document
        let template: String
        let item: SpecJSON
        let values: [String: String]
        let literals: Int
    }

    /// Paths whose template matches, the most literal first (`/opportunities/search` before `/opportunities/{id}`).
    func matches(_ segments: [String]) -> [PathMatch] {
        var found: [PathMatch] = []
        for document in documents where segments.starts(with: document.basePath) {
            let rest = Array(segments.dropFirst(document.basePath.count))
            for (template, item) in document.root["paths"]?.object ?? [:] {
                let parts = template.drop { $0 == "/" }.split(separator: "/", omittingEmptySubsequences: false)
                    .map(String.init)
                guard parts.count == rest.count else { continue }
                var values: [String: String] = [:]
                var literals = 0
                let fits = zip(parts, rest).allSatisfy { part, segment in
                    if part.hasPrefix("{"), part.hasSuffix("}") {
                        values[String(part.dropFirst().dropLast())] = segment
                        return !segment.isEmpty
                    }
                    literals += 1
                    return part == segment
                }
                if fits {
                    found.append(
                        PathMatch(
                            document: document, template: template, item: item, values: values, literals: literals))
                }
            }
        }
        return found.sorted { ($0.literals, $1.template) > ($1.literals, $0.template) }
    }
}

/// The checks of one request against the operation it matched.
private struct RequestChecker {
    typealias Problem = (SpecViolation.Rule, String)

    let library: SpecLibrary
    let document: SpecLibrary.Document
    let template: String
    let method: String
    let item: SpecJSON
    let operation: SpecJSON

    var schemas: SchemaCheck { SchemaCheck(library: library) }

    func problems(_ request: SpecRequest, pathValues: [String: String]) -> [Problem] {
        let parameters = declaredParameters()
        var found: [Problem] = []
        for (name, value) in pathValues.sorted(by: { $0.key < $1.key }) {
            if let declared = parameters.first(where: { $0.in == "path" && $0.name == name }) {
                found += valueProblems(value, declared, rule: .pathParameter)
            }
        }
        let queries = parameters.filter { $0.in == "query" }
        for item in request.query {
            guard let declared = queries.first(where: { $0.name == item.name }) else {
                let known = queries.map(\.name).sorted().joined(separator: ", ")
                found.append((.undeclaredQuery, "\"\(item.name)\" (declared: \(known.isEmpty ? "none" : known))"))
                continue
            }
            found += valueProblems(item.value ?? "", declared, rule: .queryValue)
        }
        let sent = Set(request.query.map(\.name))
        for declared in queries where declared.required && !sent.contains(declared.name) {
            found.append((.missingQuery, "\"\(declared.name)\""))
        }
        for declared in parameters where declared.in == "header" {
            if let value = request.headers[declared.name.lowercased()] {
                found += valueProblems(value, declared, rule: .headerValue)
            } else if declared.required {
                found.append((.missingHeader, "\"\(declared.name)\""))
            }
        }
        found += securityProblems(request)
        found += bodyProblems(request)
        return found
    }

    struct Parameter {
        let name: String
        let `in`: String
        let required: Bool
        let schema: SpecJSON?
        let file: URL
    }

    /// The path item's parameters, overridden by the operation's, plus any amendment for this operation.
    private func declaredParameters() -> [Parameter] {
        var byKey: [String: Parameter] = [:]
        var order: [String] = []
        let amended = library.amendments.filter { $0.path == template && $0.method == method }.map(\.parameter)
        for raw in (item["parameters"]?.array ?? []) + (operation["parameters"]?.array ?? []) + amended {
            guard let (value, file) = try? library.resolve(raw, in: document.file),
                let name = value["name"]?.string, let place = value["in"]?.string
            else { continue }
            let key = place + " " + name
            if byKey[key] == nil { order.append(key) }
            byKey[key] = Parameter(
                name: name, in: place, required: value["required"]?.bool ?? (place == "path"),
                schema: value["schema"], file: file)
        }
        return order.compactMap { byKey[$0] }
    }

    /// A text value read as its schema's type (`limit=200` is the integer 200), then checked against the schema.
    private func valueProblems(_ text: String, _ parameter: Parameter, rule: SpecViolation.Rule) -> [Problem] {
        guard let schema = parameter.schema,
            let (resolved, _) = try? library.resolve(schema, in: parameter.file)
        else { return [] }
        let type = resolved["type"]?.string ?? resolved["type"]?.array?.first?.string
        let value: SpecJSON
        switch type {
        case "integer":
            guard let number = Int64(text) else { return [(rule, "\(parameter.name)=\(text) is not an integer")] }
            value = .integer(number)
        case "number":
            guard let number = Double(text) else { return [(rule, "\(parameter.name)=\(text) is not a number")] }
            value = .number(number)
        case "boolean":
            guard text == "true" || text == "false" else {
                return [(rule, "\(parameter.name)=\(text) is not true or false")]
            }
            value = .bool(text == "true")
        default:
            value = .string(text)
        }
        return schemas.problems(value, against: schema, in: parameter.file, at: parameter.name).map { (rule, $0) }
    }

    /// `security` (the operation's, else the document's): one of its alternatives must be met. Bearer and
    /// header API keys are checked by their headers.
    private func securityProblems(_ request: SpecRequest) -> [Problem] {
        guard let alternatives = (operation["security"] ?? document.root["security"])?.array, !alternatives.isEmpty
        else {
            return []
        }
        let schemes = document.root["components"]?["securitySchemes"]?.object ?? [:]
        let met = alternatives.contains { alternative in
            (alternative.object ?? [:]).keys.allSatisfy { name in
                guard let scheme = schemes[name] else { return true }
                if scheme["type"]?.string == "http", scheme["scheme"]?.string?.lowercased() == "bearer" {
                    return request.headers["authorization"]?.lowercased().hasPrefix("bearer ") == true
                }
                if scheme["type"]?.string == "apiKey", scheme["in"]?.string == "header",
                    let header = scheme["name"]?.string
                {
                    return request.headers[header.lowercased()] != nil
                }
                return true
            }
        }
        return met ? [] : [(.unauthenticated, "no alternative of the operation's security is met")]
    }

    private func bodyProblems(_ request: SpecRequest) -> [Problem] {
        guard let declared = operation["requestBody"],
            let (body, file) = try? library.resolve(declared, in: document.file)
        else {
            return request.body.isEmpty ? [] : [(.undeclaredBody, "\(request.body.count) bytes sent")]
        }
        if request.body.isEmpty {
            return body["required"]?.bool == true ? [(.missingBody, "the operation requires a JSON body")] : []
        }
        guard let schema = body["content"]?["application/json"]?["schema"] else { return [] }
        let value: SpecJSON
        do { value = try SpecJSON.parse(request.body) } catch { return [(.body, "not JSON: \(error)")] }
        return schemas.problems(value, against: schema, in: file, at: "body").map { (.body, $0) }
    }
}

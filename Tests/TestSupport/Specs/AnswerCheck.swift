import Foundation

extension SpecLibrary {
    /// Every way an answer departs from what the spec documents for its request's operation and status. Statuses
    /// the operation does not document (a fault's 429 or 503) and unmatched requests are left to `violations(of:)`.
    public func violations(ofAnswer body: Data, status: Int, to request: SpecRequest) -> [SpecViolation] {
        let raw = request.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.path
        let segments = raw.drop { $0 == "/" }.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.removingPercentEncoding ?? String($0) }
        let method = request.method.lowercased()
        guard let match = matches(segments).first(where: { $0.item[method] != nil }),
            let operation = match.item[method],
            let responses = operation["responses"]
        else { return [] }
        guard let declared = responses[String(status)] ?? responses["\(status / 100)XX"] ?? responses["default"],
            let (response, file) = try? resolve(declared, in: match.document.file),
            let schema = response["content"]?["application/json"]?["schema"]
        else { return [] }
        let name = operation["operationId"]?.string ?? "\(request.method) \(match.template)"
        let value: SpecJSON
        do {
            value = try SpecJSON.parse(body)
        } catch {
            return [SpecViolation(request: request.line, operation: name, rule: .answer, detail: "\(status): not JSON")]
        }
        return SchemaCheck(library: self).problems(value, against: schema, in: file, at: "answer \(status)").map {
            SpecViolation(request: request.line, operation: name, rule: .answer, detail: $0)
        }
    }
}

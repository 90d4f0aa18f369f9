import Foundation

/// The contact lookups a create needs: `POST /contacts/search` (body as HighLevel's search documentation gives
/// it) and `GET /contacts/search/duplicate` (the location's own matching: email first, then phone).
extension HighLevelFake {
    static let contactSearchKeys: Set<String> = [
        "locationId", "page", "pageLimit", "searchAfter", "filters", "sort", "query",
    ]
    static let filterOperators: Set<String> = [
        "eq", "not_eq", "contains", "not_contains", "exists", "not_exists", "range",
    ]

    /// A contact as the search endpoints return it: the name in parts, as HighLevel keeps it.
    struct FoundContactJSON: Encodable {
        let id: String
        let locationId: String
        let firstName: String?
        let lastName: String?
        let firstNameLowerCase: String?
        let lastNameLowerCase: String?
        let email: String?
        let phone: String?
        let companyName: String?
        let tags: [String]

        init(_ contact: Contact) {
            let parts = contact.name.map { $0.split(separator: " ", maxSplits: 1).map(String.init) } ?? []
            id = contact.id
            locationId = contact.locationId
            firstName = parts.first
            lastName = parts.count > 1 ? parts[1] : nil
            firstNameLowerCase = firstName?.lowercased()
            lastNameLowerCase = lastName?.lowercased()
            email = contact.email
            phone = contact.phone
            companyName = contact.companyName
            tags = contact.tags
        }

        /// The value a filter on `field` compares with.
        func value(of field: String) -> String? {
            switch field {
            case "id": return id
            case "email": return email?.lowercased()
            case "phone": return phone
            case "firstNameLowerCase": return firstNameLowerCase
            case "lastNameLowerCase": return lastNameLowerCase
            case "companyName": return companyName?.lowercased()
            default: return nil
            }
        }
    }

    func contactSearch(_ request: FakeRequest) -> FakeReply {
        guard let body = request.jsonObject else { return Self.badRequest("Unexpected token in JSON") }
        var problems = body.keys.filter { !Self.contactSearchKeys.contains($0) }.sorted()
            .map { "property \($0) should not exist" }
        let pageLimit = (body["pageLimit"] as? NSNumber)?.intValue
        if body["pageLimit"] == nil || !(body["pageLimit"] is NSNumber) {
            problems.append("pageLimit must be a number conforming to the specified constraints")
        } else if let pageLimit, !(1...500).contains(pageLimit) {
            problems.append("pageLimit must not be greater than 500 and not less than 1")
        }
        if let page = body["page"], !((page as? NSNumber).map { $0.intValue >= 1 } ?? false) {
            problems.append("page must be a positive number")
        }
        if body["page"] != nil && body["searchAfter"] != nil {
            problems.append("page and searchAfter cannot be used together")
        }
        if let query = body["query"] {
            if let text = query as? String {
                if text.count > 75 { problems.append("query must be shorter than or equal to 75 characters") }
            } else {
                problems.append("query must be a string")
            }
        }
        let filters = body["filters"] as? [Any] ?? []
        if body["filters"] != nil && !(body["filters"] is [Any]) { problems.append("filters must be an array") }
        problems += Self.filterProblems(filters)
        guard problems.isEmpty else { return Self.unprocessable(problems) }
        if let refused = checkLocation(body["locationId"] as? String, name: "locationId") { return refused }

        let text = (body["query"] as? String)?.lowercased() ?? ""
        let found = state.withLock { state in
            state.contacts.values.sorted { $0.id < $1.id }.map(FoundContactJSON.init).filter { contact in
                let original = state.contacts[contact.id]
                let searched = [original?.name, original?.email, original?.phone, original?.companyName]
                let matchesText =
                    text.isEmpty
                    || searched
                        .contains { $0?.lowercased().contains(text) ?? false }
                return matchesText && filters.allSatisfy { Self.matches(contact, filter: $0) }
            }
        }
        let page = max(1, (body["page"] as? NSNumber)?.intValue ?? 1)
        let limit = pageLimit ?? 20
        struct Body: Encodable { let contacts: [FoundContactJSON]; let total: Int }
        return .json(200, Body(contacts: Array(found.dropFirst((page - 1) * limit).prefix(limit)), total: found.count))
    }

    /// Each filter is `{field, operator, value}` or a group `{group: "AND" | "OR", filters: [...]}`.
    static func filterProblems(_ filters: [Any]) -> [String] {
        filters.enumerated().flatMap { index, item -> [String] in
            guard let filter = item as? [String: Any] else { return ["filters.\(index) must be an object"] }
            if let group = filter["group"] {
                guard ["AND", "OR"].contains(group as? String), let inner = filter["filters"] as? [Any] else {
                    return ["filters.\(index): a group is AND or OR with its own filters"]
                }
                return filterProblems(inner)
            }
            var problems: [String] = []
            if !(filter["field"] is String) { problems.append("filters.\(index).field must be a string") }
            guard let operation = filter["operator"] as? String, filterOperators.contains(operation) else {
                let known = filterOperators.sorted().joined(separator: ", ")
                return problems + ["filters.\(index).operator must be one of: \(known)"]
            }
            let needsValue = !["exists", "not_exists"].contains(operation)
            if needsValue && filter["value"] == nil {
                problems.append("filters.\(index).value is required for \(operation)")
            }
            if let text = filter["value"] as? String, text.count > 75 {
                problems.append("filters.\(index).value must be shorter than or equal to 75 characters")
            }
            return problems
        }
    }

    static func matches(_ contact: FoundContactJSON, filter item: Any) -> Bool {
        guard let filter = item as? [String: Any] else { return false }
        if let group = filter["group"] as? String, let inner = filter["filters"] as? [Any] {
            let one = { (inner: Any) in matches(contact, filter: inner) }
            return group == "OR" ? inner.contains(where: one) : inner.allSatisfy(one)
        }
        let actual = (filter["field"] as? String).flatMap(contact.value(of:))
        let wanted = (filter["value"] as? String)?.lowercased()
        switch filter["operator"] as? String {
        case "eq": return actual != nil && actual?.lowercased() == wanted
        case "not_eq": return actual?.lowercased() != wanted
        case "contains": return wanted.map { actual?.lowercased().contains($0) ?? false } ?? false
        case "not_contains": return !(wanted.map { actual?.lowercased().contains($0) ?? false } ?? false)
        case "exists": return actual != nil
        case "not_exists": return actual == nil
        default: return false
        }
    }

    func duplicateContact(_ request: FakeRequest) -> FakeReply {
        if let unknown = request.queryNames.first(where: { !["locationId", "number", "email"].contains($0) }) {
            return Self.unprocessable(["property \(unknown) should not exist"])
        }
        if let refused = checkLocation(request.query["locationId"], name: "locationId") { return refused }
        let email = request.query["email"]?.lowercased(), number = request.query["number"]
        let found = state.withLock { state -> Contact? in
            let contacts = state.contacts.values.sorted { $0.id < $1.id }
            if let email, let match = contacts.first(where: { $0.email?.lowercased() == email }) { return match }
            if let number { return contacts.first { $0.phone == number } }
            return nil
        }
        struct Body: Encodable { let contact: Contact? }
        return .json(200, Body(contact: found))
    }
}

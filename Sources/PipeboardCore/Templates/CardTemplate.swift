import Foundation

/// Text with `{{placeholder}}`s filled from a card: a web page's address (`url_template`) or a custom command's
/// shell line. Each value goes through an escape chosen by the caller (percent-encoding, shell quoting), so text
/// from a provider is data in the result, never syntax.
public struct CardTemplate: Hashable, Sendable {
    public enum Piece: Hashable, Sendable {
        case literal(String)
        case placeholder(String)
    }

    /// The text as written.
    public let text: String
    public let pieces: [Piece]

    /// Every placeholder a template may use, in the order the docs list them.
    public static let placeholderNames = [
        "id", "remote_id", "name", "account", "pipeline", "stage", "stage_id", "url", "value", "currency", "status",
        "provider_status", "owner", "contact", "company", "email", "phone", "close_date", "source", "tags",
    ]

    /// Reads `text`; an unknown placeholder or a `{{` left open is an error that names the fix.
    public init(_ text: String) throws(CardTemplateError) {
        self.text = text
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { pieces.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else { throw .unclosed }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard Self.placeholderNames.contains(name) else { throw .unknownPlaceholder(name) }
            pieces.append(.placeholder(name))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        self.pieces = pieces
    }

    /// The placeholders used, in order.
    public var placeholders: [String] {
        pieces.compactMap { if case .placeholder(let name) = $0 { name } else { nil } }
    }

    /// The text with each placeholder replaced by `escape(value)`; a field the card lacks is empty text.
    public func render(_ values: [String: String], escape: (String) -> String) -> String {
        pieces.map { piece in
            switch piece {
            case .literal(let text): text
            case .placeholder(let name): escape(values[name] ?? "")
            }
        }.joined()
    }
}

/// Why a template cannot be used.
public enum CardTemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    case unclosed
    case unknownPlaceholder(String)

    public var description: String {
        switch self {
        case .unclosed: "a {{ has no closing }}"
        case .unknownPlaceholder(let name):
            "unknown placeholder {{\(name)}}; "
                + (Spelling.closest(to: name, among: CardTemplate.placeholderNames).map { "did you mean {{\($0)}}? " }
                    ?? "") + "placeholders are "
                + CardTemplate.placeholderNames.map { "{{\($0)}}" }.joined(separator: ", ")
        }
    }
}

extension CardTemplate {
    /// What each placeholder stands for on `card`: `stage` and `pipeline` by name, `value` as an exact decimal
    /// ("12500.00"), `tags` comma-separated, `url` the card's page in its CRM where there is one.
    public static func values(of card: Opportunity, stage: String?, pipeline: String?, url: String?) -> [String: String]
    {
        var values: [String: String] = [
            "id": card.id.uuidString.lowercased(), "name": card.name, "account": card.account,
            "stage_id": card.stageID, "status": card.status.rawValue, "tags": card.tags.joined(separator: ","),
        ]
        let optional: [String: String?] = [
            "remote_id": card.remoteID, "pipeline": pipeline, "stage": stage, "url": url,
            "value": card.value?.decimalString, "currency": card.value?.currency,
            "provider_status": card.providerStatus, "owner": card.owner, "contact": card.contactName,
            "company": card.companyName, "email": card.email, "phone": card.phone, "close_date": card.closeDate,
            "source": card.source,
        ]
        for (key, value) in optional { if let value { values[key] = value } }
        return values
    }
}

/// How values are written into a template's result.
public enum TemplateEscape {
    /// For an address: everything but RFC 3986's unreserved characters is percent-encoded, so a value is one
    /// path segment or query value and cannot end it.
    public static func percentEncoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// For a POSIX shell: one single-quoted word, each `'` written as `'\''`. NUL, which no argument can carry,
    /// is dropped.
    public static func shellQuoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\0", with: "").replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// An account's deal pages: an address template, or why its deals have none.
public enum DealPage: Hashable, Sendable {
    case at(CardTemplate)
    case none(reason: String)
}

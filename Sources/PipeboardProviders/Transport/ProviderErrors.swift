import Foundation
import PipeboardCore

/// Turns an HTTP error answer into a ProviderError that carries the provider's own words.
enum ProviderErrors {
    /// Longest provider message kept: enough for a validation list, never a page of HTML.
    static let maxMessage = 300

    static func from(status: Int, body: Data, retryAfter: Duration?, redact: Redactor) -> ProviderError {
        let message = redact(providerMessage(in: body) ?? "HTTP \(status)")
        switch status {
        case 401, 403: return .unauthorized(message)
        case 404: return .notFound(message)
        case 429: return .rateLimited(retryAfter: retryAfter?.timeInterval)
        case 500...: return .transient("HTTP \(status): \(message)")
        default: return .rejected(status: status, message: message)
        }
    }

    /// `message` (HighLevel: a string, or an array on 422), `messages` (Twenty), else `error` (Coastline);
    /// Coperniq's `field` is put before its message.
    static func providerMessage(in body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            let text = ProviderText.clean(String(decoding: body.prefix(maxMessage), as: UTF8.self))
            return text.nilIfBlank
        }
        // Coperniq names the field a validation error is about beside the message.
        let field = (object["field"] as? String).flatMap { ProviderText.clean($0).nilIfBlank }
        for key in ["message", "messages", "error"] {
            if let text = object[key] as? String, let clean = ProviderText.clean(text).nilIfBlank {
                let named = field.map { clean.contains($0) ? clean : "\($0): \(clean)" } ?? clean
                return String(named.prefix(maxMessage))
            }
            if let list = object[key] as? [Any] {
                let joined = list.compactMap { $0 as? String }.map { ProviderText.clean($0) }.joined(separator: "; ")
                if let clean = joined.nilIfBlank { return String(clean.prefix(maxMessage)) }
            }
        }
        return nil
    }
}

import AsyncHTTPClient
import Foundation
import NIOSSL

/// The rules for where a token may be sent: HTTPS with certificate checks, always, except to this machine.
/// Plain HTTP and an unchecked certificate (`insecure_loopback = true`, for a local test server with a
/// self-signed certificate) are accepted only for loopback hosts, where no network sees the token.
package enum TransportSecurity {
    /// Why a base URL is refused, worded with the fix.
    package struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        package var description: String
    }

    /// True for 127.0.0.0/8, ::1 and localhost.
    package static func isLoopback(host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let lower = bare.lowercased()
        if lower == "localhost" || lower.hasSuffix(".localhost") || lower == "::1" { return true }
        let parts = lower.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Checks `baseURL` against the rules; `insecureLoopback` is the account's explicit switch.
    package static func check(baseURL: String, insecureLoopback: Bool) throws(Refusal) {
        guard let components = URLComponents(string: baseURL), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw Refusal(description: "base_url '\(baseURL)' is not a URL; write it as https://host")
        }
        let loopback = isLoopback(host: host)
        switch scheme {
        case "https": break
        case "http":
            guard loopback else {
                throw Refusal(
                    description:
                        "base_url '\(baseURL)' is plain http, "
                        + "which would send the token unencrypted; use https://\(host)"
                )
            }
        default:
            throw Refusal(description: "base_url '\(baseURL)' must start with https://")
        }
        if insecureLoopback && !loopback {
            throw Refusal(
                description:
                    "insecure_loopback turns certificate checks off and is only accepted for 127.0.0.1, "
                    + "::1 or localhost, not \(host); remove it"
            )
        }
    }

    /// TLS for provider requests: full certificate and host-name verification unless explicitly insecure.
    static func tlsConfiguration(verifyCertificates: Bool) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = verifyCertificates ? .fullVerification : .none
        return tls
    }
}

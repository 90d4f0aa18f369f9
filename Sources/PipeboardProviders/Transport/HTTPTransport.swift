import AsyncHTTPClient
import Foundation
import Logging
import PipeboardCore

/// One provider account's way to the network: base URL, auth headers, pacing, retries, error mapping and
/// redaction. Clients build paths and bodies; everything about the wire's failures is handled here.
package struct HTTPTransport: Sendable {
    package enum Method: String, Sendable { case GET, POST, PUT, PATCH, DELETE }

    let http: HTTPClient
    let baseURL: String
    let headers: [(String, String)]
    let pacer: Pacer
    let retry: RetryPolicy
    let redact: Redactor
    let logger: Logger
    /// How the provider says its window is used up (HighLevel's X-RateLimit-* headers), beyond Retry-After.
    let rateLimitHint: @Sendable (_ header: (String) -> String?) -> Duration?
    /// A counted daily allowance (Coperniq): every attempt takes one, and the provider's remaining count corrects it.
    let budget: DailyBudget?

    package init(
        http: HTTPClient, baseURL: String, headers: [(String, String)], secrets: [String], pacer: Pacer,
        retry: RetryPolicy, logger: Logger, budget: DailyBudget? = nil,
        rateLimitHint: @escaping @Sendable (_ header: (String) -> String?) -> Duration? = { _ in nil }
    ) {
        self.http = http
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.headers = headers
        self.pacer = pacer
        self.retry = retry
        self.redact = Redactor(secrets: secrets)
        self.logger = logger
        self.rateLimitHint = rateLimitHint
        self.budget = budget
    }

    /// An HTTPClient for providers: a connect timeout, and no redirects (they could carry the token elsewhere).
    /// A connection that cannot be made fails the request at once: by default the client would keep trying to
    /// connect, with backoff, until the connect timeout (10 s per attempt against a refused port).
    /// Certificates are always verified; `verifyCertificates: false` is for loopback test servers only
    /// (see `TransportSecurity`).
    package static func makeClient(connectTimeout: Duration = .seconds(10), verifyCertificates: Bool = true)
        -> HTTPClient
    {
        let millis = Int64(connectTimeout.timeInterval * 1_000)
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: TransportSecurity.tlsConfiguration(verifyCertificates: verifyCertificates),
            redirectConfiguration: .disallow, timeout: .init(connect: .milliseconds(millis)))
        configuration.httpVersion = .http1Only
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends a request and returns the body of a 2xx answer.
    /// - Parameter idempotent: whether sending twice is harmless; a network error after a non-idempotent request
    ///   may have left the write applied, so it is not resent here (the client decides how to recover).
    package func send(
        _ method: Method, _ path: String, query: [URLQueryItem] = [], json body: Data? = nil,
        idempotent: Bool? = nil
    ) async throws -> Data {
        let url = try makeURL(path, query: query)
        let resendable = idempotent ?? (method != .POST)
        var attempt = 0
        while true {
            try await pacer.acquire()
            try budget?.take()
            let failure: Failure
            switch await once(method, url: url, body: body) {
            case .success(let data): return data
            case .failure(let refused): failure = refused
            }
            var paced = false
            if let hold = failure.hold {
                await pacer.pause(for: hold)
            } else if case .rateLimited = failure.error {
                paced = await pacer.refused()
            }
            attempt += 1
            // An unreachable provider is not tried again here: a person waits on this call, and the outbox and
            // the background sync try again later with their own backoff.
            if case .unreachable = failure.error { throw failure.error }
            guard failure.error.isRetryable, resendable || failure.untouched, attempt < retry.maxAttempts else {
                throw failure.error
            }
            if let requested = failure.hold, requested > retry.longestWait { throw failure.error }
            // A token bucket's pacer knows when the next token comes: its slot is the wait.
            let delay = paced ? .zero : retry.backoff.delay(attempt: attempt - 1, requested: failure.hold)
            logger.notice("\(method.rawValue) \(redact(path)) failed (\(failure.error)); retry \(attempt) in \(delay)")
            try await Task.sleep(for: delay)
        }
    }

    private struct Failure: Error {
        var error: ProviderError
        /// How long the provider asked to wait.
        var hold: Duration?
        /// The provider refused before doing anything (429), so even a write can be sent again.
        var untouched = false
    }

    private func once(_ method: Method, url: String, body: Data?) async -> Result<Data, Failure> {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method.rawValue)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        let started = ContinuousClock.now
        do {
            let timeout = Int64(retry.requestTimeout.timeInterval * 1_000)
            let response = try await http.execute(request, timeout: .milliseconds(timeout))
            let buffer = try await response.body.collect(upTo: 32 * 1024 * 1024)
            let data = Data(buffer.readableBytesView)
            let status = Int(response.status.code)
            let header: (String) -> String? = { response.headers.first(name: $0) }
            RateLimitReading.record(header: header)
            // Only a count given against the daily limit corrects the daily budget (not a per-second window's).
            if let budget, header("X-RateLimit-Limit").flatMap(Int.init) == budget.limit,
                let left = header("X-RateLimit-Remaining").flatMap(Int.init)
            {
                budget.report(remaining: left)
            }
            logger.debug("\(method.rawValue) \(redact(url)) -> \(status) in \(ContinuousClock.now - started)")
            let retryAfter = RetryAfter.parse(header("Retry-After"))
            var hold = retryAfter ?? rateLimitHint(header)
            if (200..<300).contains(status) {
                if let retryAfter {
                    await pacer.pause(for: retryAfter)
                } else if let window = hold {
                    // Went through and used up the window: wait no longer than that window can last.
                    await pacer.windowUsedUp(window)
                }
                return .success(data)
            }
            if status != 429 && status < 500 { hold = nil }
            let error = ProviderErrors.from(status: status, body: data, retryAfter: hold, redact: redact)
            // A 5xx may have applied a write before failing; only 429 is known to be untouched.
            return .failure(Failure(error: error, hold: hold, untouched: status == 429))
        } catch {
            let text = redact(String(describing: error))
            logger.notice("\(method.rawValue) \(redact(url)) network error: \(text)")
            let line = Self.describe(error, redacted: text)
            // Nothing reached the provider: even a write may go again.
            if Self.isUnreachable(error, redacted: text) {
                return .failure(Failure(error: .unreachable(line), untouched: true))
            }
            return .failure(Failure(error: .transient(line)))
        }
    }

    /// A user-facing line for a network error, not a Swift dump.
    static func describe(_ error: any Error, redacted: String) -> String {
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout: return "could not connect in time"
            case .deadlineExceeded, .readTimeout: return "the provider did not answer in time"
            case .remoteConnectionClosed: return "the provider closed the connection"
            default: break
            }
        }
        if redacted.contains("CERTIFICATE_VERIFY_FAILED") || redacted.contains("unableToValidateCertificate")
            || redacted.contains("handshakeFailed")
        {
            return "the provider's TLS certificate could not be verified (certificate checks are always on)"
        }
        if redacted.contains("connectionRefused") || redacted.contains("Connection refused") {
            return "connection refused"
        }
        return "network error (\(redacted.prefix(120)))"
    }

    /// No connection could be made: refused, no route to the host or network, no such host, or none in time.
    static func isUnreachable(_ error: any Error, redacted: String) -> Bool {
        if let client = error as? HTTPClientError, client == .connectTimeout { return true }
        let signs = [
            "connectionRefused", "Connection refused", "No route to host", "Network is unreachable",
            "Host is unreachable", "NIOConnectionError", "dnsAError", "getaddrinfo",
        ]
        return signs.contains { redacted.contains($0) }
    }

    /// An id made safe as one path segment.
    package static func segment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? id
    }

    private func makeURL(_ path: String, query: [URLQueryItem]) throws -> String {
        guard var components = URLComponents(string: baseURL + path) else {
            throw ProviderError.invalidResponse("bad base URL \(redact(baseURL))")
        }
        if !query.isEmpty { components.queryItems = query }
        // URLComponents leaves '+' alone, which servers read as a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let url = components.string else { throw ProviderError.invalidResponse("bad URL for \(redact(path))") }
        return url
    }
}

import AsyncHTTPClient
import Foundation
import PipeboardCore
import PipeboardProviders
import Testing

/// Certificates are always checked; only a loopback base URL may switch the check off, and only explicitly.
@Suite(.serialized) struct TransportSecurityTests {
    @Test(
        arguments: [
            ("https://services.leadconnectorhq.com", false, nil),
            ("http://127.0.0.1:8080", false, nil),
            ("http://localhost:8080", false, nil),
            ("https://[::1]:8443", true, nil),
            ("https://127.0.0.1:8443", true, nil),
            ("http://crm.example.com", false, "plain http"),
            ("https://crm.example.com", true, "only accepted for 127.0.0.1, ::1 or localhost, not crm.example.com"),
            ("https://127.0.0.1.evil.example", true, "not 127.0.0.1.evil.example"),
            ("ftp://127.0.0.1", false, "must start with https://"),
            ("crm.example.com", false, "is not a URL"),
        ] as [(String, Bool, String?)])
    func baseURLRules(url: String, insecure: Bool, refusal: String?) {
        do {
            try TransportSecurity.check(baseURL: url, insecureLoopback: insecure)
            #expect(refusal == nil, "\(url) was accepted")
        } catch {
            #expect(refusal.map { error.description.contains($0) } == true, "\(url): \(error.description)")
        }
    }

    /// A real TLS server on loopback with a self-signed certificate: the default client refuses it during the
    /// handshake; the explicit insecure client reaches it (and then finds it is not HighLevel).
    @Test func aSelfSignedCertificateIsRefusedUnlessExplicitlyAllowed() async throws {
        let server = try SelfSignedServer.start()
        defer { server.stop() }
        let verified = HTTPTransport.makeClient(connectTimeout: .seconds(2))
        let unverified = HTTPTransport.makeClient(connectTimeout: .seconds(2), verifyCertificates: false)
        let retry = RetryPolicy(
            maxAttempts: 1, baseDelay: .milliseconds(1), maxDelay: .milliseconds(1), longestWait: .seconds(1),
            requestTimeout: .seconds(5))
        func client(_ http: HTTPClient) -> HighLevelClient {
            HighLevelClient(
                baseURL: server.baseURL, token: "tls-test-token", locationID: "loc", currency: "USD", http: http,
                pacer: Pacer(limit: 1_000, per: .seconds(1)), retry: retry)
        }
        let refused = await #expect(throws: ProviderError.self) { try await client(verified).fetchPipelines() }
        #expect(
            String(describing: refused).contains("TLS certificate could not be verified"),
            "\(String(describing: refused))")
        let reached = await #expect(throws: ProviderError.self) { try await client(unverified).fetchPipelines() }
        try await verified.shutdown()
        try await unverified.shutdown()
        guard case .invalidResponse? = reached else {
            Issue.record(
                "the insecure client should reach the server and fail to decode, got \(String(describing: reached))")
            return
        }
    }
}

/// `openssl s_server -www` with a fresh self-signed certificate for 127.0.0.1, on a free loopback port.
struct SelfSignedServer {
    let process: Process
    let folder: URL
    let port: Int
    var baseURL: String { "https://127.0.0.1:\(port)" }

    static func start() throws -> SelfSignedServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-keyout", folder.appendingPathComponent("key.pem").path, "-out",
            folder.appendingPathComponent("cert.pem").path,
        ]
        make.standardOutput = FileHandle.nullDevice
        make.standardError = FileHandle.nullDevice
        try make.run()
        make.waitUntilExit()
        guard make.terminationStatus == 0 else { throw TLSTestError("openssl could not make a certificate") }
        for _ in 0..<5 {
            let port = try freePort()
            let server = Process()
            server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            server.arguments = [
                "openssl", "s_server", "-accept", "127.0.0.1:\(port)", "-www", "-quiet",
                "-cert", folder.appendingPathComponent("cert.pem").path, "-key",
                folder.appendingPathComponent("key.pem").path,
            ]
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            let deadline = Date().addingTimeInterval(5)
            while Date() < deadline && server.isRunning {
                if canConnect(port: port) { return SelfSignedServer(process: server, folder: folder, port: port) }
                Thread.sleep(forTimeInterval: 0.05)
            }
            if server.isRunning { kill(server.processIdentifier, SIGKILL) }
        }
        throw TLSTestError("openssl s_server did not start")
    }

    func stop() {
        // s_server does not stop on SIGTERM while it serves.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw TLSTestError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

struct TLSTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
